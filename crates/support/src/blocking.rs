//! A blocking detector: a ticker that starves when the runtime's thread is
//! blocked.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::task::JoinHandle;

use verdict::Kind;

use crate::harness::fail;

/// A background task that counts ticks of virtual time.
///
/// While code awaits properly, the ticker keeps ticking beside it. Code that
/// blocks the thread (a busy loop, `std::thread::sleep`, a blocking call
/// outside `spawn_blocking`) starves it: fewer ticks than the virtual time
/// that passed would give. The task stops when the ticker is dropped.
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)] async fn main() {
/// let ticker = support::Ticker::start(support::millis(100));
/// tokio::time::sleep(support::millis(1050)).await;
/// ticker.assert_ticked("sleeping 1.05 seconds", 10);
/// # }
/// ```
#[derive(Debug)]
pub struct Ticker {
    period: Duration,
    ticks: Arc<AtomicU64>,
    task: JoinHandle<()>,
}

impl Ticker {
    /// Starts ticking every `period` of virtual time, from now.
    pub fn start(period: Duration) -> Ticker {
        let ticks = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&ticks);
        let task = tokio::spawn(async move {
            let mut interval = tokio::time::interval(period);
            interval.tick().await; // the first tick is immediate
            loop {
                interval.tick().await;
                counter.fetch_add(1, Ordering::SeqCst);
            }
        });
        Ticker {
            period,
            ticks,
            task,
        }
    }

    /// Ticks counted so far.
    pub fn ticks(&self) -> u64 {
        self.ticks.load(Ordering::SeqCst)
    }

    /// Asserts the ticker ticked at least `expected` times while `what` ran.
    #[track_caller]
    pub fn assert_ticked(&self, what: &str, expected: u64) {
        let ticks = self.ticks();
        if ticks < expected {
            fail(
                Kind::Blocked,
                format!(
                    "while {what}, a ticker every {:?} ticked {ticks} times, expected at \
                     least {expected}: the code blocked the runtime's thread. Blocking calls \
                     belong in `tokio::task::spawn_blocking`; waiting belongs in \
                     `tokio::time::sleep(..).await`.",
                    self.period
                ),
            );
        }
    }
}

impl Drop for Ticker {
    fn drop(&mut self) {
        self.task.abort();
    }
}
