//! Exercise `shutdown`: stop producing, finish what is queued, lose nothing.

use std::future::Future;
use std::time::Duration;

/// How many items the queue holds.
pub const CAPACITY: usize = 8;

/// What a run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The items put in the queue, in order.
    pub produced: Vec<u64>,
    /// The items whose work finished, in the order it finished.
    pub processed: Vec<u64>,
}

/// Runs one producer and `consumers` consumers around a queue of
/// [`CAPACITY`] items until `stop` completes, then shuts down gracefully.
///
/// The producer puts the items 0, 1, 2, … in the queue, one every `every`,
/// the first at once. Each consumer takes items and awaits `work(item)`.
///
/// When `stop` completes, the producer stops at once, even if it is
/// waiting for room in a full queue (that item is not produced). The
/// consumers go on until every item already in the queue has been
/// processed, then end, and `run_until` returns what happened. Nothing that
/// was produced is lost, and nothing waits for ever.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch06_patterns::shutdown::run_until;
/// # async fn demo() {
/// let stop = tokio::time::sleep(Duration::from_millis(2500));
/// let report = run_until(stop, Duration::from_secs(1), 2, |item| async move {}).await;
/// assert_eq!(report.produced, [0, 1, 2]);
/// # }
/// ```
pub async fn run_until<S, W, Fut>(stop: S, every: Duration, consumers: usize, work: W) -> Report
where
    S: Future<Output = ()> + Send + 'static,
    W: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    todo!()
}
