use ch10_scheduler::retry::Retry;
use ch10_scheduler::scheduler::Scheduler;
use ch10_scheduler::stats::Stats;
use pretty_assertions::assert_eq;
use support::{EventLog, millis, secs, timed};

use crate::work::{attempts, fails, ok};

#[support::test(start_paused = true)]
async fn a_new_scheduler_has_done_nothing() {
    let scheduler = Scheduler::new(3);
    assert_eq!(
        scheduler.stats(),
        Stats::default(),
        "every count starts at zero"
    );
}

#[support::test(start_paused = true)]
async fn stats_count_every_outcome() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(2);
    scheduler.submit(ok(&log, "ok 1", secs(1))).unwrap();
    scheduler.submit(ok(&log, "ok 2", secs(1))).unwrap();
    scheduler
        .submit(fails(&log, "bad", secs(1), "boom"))
        .unwrap();
    scheduler
        .submit(ok(&log, "after bad", secs(1)).after(&["bad"]))
        .unwrap();
    scheduler
        .submit(ok(&log, "slow", secs(9)).timeout(secs(1)))
        .unwrap();
    scheduler
        .submit(
            attempts(&log, "flaky", secs(1), &[Err("busy"), Err("busy"), Ok(())])
                .retry(Retry::new(3, secs(1))),
        )
        .unwrap();
    let cancelled = scheduler.submit(ok(&log, "unwanted", secs(1))).unwrap();
    cancelled.cancel();
    timed(scheduler.run_until_settled()).await;
    assert_eq!(
        scheduler.stats(),
        Stats {
            submitted: 7,
            pending: 0,
            running: 0,
            succeeded: 3,
            failed: 1,
            timed_out: 1,
            cancelled: 2,
            retries: 2,
            peak_running: 2,
        },
        "after the run: ok 1, ok 2 and flaky succeeded (flaky after 2 retries), bad failed, \
         slow timed out, unwanted and `after bad` (whose dependency failed) were cancelled"
    );
}

#[support::test(start_paused = true)]
async fn stats_while_running_show_pending_and_running() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(2);
    for i in 0..5 {
        scheduler
            .submit(ok(&log, &format!("t{i}"), secs(1)))
            .unwrap();
    }
    let before = scheduler.stats();
    let look_at_1_5_s = async {
        tokio::time::sleep(millis(1_500)).await;
        scheduler.stats()
    };
    let (_, during) = tokio::join!(timed(scheduler.run_until_settled()), look_at_1_5_s);
    assert_eq!(
        before,
        Stats {
            submitted: 5,
            pending: 5,
            ..Stats::default()
        },
        "before the run, every submitted task is pending"
    );
    assert_eq!(
        during,
        Stats {
            submitted: 5,
            pending: 1,
            running: 2,
            succeeded: 2,
            peak_running: 2,
            ..Stats::default()
        },
        "at 1.5 s, with 2 slots and five 1 s tasks: 2 done, 2 running, 1 still pending"
    );
}

#[support::test(start_paused = true)]
async fn stats_count_waiting_and_delayed_tasks_as_pending() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    scheduler.submit(ok(&log, "first", secs(1))).unwrap();
    scheduler
        .submit(ok(&log, "second", secs(1)).after(&["first"]))
        .unwrap();
    scheduler
        .submit(ok(&log, "later", secs(1)).delay(secs(5)))
        .unwrap();
    assert!(
        scheduler.submit(ok(&log, "first", secs(1))).is_err(),
        "a second task named `first` is refused"
    );
    let look_at_0_5_s = async {
        tokio::time::sleep(millis(500)).await;
        scheduler.stats()
    };
    let (_, during) = tokio::join!(timed(scheduler.run_until_settled()), look_at_0_5_s);
    assert_eq!(
        during,
        Stats {
            submitted: 3,
            pending: 2,
            running: 1,
            peak_running: 1,
            ..Stats::default()
        },
        "at 0.5 s `first` runs, `second` waits for it and `later` for its start time: both are \
         pending, though neither is in the ready queue. A refused submission is not submitted"
    );
}
