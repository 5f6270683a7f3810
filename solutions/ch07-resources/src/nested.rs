//! Exercise `nested`: several resources, released in reverse order.

use crate::scope::Resource;

/// Opens in order, releases in reverse, on success and on failure alike.
pub async fn nested<R, T, E>(
    names: &[&str],
    mut open: impl AsyncFnMut(&str) -> Result<R, E>,
    body: impl AsyncFnOnce(&mut [R]) -> Result<T, E>,
) -> Result<T, E>
where
    R: Resource,
{
    let mut opened = Vec::with_capacity(names.len());
    for &name in names {
        match open(name).await {
            Ok(resource) => opened.push(resource),
            Err(error) => {
                release_all(opened).await;
                return Err(error);
            }
        }
    }
    let result = body(&mut opened).await;
    release_all(opened).await;
    result
}

/// `pop` takes the last opened first. Awaiting each release in turn keeps
/// the order: releasing them all at once (`join_all`) would not.
async fn release_all<R: Resource>(mut opened: Vec<R>) {
    while let Some(resource) = opened.pop() {
        resource.release().await;
    }
}
