//! Exercise `group`: a task group that fails as a whole.

use std::future::Future;

/// Python's `asyncio.TaskGroup`: runs every future as a task of its own,
/// all at once, and waits for all of them.
///
/// If every future succeeds, returns their values in the order of
/// `futures`. As soon as one fails, cancels all the others and waits until
/// they have stopped, then returns every error a member returned: the one
/// that ended the group, and any other that had already come back before
/// the others were cancelled (members that fail at the same moment).
/// Errors are never swallowed, and no task of the group is still running
/// when `run_group` returns.
///
/// The futures do not panic; if one did, `run_group` may panic too.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch03_tasks::group::run_group;
/// # async fn demo() {
/// let job = |secs: u64, ok: bool| async move {
///     tokio::time::sleep(Duration::from_secs(secs)).await;
///     if ok { Ok(secs) } else { Err(format!("{secs} failed")) }
/// };
/// assert_eq!(run_group(vec![job(2, true), job(1, true)]).await, Ok(vec![2, 1])); // after 2 s
/// let failed = run_group(vec![job(2, false), job(9, true)]).await; // after 2 s, not 9 s
/// assert_eq!(failed, Err(vec!["2 failed".to_string()]));
/// # }
/// ```
pub async fn run_group<T, E, F>(futures: Vec<F>) -> Result<Vec<T>, Vec<E>>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    todo!()
}
