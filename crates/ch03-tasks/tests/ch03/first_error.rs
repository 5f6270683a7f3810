use ch03_tasks::first_error::{Settled, wait_first_error};
use pretty_assertions::assert_eq;
use support::{EventLog, Gauge, assert_elapsed, secs, timed};

use crate::common::job;

#[support::test(start_paused = true)]
async fn all_succeed_before_the_timeout() {
    let (gauge, log) = (Gauge::new(), EventLog::new());
    let futures = vec![
        job(&gauge, &log, "A", secs(2), true),
        job(&gauge, &log, "B", secs(1), true),
    ];
    let (settled, took) = timed(wait_first_error(secs(10), futures)).await;
    assert_eq!(
        settled,
        [Settled::Done("A"), Settled::Done("B")],
        "every future succeeded: one Settled::Done per future, in the order of the futures"
    );
    assert_elapsed(
        "wait_first_error(10 s) of futures taking 2 s and 1 s (stop waiting once all have finished; \
         the timeout is a limit, not a duration to sleep)",
        took,
        secs(2),
    );
}

#[support::test(start_paused = true)]
async fn the_first_failure_ends_the_wait() {
    let (gauge, log) = (Gauge::new(), EventLog::new());
    let futures = vec![
        job(&gauge, &log, "A", secs(1), true),
        job(&gauge, &log, "B", secs(5), true),
        job(&gauge, &log, "C", secs(2), false),
        job(&gauge, &log, "D", secs(10), true),
    ];
    let (settled, took) = timed(wait_first_error(secs(60), futures)).await;
    assert_eq!(
        settled,
        [
            Settled::Done("A"),
            Settled::Cancelled,
            Settled::Failed("C failed".to_string()),
            Settled::Cancelled,
        ],
        "A finished at 1 s, C failed at 2 s, and B and D were still running then, so they are \
         cancelled: take the results in the order they come (`JoinSet::join_next`), not in \
         input order, and stop at the first Err"
    );
    assert_elapsed(
        "wait_first_error() where the third future fails at 2 s (handle results in the order \
         they come, with `JoinSet::join_next`, not in input order, and stop at the first Err)",
        took,
        secs(2),
    );
}

#[support::test(start_paused = true)]
async fn the_timeout_ends_the_wait() {
    let (gauge, log) = (Gauge::new(), EventLog::new());
    let futures = vec![
        job(&gauge, &log, "A", secs(5), true),
        job(&gauge, &log, "B", secs(1), true),
        job(&gauge, &log, "C", secs(8), false),
    ];
    let (settled, took) = timed(wait_first_error(secs(3), futures)).await;
    assert_eq!(
        settled,
        [Settled::Cancelled, Settled::Done("B"), Settled::Cancelled],
        "at the 3 s timeout only B had finished; A and C are cancelled"
    );
    assert_elapsed(
        "wait_first_error(3 s) of futures taking 5 s, 1 s and 8 s",
        took,
        secs(3),
    );
}

#[support::test(start_paused = true)]
async fn no_task_is_left_running() {
    let (gauge, log) = (Gauge::new(), EventLog::new());
    let futures = vec![
        job(&gauge, &log, "A", secs(2), false),
        job(&gauge, &log, "B", secs(5), true),
        job(&gauge, &log, "C", secs(10), true),
    ];
    let _ = timed(wait_first_error(secs(60), futures)).await;
    assert_eq!(
        gauge.current(),
        0,
        "{} task(s) were still alive when wait_first_error() returned: abort the pending tasks \
         AND wait until they have stopped (`JoinSet::shutdown`, or abort then drain `join_next`)",
        gauge.current()
    );
    tokio::time::sleep(secs(20)).await;
    assert_eq!(
        log.events(),
        ["A finished"],
        "a cancelled task went on running after wait_first_error() returned: dropping a JoinHandle \
         leaves its task running; abort it"
    );
}
