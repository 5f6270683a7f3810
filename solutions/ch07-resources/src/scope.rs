//! Exercise `scope`: acquire, use, release — on every path out.

use std::future::Future;
use std::panic::{AssertUnwindSafe, resume_unwind};

use futures::FutureExt;

/// Something that must be released after use, and whose release takes time.
pub trait Resource: Send + 'static {
    fn release(self) -> impl Future<Output = ()> + Send;
}

/// Holds the resource while the body runs. If the `scope` future is dropped
/// before the release is awaited, `Drop` cannot await it, so it spawns it.
struct ReleaseOnDrop<R: Resource>(Option<R>);

impl<R: Resource> Drop for ReleaseOnDrop<R> {
    fn drop(&mut self) {
        if let Some(resource) = self.0.take() {
            // Outside a runtime there is nowhere to run it; `close` shows a
            // fallback for that case.
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(resource.release());
            }
        }
    }
}

pub async fn scope<R, T, E>(
    acquire: impl Future<Output = Result<R, E>>,
    body: impl AsyncFnOnce(&mut R) -> Result<T, E>,
) -> Result<T, E>
where
    R: Resource,
{
    let mut guard = ReleaseOnDrop(Some(acquire.await?));
    let resource = guard.0.as_mut().expect("the guard holds the resource");
    // Catch a panic only to release first; it is re-raised below.
    let outcome = AssertUnwindSafe(body(resource)).catch_unwind().await;
    if let Some(resource) = guard.0.take() {
        resource.release().await;
    }
    match outcome {
        Ok(result) => result,
        Err(panic) => resume_unwind(panic),
    }
}
