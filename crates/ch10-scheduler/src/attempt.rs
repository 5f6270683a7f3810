//! Exercise `attempt`: one try at a task's work, under its timeout.

use std::time::Duration;

use crate::task::{Outcome, TaskFuture};

/// Runs one attempt of a task: awaits `work` and turns its result into an
/// [`Outcome`]: `Ok(())` is `Succeeded`, `Err(e)` is `Failed(e)`.
///
/// With a `timeout`, work still running when it expires is stopped, and the
/// outcome is `TimedOut`, returned at that very instant. Stopped means the
/// work's future is dropped: nothing of it goes on in the background.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch10_scheduler::{attempt::attempt, task::Outcome};
/// # async fn demo() {
/// let slow = Box::pin(async {
///     tokio::time::sleep(Duration::from_secs(5)).await;
///     Ok(())
/// });
/// let outcome = attempt(slow, Some(Duration::from_secs(2))).await;
/// assert_eq!(outcome, Outcome::TimedOut); // after 2 s
/// # }
/// ```
pub async fn attempt(work: TaskFuture, timeout: Option<Duration>) -> Outcome {
    todo!()
}
