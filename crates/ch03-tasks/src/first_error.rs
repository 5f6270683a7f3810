//! Exercise `first_error`: stop at the first failure or a timeout, and
//! cancel whatever is still running.

use std::future::Future;
use std::time::Duration;

/// What became of one future given to [`wait_first_error`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settled<T, E> {
    /// It finished with `Ok` and this value.
    Done(T),
    /// It finished with `Err` and this error.
    Failed(E),
    /// It was still running when the wait ended, and was cancelled.
    Cancelled,
}

/// Python's `asyncio.wait(tasks, timeout=..., return_when=FIRST_EXCEPTION)`
/// followed by cancelling the pending tasks, done properly.
///
/// Runs every future as a task of its own, all at once, and waits until
/// one of them fails, or all have finished, or `timeout` has passed,
/// whichever comes first. Then cancels the tasks still running and waits
/// until they have stopped: when this returns, none of them is running any
/// more. Returns one entry per future, in the order of `futures`.
///
/// The futures do not panic; if one did, `wait_first_error` may panic too.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch03_tasks::first_error::{wait_first_error, Settled};
/// # async fn demo() {
/// let job = |secs: u64, ok: bool| async move {
///     tokio::time::sleep(Duration::from_secs(secs)).await;
///     if ok { Ok(secs) } else { Err("broken") }
/// };
/// let settled = wait_first_error(Duration::from_secs(60), vec![job(1, true), job(2, false), job(9, true)]).await;
/// assert_eq!(settled, [Settled::Done(1), Settled::Failed("broken"), Settled::Cancelled]); // after 2 s
/// # }
/// ```
pub async fn wait_first_error<T, E, F>(timeout: Duration, futures: Vec<F>) -> Vec<Settled<T, E>>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    todo!()
}
