use std::future::Future;
use std::time::Duration;

use ch03_tasks::timeouts::{OutOfTime, TimedOut, all_within, within};
use pretty_assertions::assert_eq;
use support::{EventLog, assert_elapsed, secs, timed};

use crate::common::Cleanup;

/// Works for `duration`, logging when it finishes, and cleans up after.
fn work(log: &EventLog, duration: Duration) -> impl Future<Output = &'static str> + use<> {
    let log = log.clone();
    async move {
        let _cleanup = Cleanup(log.clone());
        tokio::time::sleep(duration).await;
        log.push("finished");
        "done"
    }
}

#[support::test(start_paused = true)]
async fn within_returns_as_soon_as_the_future_finishes() {
    let log = EventLog::new();
    let (result, took) = timed(within(secs(5), work(&log, secs(1)))).await;
    assert_eq!(
        result,
        Ok("done"),
        "a future that finishes in time gives Ok(output)"
    );
    assert_elapsed(
        "within(5 s) around a 1 s future (return when the future finishes, do not sleep the whole limit)",
        took,
        secs(1),
    );
}

#[support::test(start_paused = true)]
async fn within_gives_up_at_the_limit() {
    let log = EventLog::new();
    let (result, took) = timed(within(secs(3), work(&log, secs(10)))).await;
    assert_eq!(
        result,
        Err(TimedOut),
        "a future still running at the limit gives Err(TimedOut)"
    );
    assert_elapsed(
        "within(3 s) around a 10 s future (race the future against a timer instead of awaiting it to the end)",
        took,
        secs(3),
    );
}

#[support::test(start_paused = true)]
async fn within_cancels_the_future_it_gave_up_on() {
    let log = EventLog::new();
    let (result, _) = timed(within(secs(3), work(&log, secs(10)))).await;
    assert_eq!(
        result,
        Err(TimedOut),
        "a future still running at the limit gives Err(TimedOut)"
    );
    assert_eq!(
        log.timeline(),
        [(secs(3), "cleaned up".to_string())],
        "by the time within() returns, the timed-out future must be dropped (cancelled, its cleanup run)"
    );
    tokio::time::sleep(secs(20)).await;
    assert_eq!(
        log.events(),
        ["cleaned up"],
        "the timed-out future went on running after within() returned: give up on it by dropping it"
    );
}

#[support::test(start_paused = true)]
async fn all_within_returns_every_output_in_order() {
    let log = EventLog::new();
    let steps = vec![work(&log, secs(1)), work(&log, secs(2))];
    let (result, took) = timed(all_within(secs(4), steps)).await;
    assert_eq!(
        result,
        Ok(vec!["done", "done"]),
        "both steps finish within the budget"
    );
    assert_elapsed(
        "all_within(4 s) of steps of 1 s and 2 s, one after another",
        took,
        secs(3),
    );
}

#[support::test(start_paused = true)]
async fn all_within_shares_one_budget_between_the_steps() {
    let log = EventLog::new();
    let steps = vec![
        work(&log, secs(2)),
        work(&log, secs(2)),
        work(&log, secs(2)),
    ];
    let (result, took) = timed(all_within(secs(5), steps)).await;
    assert_eq!(
        result,
        Err(OutOfTime { completed: 2 }),
        "three 2 s steps overrun a 5 s budget: the budget is for the whole run, \
         not for each step (compute one deadline and use `tokio::time::timeout_at`)"
    );
    assert_elapsed("all_within(5 s) of three 2 s steps", took, secs(5));
}
