//! Exercise `monitor`: a periodic report that keeps its schedule.

use std::future::Future;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

/// Counters that producers and consumers bump as they go.
#[derive(Debug, Default)]
pub struct Counters {
    pub produced: AtomicU64,
    pub consumed: AtomicU64,
}

/// One report: its number (from 1) and the counts at that moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Report {
    pub tick: u64,
    pub produced: u64,
    pub consumed: u64,
    /// Produced but not consumed yet.
    pub queued: u64,
}

/// Reads `counters` once every `period` and awaits `publish(report)` with
/// what it read, until `stop` completes.
///
/// Reports come on a fixed schedule: report 1 one `period` after the call
/// (not at once), report 2 two periods after it, and so on, however long
/// each `publish` takes (less than a period). `monitor` returns as soon as
/// `stop` completes, even in the middle of a period; a report being
/// published is finished first.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch06_patterns::monitor::{Counters, monitor};
/// # async fn demo() {
/// let counters = Counters::default();
/// let stop = tokio::time::sleep(Duration::from_millis(3500));
/// monitor(&counters, Duration::from_secs(1), stop, |report| async move {
///     println!("{report:?}"); // at 1 s, 2 s and 3 s
/// })
/// .await;
/// # }
/// ```
pub async fn monitor<S, P, Fut>(counters: &Counters, period: Duration, stop: S, publish: P)
where
    S: Future<Output = ()>,
    P: FnMut(Report) -> Fut,
    Fut: Future<Output = ()>,
{
    todo!()
}
