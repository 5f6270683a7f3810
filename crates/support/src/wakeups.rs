//! Counting the runtime's wake-ups, to catch polling.

use tokio::runtime::Handle;

/// Counts how many times the runtime went idle and woke up again.
///
/// On paused time the runtime sleeps only when every task waits: then the
/// clock jumps to the next timer and the runtime wakes up. Code that waits
/// for the right event costs one wake-up per event. Code that sleeps in
/// small steps and looks again (polling) costs one per step: a thousand a
/// second at 1 ms, although every instant it acts at may look right.
///
/// Start counting just before the wait to check; the count covers every
/// task of the runtime, the test's own sleeps included.
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)] async fn main() {
/// let wakeups = support::Wakeups::start();
/// tokio::time::sleep(support::secs(5)).await;
/// wakeups.assert_at_most("sleeping 5 s", 3, "");
/// # }
/// ```
#[derive(Debug)]
pub struct Wakeups {
    start: u64,
}

impl Wakeups {
    /// Starts counting from now. Must be called inside a tokio runtime.
    pub fn start() -> Wakeups {
        Wakeups { start: parks() }
    }

    /// Wake-ups since [`Wakeups::start`].
    pub fn count(&self) -> u64 {
        parks() - self.start
    }

    /// Asserts that the runtime woke up at most `most` times while `what`
    /// ran; `hint` says where the polling probably is.
    #[track_caller]
    pub fn assert_at_most(&self, what: &str, most: u64, hint: &str) {
        let count = self.count();
        assert!(
            count <= most,
            "while {what}, the runtime woke up {count} times, where waiting for the \
             events themselves needs at most {most}: something polls (sleeps a little \
             and looks again, in a loop). Wait for the event that makes the change \
             instead: {hint}"
        );
    }
}

/// Times the runtime's workers went idle so far, all workers together.
fn parks() -> u64 {
    let metrics = Handle::current().metrics();
    (0..metrics.num_workers())
        .map(|worker| metrics.worker_park_count(worker))
        .sum()
}
