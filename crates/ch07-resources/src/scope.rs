//! Exercise `scope`: acquire, use, release — on every path out.

use std::future::Future;

/// Something that must be released after use, and whose release takes time:
/// a connection to close, a lock to give back over the network.
///
/// `release` takes the resource by value: once released, it is gone.
/// `Send + 'static` so a release can be handed to the runtime as a task of
/// its own when no one is left to await it.
pub trait Resource: Send + 'static {
    fn release(self) -> impl Future<Output = ()> + Send;
}

/// Awaits `acquire`, runs `body` with the resource, releases the resource,
/// and returns what `body` returned: the Rust shape of Python's
/// `async with acquire() as resource: ...`.
///
/// - If `acquire` fails, return its error; there is nothing to release.
/// - When `body` returns, `Ok` or `Err`, await `release` before returning.
/// - When `body` panics, await `release`, then let the same panic carry on
///   to the caller (`std::panic::resume_unwind`).
/// - When the `scope` future itself is dropped midway (a timeout, a
///   `select!` that took the other branch), `Drop` cannot await: hand the
///   release to the runtime with `tokio::spawn` so it still happens.
///
/// ```no_run
/// # use ch07_resources::scope::{Resource, scope};
/// # struct Conn;
/// # impl Resource for Conn { async fn release(self) {} }
/// # async fn demo() {
/// let rows = scope(async { Ok::<_, String>(Conn) }, async |_conn: &mut Conn| Ok(3)).await;
/// assert_eq!(rows, Ok(3)); // and the connection was released
/// # }
/// ```
pub async fn scope<R, T, E>(
    acquire: impl Future<Output = Result<R, E>>,
    body: impl AsyncFnOnce(&mut R) -> Result<T, E>,
) -> Result<T, E>
where
    R: Resource,
{
    todo!()
}
