//! Exercise `nested`: several resources, released in reverse order.

use crate::scope::Resource;

/// Opens one resource per name, in the order of `names`, with `open`; runs
/// `body` with all of them (in the same order); then releases them in
/// **reverse** order, one after another, each release awaited before the
/// next. Returns what `body` returned.
///
/// This is Python's nested `async with a, b, c:`: the last opened depends on
/// the ones before it, so it is released first.
///
/// If opening one fails, the body does not run: release the ones already
/// opened (in reverse order) and return the error. When the body fails,
/// release everything too, and return the body's error.
///
/// ```no_run
/// # use ch07_resources::{nested::nested, scope::Resource};
/// # struct Conn(String);
/// # impl Resource for Conn { async fn release(self) {} }
/// # async fn demo() {
/// let names = ["db", "cache"];
/// let open = async |name: &str| Ok::<_, String>(Conn(name.to_string()));
/// let count = nested(&names, open, async |all: &mut [Conn]| Ok(all.len())).await;
/// assert_eq!(count, Ok(2)); // then "cache" was released, then "db"
/// # }
/// ```
pub async fn nested<R, T, E>(
    names: &[&str],
    open: impl AsyncFnMut(&str) -> Result<R, E>,
    body: impl AsyncFnOnce(&mut [R]) -> Result<T, E>,
) -> Result<T, E>
where
    R: Resource,
{
    todo!()
}
