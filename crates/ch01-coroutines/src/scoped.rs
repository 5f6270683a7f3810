//! Exercise `scoped`: acquire, use, release — whatever happens in between.

/// Something that must be released after use: a lock, a connection, a
/// temporary directory.
// Used through generics on one thread, so the futures need not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Resource {
    async fn acquire(&mut self);
    async fn release(&mut self);
}

/// Acquires `resource`, runs `body` with it, then releases it, and returns
/// what `body` returned.
///
/// The release happens after `body` has finished, and it happens when `body`
/// returns an error too. `using` returns only once the release is done.
///
/// ```no_run
/// # use ch01_coroutines::scoped::{Resource, using};
/// # struct Door;
/// # impl Resource for Door { async fn acquire(&mut self) {} async fn release(&mut self) {} }
/// # async fn demo() {
/// let mut door = Door;
/// let result: Result<u32, String> = using(&mut door, async |_door: &mut Door| Ok(7)).await;
/// assert_eq!(result, Ok(7)); // and the door was released
/// # }
/// ```
pub async fn using<R, T, E>(
    resource: &mut R,
    body: impl AsyncFnOnce(&mut R) -> Result<T, E>,
) -> Result<T, E>
where
    R: Resource,
{
    todo!()
}
