use std::future::Future;
use std::time::Duration;

use ch03_tasks::cancel::{Ending, cancel, cancel_after};
use pretty_assertions::assert_eq;
use support::{EventLog, assert_elapsed, secs, timed};

use crate::common::Cleanup;

/// A task body that works for `duration`, logging its steps.
fn work(log: &EventLog, duration: Duration) -> impl Future<Output = &'static str> + use<> {
    let log = log.clone();
    async move {
        let _cleanup = Cleanup(log.clone());
        log.push("started");
        tokio::time::sleep(duration).await;
        log.push("finished");
        "done"
    }
}

fn at(events: &[(u64, &str)]) -> Vec<(Duration, String)> {
    events
        .iter()
        .map(|(t, e)| (secs(*t), e.to_string()))
        .collect()
}

#[support::test(start_paused = true)]
async fn cancelled_task_is_reported_cancelled() {
    let log = EventLog::new();
    let handle = tokio::spawn(work(&log, secs(10)));
    tokio::time::sleep(secs(1)).await;
    let (ending, took) = timed(cancel(handle)).await;
    assert_eq!(
        ending,
        Ending::Cancelled,
        "a task stopped by abort() ends in a JoinError for which `is_cancelled()` is true: \
         that is Ending::Cancelled, not a success and not a panic"
    );
    assert_elapsed(
        "cancel() of a running task (abort it, do not wait for it to finish)",
        took,
        secs(0),
    );
}

#[support::test(start_paused = true)]
async fn cleanup_has_run_when_cancel_returns() {
    let log = EventLog::new();
    let handle = tokio::spawn(work(&log, secs(10)));
    tokio::time::sleep(secs(1)).await;
    let (ending, _) = timed(cancel(handle)).await;
    assert_eq!(
        ending,
        Ending::Cancelled,
        "a task still running when cancel() is called ends as Ending::Cancelled"
    );
    assert_eq!(
        log.timeline(),
        at(&[(0, "started"), (1, "cleaned up")]),
        "when cancel() returns, the task's cleanup must have run: abort() only asks the task \
         to stop, so await the JoinHandle afterwards to wait until it has"
    );
    tokio::time::sleep(secs(20)).await;
    assert_eq!(
        log.events(),
        ["started", "cleaned up"],
        "the cancelled task went on running: call abort() on its JoinHandle (dropping the handle does not stop a task)"
    );
}

#[support::test(start_paused = true)]
async fn task_that_already_finished_is_reported_finished() {
    let log = EventLog::new();
    let handle = tokio::spawn(work(&log, secs(1)));
    tokio::time::sleep(secs(2)).await;
    let (ending, _) = timed(cancel(handle)).await;
    assert_eq!(
        ending,
        Ending::Finished("done"),
        "aborting a task that has already finished changes nothing: awaiting its handle \
         still gives Ok(output), which is Ending::Finished"
    );
}

#[support::test(start_paused = true)]
async fn panicked_task_is_reported_panicked() {
    let handle = tokio::spawn(async {
        tokio::time::sleep(secs(1)).await;
        panic!("this task panics on purpose");
    });
    tokio::time::sleep(secs(2)).await;
    let (ending, _) = timed(cancel(handle)).await;
    assert_eq!(
        ending,
        Ending::<()>::Panicked,
        "a task that panicked before it was cancelled ends in a JoinError for which \
         `is_panic()` is true: that is Ending::Panicked, not Ending::Cancelled"
    );
}

#[support::test(start_paused = true)]
async fn cancel_after_stops_a_long_task_at_the_deadline() {
    let log = EventLog::new();
    let (ending, took) = timed(cancel_after(secs(3), work(&log, secs(10)))).await;
    assert_eq!(
        ending,
        Ending::Cancelled,
        "a 10 s task with a 3 s deadline is cancelled"
    );
    assert_elapsed(
        "cancel_after(3 s) of a 10 s task (stop it at the deadline with abort(): a task \
         never notices its own cancellation, its future is simply dropped)",
        took,
        secs(3),
    );
    assert_eq!(
        log.timeline(),
        at(&[(0, "started"), (3, "cleaned up")]),
        "when cancel_after() returns, the task must have stopped and its cleanup run. \
         abort() only asks the task to stop: await its JoinHandle after aborting it (as \
         cancel() does) before returning Ending::Cancelled. And `timeout(deadline, handle)` \
         drops the JoinHandle on timeout, which leaves the task running: race `&mut handle`"
    );
    tokio::time::sleep(secs(20)).await;
    assert_eq!(
        log.timeline(),
        at(&[(0, "started"), (3, "cleaned up")]),
        "the task went on running after cancel_after() returned. \
         `timeout(deadline, handle)` drops the JoinHandle on timeout, and a dropped handle \
         leaves its task running: race `&mut handle` instead, then abort it"
    );
}

#[support::test(start_paused = true)]
async fn cancel_after_returns_as_soon_as_the_task_finishes() {
    let log = EventLog::new();
    let (ending, took) = timed(cancel_after(secs(5), work(&log, secs(2)))).await;
    assert_eq!(
        ending,
        Ending::Finished("done"),
        "a 2 s task with a 5 s deadline finishes"
    );
    assert_elapsed(
        "cancel_after(5 s) of a 2 s task (return when the task finishes, not at the deadline)",
        took,
        secs(2),
    );
}
