//! Exercise `timeouts`: a time limit around a future, and a shared budget.

use std::future::Future;
use std::time::Duration;

/// The future did not finish within its time limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimedOut;

/// The budget of [`all_within`] ran out before every step had finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfTime {
    /// How many steps had finished when the budget ran out.
    pub completed: usize,
}

/// Awaits `fut` for at most `limit`, like Python's `asyncio.wait_for`.
///
/// Returns the output as soon as the future finishes, if that is within
/// `limit`. Otherwise returns `Err(TimedOut)` once `limit` has passed, and
/// by then the future has been dropped: it is cancelled, and its cleanup
/// (its destructors) has run.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch03_tasks::timeouts::{within, TimedOut};
/// # async fn demo() {
/// let slow = tokio::time::sleep(Duration::from_secs(10));
/// assert_eq!(within(Duration::from_secs(2), slow).await, Err(TimedOut)); // after 2 s
/// # }
/// ```
pub async fn within<F: Future>(limit: Duration, fut: F) -> Result<F::Output, TimedOut> {
    todo!()
}

/// Runs `steps` one after another, all within one shared `budget`: the
/// whole sequence must be done `budget` after the call, however the time is
/// spread over the steps. Returns every output in order, or, once the
/// budget is spent, `Err(OutOfTime)` saying how many steps had finished
/// (the step that was running is cancelled).
///
/// Steps of 2 s, 2 s and 2 s with a budget of 5 s: the first two finish,
/// the third is cancelled at 5 s.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch03_tasks::timeouts::{all_within, OutOfTime};
/// # async fn demo() {
/// let step = || tokio::time::sleep(Duration::from_secs(2));
/// let done = all_within(Duration::from_secs(5), vec![step(), step(), step()]).await;
/// assert_eq!(done, Err(OutOfTime { completed: 2 })); // after 5 s
/// # }
/// ```
pub async fn all_within<F: Future>(
    budget: Duration,
    steps: Vec<F>,
) -> Result<Vec<F::Output>, OutOfTime> {
    todo!()
}
