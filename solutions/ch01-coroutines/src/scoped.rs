//! Exercise `scoped`: acquire, use, release — whatever happens in between.

/// Something that must be released after use.
// Used through generics on one thread, so the futures need not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Resource {
    async fn acquire(&mut self);
    async fn release(&mut self);
}

/// Keep the body's result instead of returning early with `?`, so the
/// release runs on both paths.
pub async fn using<R, T, E>(
    resource: &mut R,
    body: impl AsyncFnOnce(&mut R) -> Result<T, E>,
) -> Result<T, E>
where
    R: Resource,
{
    resource.acquire().await;
    let result = body(resource).await;
    resource.release().await;
    result
}
