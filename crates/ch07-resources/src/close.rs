//! Exercise `close`: explicit `close().await`, and a `Drop` that never
//! forgets.

use std::marker::PhantomData;

use crate::scope::Resource;

/// Owns a resource until it is closed.
///
/// Rust has no async `Drop`, so the right way to finish is to call
/// [`Closing::close`] and await it. But a value can always be dropped
/// without that (an early return, a panic, a cancelled task), and the
/// release must not be lost then: `Drop` is the fallback.
///
/// The release runs **exactly once**:
/// - `close().await` releases now and returns once the release is done;
///   the `Drop` that follows must not release again.
/// - Dropped without `close`, inside a tokio runtime: hand the release to
///   the runtime (`tokio::spawn`). `drop` must not wait for it: blocking in
///   `drop` would block the runtime's thread.
/// - Dropped without `close`, outside any runtime: there is nothing to spawn
///   on, so build a small current-thread runtime and `block_on` the release
///   before `drop` returns.
///
/// Replace the placeholder field with the fields you need.
///
/// ```no_run
/// # use ch07_resources::{close::Closing, scope::Resource};
/// # struct File;
/// # impl Resource for File { async fn release(self) {} }
/// # async fn demo() {
/// let mut file = Closing::new(File);
/// let _inner: &mut File = file.get_mut();
/// file.close().await; // released, and dropping it now does nothing more
/// # }
/// ```
#[derive(Debug)]
pub struct Closing<R: Resource> {
    _todo: PhantomData<R>,
}

impl<R: Resource> Closing<R> {
    /// Takes ownership of `resource`, which is released by [`close`](Closing::close)
    /// or, failing that, when the `Closing` is dropped.
    pub fn new(resource: R) -> Closing<R> {
        todo!()
    }

    /// The resource, to use it while it is open.
    pub fn get_mut(&mut self) -> &mut R {
        todo!()
    }

    /// Releases the resource now, and returns once the release is done.
    pub async fn close(self) {
        todo!()
    }
}

impl<R: Resource> Drop for Closing<R> {
    fn drop(&mut self) {
        todo!()
    }
}
