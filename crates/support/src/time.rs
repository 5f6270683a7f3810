//! Deadlines and exact virtual-time measurements.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;
use verdict::Kind;

use crate::harness::{fail, longest_busy};

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
///
/// A future that is ready when the deadline makes it be polled once more,
/// though nothing woke it before, lost its wake-up: that is said too.
pub async fn finishes<F: Future>(fut: F) -> F::Output {
    let start = Instant::now();
    match tokio::time::timeout(DEADLINE, fut).await {
        Ok(_) if start.elapsed() >= DEADLINE => fail(
            Kind::LostWakeup,
            format!(
                "the future was ready only when polled once more at the {} s deadline: nothing \
                 woke its task when its result came (a lost wake-up).\n\
                 Whoever makes the result ready must wake the waker stored by the last \
                 `poll` that returned `Poll::Pending` (`waker.wake()`); store \
                 `cx.waker().clone()` on every such poll.",
                DEADLINE.as_secs()
            ),
        ),
        Ok(output) => output,
        Err(_) => fail(
            Kind::TimedOut,
            format!(
                "the future did not finish within {} s of virtual time: it never completed, \
                 and nothing was left to wake it.\n\
                 Likely causes: a `Poll::Pending` returned without arranging a wake-up (a lost \
                 wake-up), a missing `.await`, a lock held across an `.await`, or a channel \
                 whose senders are never dropped.",
                DEADLINE.as_secs()
            ),
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
/// The message explains the usual causes: zero time means the code never
/// waited (or blocked the thread instead of awaiting a timer); the sum of
/// durations where the longest was expected means the work ran one piece
/// after another.
#[track_caller]
pub fn assert_elapsed(what: &str, took: Duration, expected: Duration) {
    if took == expected {
        return;
    }
    if took.is_zero() {
        fail_no_time_passed(
            &format!("{what} took no virtual time at all, expected exactly {expected:?}."),
            expected,
        );
    }
    let why = if took > expected {
        "It took longer than it should: are futures awaited one after \
         another where they should run together?"
    } else {
        "It finished too early: is some waiting skipped, or done at the same \
         time when it should come one after another?"
    };
    panic!("{what} took {took:?} of virtual time, expected exactly {expected:?}.\n{why}");
}

/// Fails a test in which no virtual time passed where `expected` had to:
/// as "blocked" when the runtime's thread was held for a good part of
/// `expected` in real time (`std::thread::sleep`), else as "never waited"
/// (a function that returns at once, a future built and never awaited).
#[track_caller]
pub fn fail_no_time_passed(what: &str, expected: Duration) -> ! {
    let held = longest_busy();
    if !expected.is_zero() && held >= (expected / 2).min(Duration::from_millis(50)) {
        fail(
            Kind::Blocked,
            format!(
                "{what}\nThe code blocked the runtime's thread for {} ms of real time \
                 instead of waiting: `std::thread::sleep` (or another blocking call) holds the \
                 thread and the virtual clock cannot move. Use `tokio::time::sleep(..).await`.",
                held.as_millis()
            ),
        )
    }
    fail(
        Kind::NeverWaited,
        format!(
            "{what}\nThe code never waited: it returned at once. Is a `sleep` (or another \
             future) created but never `.await`ed, or is the waiting skipped?"
        ),
    )
}
