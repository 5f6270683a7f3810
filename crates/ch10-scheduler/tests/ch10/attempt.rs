use ch10_scheduler::attempt::attempt;
use ch10_scheduler::task::Outcome;
use pretty_assertions::assert_eq;
use support::{EventLog, assert_elapsed, secs, timed};

use crate::work::{at, fails, ok};

#[support::test(start_paused = true)]
async fn work_that_ends_in_time_succeeds_when_it_ends() {
    let log = EventLog::new();
    let mut task = ok(&log, "a", secs(1));
    let (outcome, took) = timed(attempt((task.run)(), Some(secs(5)))).await;
    assert_eq!(outcome, Outcome::Succeeded, "the work returned Ok(())");
    assert_elapsed("attempt() of 1 s of work with a 5 s timeout", took, secs(1));
}

#[support::test(start_paused = true)]
async fn an_error_is_passed_on() {
    let log = EventLog::new();
    let mut task = fails(&log, "a", secs(1), "disk full");
    let (outcome, _) = timed(attempt((task.run)(), Some(secs(5)))).await;
    assert_eq!(
        outcome,
        Outcome::Failed("disk full".to_string()),
        "an attempt whose work returns Err(e) ends as Failed(e)"
    );
}

#[support::test(start_paused = true)]
async fn work_that_runs_too_long_times_out_exactly_at_the_timeout() {
    let log = EventLog::new();
    let mut task = ok(&log, "slow", secs(5));
    let (outcome, took) = timed(attempt((task.run)(), Some(secs(2)))).await;
    assert_eq!(
        outcome,
        Outcome::TimedOut,
        "5 s of work under a 2 s timeout ends as TimedOut"
    );
    assert_elapsed("attempt() of 5 s of work with a 2 s timeout", took, secs(2));
}

#[support::test(start_paused = true)]
async fn timed_out_work_is_dropped_not_left_running() {
    let log = EventLog::new();
    let mut task = ok(&log, "slow", secs(5));
    let (outcome, _) = timed(attempt((task.run)(), Some(secs(2)))).await;
    // Give work that was left running in the background time to finish.
    tokio::time::sleep(secs(10)).await;
    assert_eq!(
        outcome,
        Outcome::TimedOut,
        "5 s of work under a 2 s timeout ends as TimedOut"
    );
    assert_eq!(
        log.timeline(),
        at(&[(0, "start slow"), (2_000, "dropped slow")]),
        "when the timeout expires the work must stop: in Rust that means dropping its future \
         (nothing inside it can notice a cancellation flag while it is parked in an `.await`). \
         `tokio::time::timeout` drops it for you; a spawned task keeps running"
    );
}

#[support::test(start_paused = true)]
async fn without_a_timeout_work_takes_as_long_as_it_needs() {
    let log = EventLog::new();
    let mut task = ok(&log, "long", secs(100));
    let (outcome, took) = timed(attempt((task.run)(), None)).await;
    assert_eq!(
        outcome,
        Outcome::Succeeded,
        "with no timeout the work runs to its end and returned Ok(())"
    );
    assert_elapsed(
        "attempt() of 100 s of work with no timeout",
        took,
        secs(100),
    );
}
