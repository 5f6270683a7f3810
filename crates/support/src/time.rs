//! Deadlines and exact virtual-time measurements.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

use crate::{BLOCKED, TIMED_OUT};

/// How much virtual time a future may take before [`finishes`] gives up.
///
/// An hour is far beyond any exercise, and costs nothing: on paused time the
/// clock jumps straight to the deadline once every task is idle.
pub const DEADLINE: Duration = Duration::from_secs(3600);

/// Awaits `fut`, failing the test with a clear message if it has not
/// finished after [`DEADLINE`] of virtual time.
///
/// This turns a hang (a missing wake-up, a channel never closed, a future
/// that is never ready) into a failure that says what to look for.
pub async fn finishes<F: Future>(fut: F) -> F::Output {
    match tokio::time::timeout(DEADLINE, fut).await {
        Ok(output) => output,
        Err(_) => panic!(
            "the future {TIMED_OUT} {} s of virtual time: it never completed.\n\
             Likely causes: a missing `.await`, a `Poll::Pending` returned \
             without arranging a wake-up, a lock held across an `.await`, \
             or a channel whose senders are never dropped.",
            DEADLINE.as_secs()
        ),
    }
}

/// Awaits `fut` under the [`finishes`] deadline and returns its output with
/// the virtual time it took.
pub async fn timed<F: Future>(fut: F) -> (F::Output, Duration) {
    let start = Instant::now();
    let output = finishes(fut).await;
    (output, start.elapsed())
}

/// Asserts that `what` took exactly `expected` of virtual time.
///
/// The message explains the usual causes: zero time means the thread was
/// blocked instead of awaiting a timer; the sum of durations where the
/// longest was expected means the work ran one piece after another.
#[track_caller]
pub fn assert_elapsed(what: &str, took: Duration, expected: Duration) {
    if took == expected {
        return;
    }
    let why = if took.is_zero() {
        format!(
            "No virtual time passed at all: the code {BLOCKED} (for example \
             with `std::thread::sleep`) or never waited. Use \
             `tokio::time::sleep(..).await`."
        )
    } else if took > expected {
        "It took longer than it should: are futures awaited one after \
         another where they should run together?"
            .to_string()
    } else {
        "It finished too early: is some waiting skipped, or done at the same \
         time when it should come one after another?"
            .to_string()
    };
    panic!("{what} took {took:?} of virtual time, expected exactly {expected:?}.\n{why}");
}
