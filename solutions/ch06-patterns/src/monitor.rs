//! Exercise `monitor`: a periodic report that keeps its schedule.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::time::{Instant, interval_at};

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

pub async fn monitor<S, P, Fut>(counters: &Counters, period: Duration, stop: S, mut publish: P)
where
    S: Future<Output = ()>,
    P: FnMut(Report) -> Fut,
    Fut: Future<Output = ()>,
{
    // An interval keeps a fixed schedule (t0 + k·period) however long each
    // report takes; `sleep(period)` in a loop would drift by that much.
    // `interval_at` skips the immediate first tick of `interval`.
    let mut ticks = interval_at(Instant::now() + period, period);
    tokio::pin!(stop);
    for tick in 1.. {
        tokio::select! {
            _ = &mut stop => return,
            _ = ticks.tick() => {
                let produced = counters.produced.load(Ordering::SeqCst);
                let consumed = counters.consumed.load(Ordering::SeqCst);
                publish(Report {
                    tick,
                    produced,
                    consumed,
                    queued: produced.saturating_sub(consumed),
                })
                .await;
            }
        }
    }
}
