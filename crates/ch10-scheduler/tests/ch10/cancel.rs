use ch10_scheduler::scheduler::Scheduler;
use ch10_scheduler::task::Outcome;
use pretty_assertions::assert_eq;
use support::{EventLog, assert_elapsed, finishes, secs, timed};

use crate::work::{at, ok, times_of};

#[support::test(start_paused = true)]
async fn a_cancelled_pending_task_never_runs() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    scheduler.submit(ok(&log, "busy", secs(2))).unwrap();
    let waiting = scheduler.submit(ok(&log, "waiting", secs(1))).unwrap();
    let cancel_later = async {
        tokio::time::sleep(secs(1)).await;
        waiting.cancel()
    };
    let ((_, took), cancelled, (outcome, outcome_at)) = tokio::join!(
        timed(scheduler.run_until_settled()),
        cancel_later,
        timed(waiting.outcome()),
    );
    assert!(
        cancelled,
        "cancel() returns true when it cancelled the task"
    );
    assert!(
        times_of(&log, "start waiting").is_empty(),
        "a task cancelled while it waits for a slot must never start: marking it cancelled is \
         not enough, take it out of the ready queue. What happened: {:?}",
        log.timeline()
    );
    assert_eq!(
        outcome,
        Outcome::Cancelled,
        "a task cancelled while it waits ends as Cancelled"
    );
    assert_eq!(
        outcome_at,
        secs(1),
        "the handle reports Cancelled as soon as cancel() is called"
    );
    assert_elapsed("a 2 s task and a cancelled one", took, secs(2));
}

#[support::test(start_paused = true)]
async fn a_task_cancelled_before_the_run_never_runs() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    let task = scheduler.submit(ok(&log, "task", secs(1))).unwrap();
    assert!(
        task.cancel(),
        "cancel() returns true when it cancelled the task"
    );
    let (_, took) = timed(scheduler.run_until_settled()).await;
    assert!(
        log.is_empty(),
        "the task was cancelled before the scheduler ran: it must not start. What happened: {:?}",
        log.timeline()
    );
    assert_eq!(
        finishes(task.outcome()).await,
        Outcome::Cancelled,
        "a task cancelled before the run ends as Cancelled"
    );
    assert_elapsed(
        "run_until_settled() with only a cancelled task",
        took,
        secs(0),
    );
}

#[support::test(start_paused = true)]
async fn cancelling_a_running_task_drops_it_and_frees_its_slot() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    let long = scheduler.submit(ok(&log, "long", secs(10))).unwrap();
    scheduler.submit(ok(&log, "next", secs(1))).unwrap();
    let cancel_later = async {
        tokio::time::sleep(secs(3)).await;
        long.cancel()
    };
    let ((_, took), cancelled) = tokio::join!(timed(scheduler.run_until_settled()), cancel_later);
    assert!(cancelled, "cancel() returns true for a running task");
    // The drop and the next start happen at the same instant: compare them
    // as a set, their order among themselves is the runtime's business.
    let mut timeline = log.timeline();
    timeline.sort();
    assert_eq!(
        timeline,
        at(&[
            (0, "start long"),
            (3_000, "dropped long"),
            (3_000, "start next"),
            (4_000, "end next"),
        ]),
        "cancelling a running task stops it at once: drop its future (`AbortHandle::abort` on \
         the spawned attempt), and give its slot to the next task at the same instant"
    );
    assert_eq!(
        finishes(long.outcome()).await,
        Outcome::Cancelled,
        "a running task that was cancelled ends as Cancelled, not as the outcome of its attempt"
    );
    assert_elapsed("a task cancelled at 3 s, then a 1 s task", took, secs(4));
}

#[support::test(start_paused = true)]
async fn cancelling_a_delayed_task_lets_the_scheduler_settle_at_once() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    let later = scheduler
        .submit(ok(&log, "later", secs(1)).delay(secs(100)))
        .unwrap();
    let cancel_later = async {
        tokio::time::sleep(secs(1)).await;
        later.cancel()
    };
    let ((_, took), cancelled) = tokio::join!(timed(scheduler.run_until_settled()), cancel_later);
    assert!(
        cancelled,
        "cancel() returns true for a task that waits for its start time"
    );
    assert!(
        log.is_empty(),
        "a cancelled delayed task never starts: take it off the timers. What happened: {:?}",
        log.timeline()
    );
    assert_elapsed(
        "run_until_settled() when its only task, delayed by 100 s, is cancelled at 1 s",
        took,
        secs(1),
    );
}

#[support::test(start_paused = true)]
async fn cancelling_a_task_cancels_its_dependents() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(2);
    let build = scheduler.submit(ok(&log, "build", secs(5))).unwrap();
    let test = scheduler
        .submit(ok(&log, "test", secs(1)).after(&["build"]))
        .unwrap();
    let deploy = scheduler
        .submit(ok(&log, "deploy", secs(1)).after(&["test"]))
        .unwrap();
    let cancel_later = async {
        tokio::time::sleep(secs(1)).await;
        build.cancel()
    };
    let ((_, took), _, (outcomes, outcomes_at)) = tokio::join!(
        timed(scheduler.run_until_settled()),
        cancel_later,
        timed(async { (test.outcome().await, deploy.outcome().await) }),
    );
    assert_eq!(
        outcomes,
        (Outcome::Cancelled, Outcome::Cancelled),
        "`build` was cancelled, so `test` and `deploy`, which wait for it, can never run"
    );
    assert_eq!(
        outcomes_at,
        secs(1),
        "they are cancelled together with `build`, at 1 s"
    );
    assert_elapsed(
        "run_until_settled() when the first of a chain is cancelled at 1 s",
        took,
        secs(1),
    );
}

#[support::test(start_paused = true)]
async fn dependents_are_cancelled_at_once_while_other_work_goes_on() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(2);
    let build = scheduler.submit(ok(&log, "build", secs(5))).unwrap();
    let test = scheduler
        .submit(ok(&log, "test", secs(1)).after(&["build"]))
        .unwrap();
    scheduler.submit(ok(&log, "other", secs(5))).unwrap();
    let cancel_later = async {
        tokio::time::sleep(secs(1)).await;
        build.cancel()
    };
    let ((_, took), _, (outcome, outcome_at)) = tokio::join!(
        timed(scheduler.run_until_settled()),
        cancel_later,
        timed(test.outcome()),
    );
    assert_eq!(
        (outcome, outcome_at),
        (Outcome::Cancelled, secs(1)),
        "`build` was cancelled at 1 s, so `test`, which waits for it, is cancelled then too: \
         cancel its dependents through the graph, do not leave them waiting until nothing \
         else is left to run"
    );
    assert_elapsed(
        "run_until_settled() with a 5 s task beside a cancelled chain",
        took,
        secs(5),
    );
}

#[support::test(start_paused = true)]
async fn cancelling_a_settled_task_changes_nothing() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    let done = scheduler.submit(ok(&log, "done", secs(1))).unwrap();
    timed(scheduler.run_until_settled()).await;
    assert!(
        !done.cancel(),
        "cancel() returns false for a task that has already settled"
    );
    assert_eq!(
        finishes(done.outcome()).await,
        Outcome::Succeeded,
        "a finished task keeps its outcome"
    );
}
