use ch03_tasks::group::run_group;
use pretty_assertions::assert_eq;
use support::{EventLog, Gauge, assert_elapsed, secs, timed};

// The members are the chapter's shared test jobs (see common.rs).
use crate::common::job as member;

#[support::test(start_paused = true)]
async fn all_succeed_in_spawn_order() {
    let (gauge, log) = (Gauge::new(), EventLog::new());
    let members = vec![
        member(&gauge, &log, "A", secs(3), true),
        member(&gauge, &log, "B", secs(1), true),
        member(&gauge, &log, "C", secs(2), true),
    ];
    let (result, took) = timed(run_group(members)).await;
    assert_eq!(
        result,
        Ok(vec!["A", "B", "C"]),
        "every member succeeded: their values, in the order of the futures (not the order they finished in)"
    );
    assert_elapsed(
        "run_group() of members taking 3 s, 1 s and 2 s, all at once",
        took,
        secs(3),
    );
}

#[support::test(start_paused = true)]
async fn one_failure_cancels_the_siblings() {
    let (gauge, log) = (Gauge::new(), EventLog::new());
    let members = vec![
        member(&gauge, &log, "A", secs(1), true),
        member(&gauge, &log, "B", secs(2), false),
        member(&gauge, &log, "C", secs(10), true),
        member(&gauge, &log, "D", secs(10), true),
    ];
    let (result, took) = timed(run_group(members)).await;
    assert_eq!(
        result,
        Err(vec!["B failed".to_string()]),
        "B failed: the group's result is Err with B's error (C and D were cancelled, they have none)"
    );
    assert_elapsed(
        "run_group() where a member fails at 2 s and others would take 10 s (cancel the siblings \
         on the first error instead of waiting for them)",
        took,
        secs(2),
    );
}

#[support::test(start_paused = true)]
async fn no_member_outlives_the_group() {
    let (gauge, log) = (Gauge::new(), EventLog::new());
    let members = vec![
        member(&gauge, &log, "A", secs(10), true),
        member(&gauge, &log, "B", secs(2), false),
        member(&gauge, &log, "C", secs(10), true),
    ];
    let _ = timed(run_group(members)).await;
    assert_eq!(
        gauge.current(),
        0,
        "{} member task(s) were still alive when run_group() returned: after aborting, keep \
         awaiting (`join_next` until `None`) so that every task has stopped",
        gauge.current()
    );
    tokio::time::sleep(secs(20)).await;
    assert_eq!(
        log.events(),
        ["B finished"],
        "a sibling went on running after the group failed: an orphan task. Dropped JoinHandles \
         (as `try_join_all` leaves them) do not cancel tasks; `abort_all` does"
    );
}

#[support::test(start_paused = true)]
async fn every_error_is_returned() {
    let (gauge, log) = (Gauge::new(), EventLog::new());
    let members = vec![
        member(&gauge, &log, "A", secs(1), false),
        member(&gauge, &log, "B", secs(10), true),
        member(&gauge, &log, "C", secs(1), false),
    ];
    let (result, took) = timed(run_group(members)).await;
    let mut errors = result.expect_err("A and C fail at 1 s, so the group fails");
    errors.sort();
    // A and C fail at the same virtual instant. Whether C still gets to
    // return its error depends on when the group cancels it, which is the
    // group's own business: what counts is that every error a member
    // returned (the log says which ran to their end) comes back.
    let returned: Vec<String> = log
        .events()
        .iter()
        .filter_map(|event| event.strip_suffix(" finished"))
        .filter(|name| ["A", "C"].contains(name))
        .map(|name| format!("{name} failed"))
        .collect();
    assert!(
        !returned.is_empty(),
        "neither failing member ran to its end: the group cancelled them before they failed"
    );
    assert_eq!(
        errors,
        returned,
        "the group must return the error of every member that returned one (here: {}), not \
         only the first it heard of: after the first error, abort the rest and keep draining \
         the set, collecting every Err that comes back",
        returned.join(" and ")
    );
    assert_elapsed("run_group() whose members fail at 1 s", took, secs(1));
}
