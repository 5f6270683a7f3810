use ch10_scheduler::retry::Retry;
use ch10_scheduler::scheduler::Scheduler;
use ch10_scheduler::task::Outcome;
use pretty_assertions::assert_eq;
use support::{EventLog, assert_elapsed, finishes, secs, timed};

use crate::work::{at, attempts, ok, time_of, times_of};

#[support::test]
fn delay_before_grows_by_the_backoff_and_runs_out() {
    let retry = Retry::new(3, secs(1)).backoff(2);
    let delays: Vec<_> = (1..=4).map(|n| retry.delay_before(n)).collect();
    assert_eq!(
        delays,
        [Some(secs(1)), Some(secs(2)), Some(secs(4)), None],
        "retries are counted from 1: the first waits `delay`, each later one `backoff` times longer, \
         and there is no retry after the last allowed one"
    );
    assert_eq!(
        Retry::new(2, secs(3)).delay_before(2),
        Some(secs(3)),
        "with the default backoff of 1, every retry waits `delay`"
    );
    assert_eq!(
        Retry::new(0, secs(1)).delay_before(1),
        None,
        "no retries allowed, no retry"
    );
}

#[support::test(start_paused = true)]
async fn a_failing_task_is_tried_again_until_it_succeeds() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    let flaky = scheduler
        .submit(
            attempts(&log, "flaky", secs(1), &[Err("busy"), Err("busy"), Ok(())])
                .retry(Retry::new(5, secs(1)).backoff(2)),
        )
        .unwrap();
    let (_, took) = timed(scheduler.run_until_settled()).await;
    assert_eq!(
        finishes(flaky.outcome()).await,
        Outcome::Succeeded,
        "the third attempt succeeded, so the task did"
    );
    assert_eq!(
        times_of(&log, "start flaky"),
        [secs(0), secs(2), secs(5)],
        "attempts start at 0 s; after it fails at 1 s the retry waits 1 s (starts at 2 s); \
         after it fails at 3 s the next waits 2 s (starts at 5 s)"
    );
    assert_elapsed(
        "three attempts of 1 s with waits of 1 s and 2 s",
        took,
        secs(6),
    );
}

#[support::test(start_paused = true)]
async fn retries_give_up_with_the_last_error() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    let doomed = scheduler
        .submit(
            attempts(
                &log,
                "doomed",
                secs(1),
                &[Err("first"), Err("second"), Err("third")],
            )
            .retry(Retry::new(2, secs(1))),
        )
        .unwrap();
    timed(scheduler.run_until_settled()).await;
    assert_eq!(
        finishes(doomed.outcome()).await,
        Outcome::Failed("third".to_string()),
        "after the first attempt and 2 retries, all failed, the task fails with the last error"
    );
    assert_eq!(
        times_of(&log, "start doomed").len(),
        3,
        "Retry::new(2, ..) allows 2 attempts after the first, 3 in all"
    );
}

#[support::test(start_paused = true)]
async fn a_retry_waits_without_holding_a_slot() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    scheduler
        .submit(
            attempts(&log, "flaky", secs(1), &[Err("busy"), Ok(())])
                .retry(Retry::new(1, secs(5)))
                .priority(10),
        )
        .unwrap();
    scheduler.submit(ok(&log, "other", secs(1))).unwrap();
    let (_, took) = timed(scheduler.run_until_settled()).await;
    assert_eq!(
        log.timeline(),
        at(&[
            (0, "start flaky"),
            (1_000, "end flaky"),
            (1_000, "start other"),
            (2_000, "end other"),
            (6_000, "start flaky"),
            (7_000, "end flaky"),
        ]),
        "while `flaky` waits 5 s for its retry, the only slot must run `other`. Do not sleep \
         inside the running task: put the task back on the timers, due at now + delay"
    );
    assert_elapsed("a failed attempt, a 5 s wait and a retry", took, secs(7));
}

#[support::test(start_paused = true)]
async fn a_timed_out_attempt_is_retried_too() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    let task = attempts(&log, "slow", secs(3), &[Ok(())])
        .timeout(secs(2))
        .retry(Retry::new(1, secs(1)));
    let slow = scheduler.submit(task).unwrap();
    timed(scheduler.run_until_settled()).await;
    assert_eq!(
        times_of(&log, "start slow"),
        [secs(0), secs(3)],
        "a timeout is a failed attempt: it is retried like an error (stopped at 2 s, retried 1 s later)"
    );
    assert_eq!(
        finishes(slow.outcome()).await,
        Outcome::TimedOut,
        "when the last attempt timed out, the outcome is TimedOut"
    );
}

#[support::test(start_paused = true)]
async fn dependents_wait_for_the_retries() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(2);
    scheduler
        .submit(
            attempts(&log, "flaky", secs(1), &[Err("busy"), Ok(())]).retry(Retry::new(1, secs(1))),
        )
        .unwrap();
    let after = scheduler
        .submit(ok(&log, "after", secs(1)).after(&["flaky"]))
        .unwrap();
    timed(scheduler.run_until_settled()).await;
    assert_eq!(
        finishes(after.outcome()).await,
        Outcome::Succeeded,
        "a failed attempt that will be retried is not a failed task: its dependents must not be cancelled yet"
    );
    assert_eq!(
        time_of(&log, "start after"),
        secs(3),
        "`after` starts when the retry of `flaky` succeeds at 3 s"
    );
}
