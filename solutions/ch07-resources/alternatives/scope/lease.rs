//! Exercise `scope`: a lease owns the resource; `release().await` gives it
//! back on the normal paths, and the lease's `Drop` spawns the release on
//! any other.

use std::future::Future;
use std::panic::{AssertUnwindSafe, resume_unwind};

use futures::FutureExt;

pub trait Resource: Send + 'static {
    fn release(self) -> impl Future<Output = ()> + Send;
}

struct Lease<R: Resource> {
    resource: Option<R>,
}

impl<R: Resource> Lease<R> {
    fn get(&mut self) -> &mut R {
        self.resource.as_mut().expect("held until released")
    }

    async fn release(mut self) {
        if let Some(resource) = self.resource.take() {
            resource.release().await;
        }
    }
}

impl<R: Resource> Drop for Lease<R> {
    fn drop(&mut self) {
        if let Some(resource) = self.resource.take() {
            tokio::spawn(resource.release());
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
    let mut lease = Lease {
        resource: Some(acquire.await?),
    };
    let outcome = AssertUnwindSafe(body(lease.get())).catch_unwind().await;
    lease.release().await;
    outcome.unwrap_or_else(|panic| resume_unwind(panic))
}
