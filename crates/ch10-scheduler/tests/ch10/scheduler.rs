use ch10_scheduler::scheduler::Scheduler;
use ch10_scheduler::task::{Outcome, SubmitError, Task};
use pretty_assertions::assert_eq;
use support::{EventLog, Gauge, Wakeups, assert_elapsed, finishes, millis, secs, timed};

use crate::work::{at, fails, ok, time_of, times_of};

#[support::test(start_paused = true)]
async fn runs_every_task_and_settles_when_the_last_one_ends() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(3);
    let a = scheduler.submit(ok(&log, "a", secs(1))).unwrap();
    let b = scheduler.submit(ok(&log, "b", secs(3))).unwrap();
    let c = scheduler.submit(ok(&log, "c", secs(2))).unwrap();
    let (_, took) = timed(scheduler.run_until_settled()).await;
    assert_elapsed(
        "run_until_settled() with three slots and tasks of 1 s, 3 s and 2 s",
        took,
        secs(3),
    );
    for handle in [&a, &b, &c] {
        assert_eq!(
            finishes(handle.outcome()).await,
            Outcome::Succeeded,
            "task `{}` returned Ok(()): its handle reports Succeeded",
            handle.name()
        );
    }
}

#[support::test(start_paused = true)]
async fn an_empty_scheduler_settles_at_once() {
    let scheduler = Scheduler::new(2);
    let (_, took) = timed(scheduler.run_until_settled()).await;
    assert_elapsed("run_until_settled() with nothing submitted", took, secs(0));
}

#[support::test(start_paused = true)]
async fn never_runs_more_than_the_limit() {
    let gauge = Gauge::new();
    let scheduler = Scheduler::new(2);
    for i in 0..6 {
        let gauge = gauge.clone();
        let task = Task::new(&format!("t{i}"), move || {
            let gauge = gauge.clone();
            async move {
                let _inside = gauge.enter();
                tokio::time::sleep(secs(1)).await;
                Ok(())
            }
        });
        scheduler.submit(task).unwrap();
    }
    let (_, took) = timed(scheduler.run_until_settled()).await;
    assert_eq!(
        gauge.max(),
        2,
        "a scheduler with 2 slots runs at most 2 tasks at once, and uses both"
    );
    assert_eq!(gauge.total(), 6, "every task runs, once");
    assert_elapsed("six 1 s tasks through 2 slots", took, secs(3));
}

#[support::test(start_paused = true)]
async fn a_failure_is_an_outcome_not_the_end() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    let bad = scheduler
        .submit(fails(&log, "bad", secs(1), "no such file"))
        .unwrap();
    let good = scheduler.submit(ok(&log, "good", secs(1))).unwrap();
    timed(scheduler.run_until_settled()).await;
    assert_eq!(
        finishes(bad.outcome()).await,
        Outcome::Failed("no such file".to_string()),
        "a task that returns Err(e) ends as Failed(e)"
    );
    assert_eq!(
        finishes(good.outcome()).await,
        Outcome::Succeeded,
        "one task failing does not stop the others"
    );
}

#[support::test(start_paused = true)]
async fn runs_by_priority_and_first_come_first_served_among_equals() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    for (name, priority) in [("low", -1), ("x", 5), ("mid", 2), ("y", 5), ("z", 5)] {
        scheduler
            .submit(ok(&log, name, secs(1)).priority(priority))
            .unwrap();
    }
    timed(scheduler.run_until_settled()).await;
    let starts: Vec<String> = log
        .events()
        .into_iter()
        .filter(|e| e.starts_with("start"))
        .collect();
    assert_eq!(
        starts,
        ["start x", "start y", "start z", "start mid", "start low"],
        "with one slot, the highest priority runs first, and x, y, z (all priority 5) in the order they were submitted"
    );
}

#[support::test(start_paused = true)]
async fn the_next_task_starts_the_instant_a_slot_frees() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    // 1.037 s: no polling period of 10, 50 or 100 ms lands on it.
    scheduler.submit(ok(&log, "first", millis(1_037))).unwrap();
    scheduler.submit(ok(&log, "second", millis(1_037))).unwrap();
    let wakeups = Wakeups::start();
    let (_, took) = timed(scheduler.run_until_settled()).await;
    wakeups.assert_at_most(
        "the scheduler ran two tasks one after the other",
        15,
        "`tokio::select!` over `JoinSet::join_next`, `sleep_until` the next timer and a \
         `Notify`, instead of a sleep in a loop",
    );
    assert_eq!(
        log.timeline(),
        at(&[
            (0, "start first"),
            (1_037, "end first"),
            (1_037, "start second"),
            (2_074, "end second"),
        ]),
        "`second` must start at the very instant `first` ends. A scheduler that looks at its \
         queues every 100 ms starts it at 1.1 s: wait for the task to finish instead \
         (`JoinSet::join_next` in a `tokio::select!`)"
    );
    assert_elapsed("two 1.037 s tasks through one slot", took, millis(2_074));
}

#[support::test(start_paused = true)]
async fn a_task_submitted_while_running_starts_at_once() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(2);
    scheduler.submit(ok(&log, "long", secs(3))).unwrap();
    let submit_later = async {
        tokio::time::sleep(millis(1_237)).await;
        scheduler.submit(ok(&log, "late", secs(1))).unwrap()
    };
    let wakeups = Wakeups::start();
    let (_, late) = tokio::join!(timed(scheduler.run_until_settled()), submit_later);
    wakeups.assert_at_most(
        "the scheduler ran a 3 s task and took one more submitted meanwhile",
        20,
        "`submit` wakes the loop with `Notify::notify_one`; the loop waits in `tokio::select!`",
    );
    assert_eq!(
        time_of(&log, "start late"),
        millis(1_237),
        "a task submitted at 1.237 s while a slot is free must start at 1.237 s. The loop must \
         wake up when something is submitted (a `tokio::sync::Notify`), not poll for it"
    );
    assert_eq!(
        finishes(late.outcome()).await,
        Outcome::Succeeded,
        "a task submitted while the scheduler runs is run to its end too"
    );
}

#[support::test(start_paused = true)]
async fn a_delayed_task_starts_exactly_at_its_time() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(2);
    // Delays that no polling period of 10, 50 or 100 ms lands on.
    scheduler
        .submit(ok(&log, "in 2.011 s", secs(1)).delay(millis(2_011)))
        .unwrap();
    scheduler
        .submit(ok(&log, "in 1.237 s", secs(1)).delay(millis(1_237)))
        .unwrap();
    let wakeups = Wakeups::start();
    let (_, took) = timed(scheduler.run_until_settled()).await;
    wakeups.assert_at_most(
        "the scheduler waited for two delayed tasks and ran them",
        25,
        "sleep until the next timer is due (`tokio::time::sleep_until(next_deadline)` in the \
         `select!`), not in small steps",
    );
    assert_eq!(
        (
            time_of(&log, "start in 2.011 s"),
            time_of(&log, "start in 1.237 s")
        ),
        (millis(2_011), millis(1_237)),
        "a delayed task starts exactly when its delay is over. Sleep until the next deadline \
         (`tokio::time::sleep_until`), do not check the clock every so often"
    );
    assert_elapsed(
        "a 1 s task delayed by 2.011 s and another delayed by 1.237 s",
        took,
        millis(3_011),
    );
}

#[support::test(start_paused = true)]
async fn a_delayed_task_does_not_hold_a_slot_while_it_waits() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    scheduler
        .submit(ok(&log, "later", secs(1)).delay(secs(5)).priority(10))
        .unwrap();
    scheduler.submit(ok(&log, "now", secs(1))).unwrap();
    scheduler.submit(ok(&log, "next", secs(1))).unwrap();
    timed(scheduler.run_until_settled()).await;
    assert_eq!(
        log.timeline(),
        at(&[
            (0, "start now"),
            (1_000, "end now"),
            (1_000, "start next"),
            (2_000, "end next"),
            (5_000, "start later"),
            (6_000, "end later"),
        ]),
        "while `later` waits for its start time the only slot runs the others: a delayed \
         task goes on the timers, not into a slot that sleeps"
    );
}

#[support::test(start_paused = true)]
async fn a_task_runs_once_all_its_dependencies_succeeded() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(3);
    // Submitted before the tasks it depends on.
    let report = scheduler
        .submit(ok(&log, "report", secs(1)).after(&["fetch", "parse"]))
        .unwrap();
    scheduler.submit(ok(&log, "fetch", secs(1))).unwrap();
    scheduler.submit(ok(&log, "parse", secs(2))).unwrap();
    let (_, took) = timed(scheduler.run_until_settled()).await;
    assert_eq!(
        time_of(&log, "start report"),
        secs(2),
        "`report` starts when the last of its dependencies (`parse`, 2 s) has succeeded, at that very instant"
    );
    assert_eq!(
        finishes(report.outcome()).await,
        Outcome::Succeeded,
        "`report` ran once its dependencies had succeeded"
    );
    assert_elapsed("fetch (1 s), parse (2 s), then report (1 s)", took, secs(3));
}

#[support::test(start_paused = true)]
async fn a_failed_dependency_cancels_its_dependents_at_once() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(2);
    scheduler
        .submit(fails(&log, "build", secs(1), "compile error"))
        .unwrap();
    let test = scheduler
        .submit(ok(&log, "test", secs(1)).after(&["build"]))
        .unwrap();
    let deploy = scheduler
        .submit(ok(&log, "deploy", secs(1)).after(&["test"]))
        .unwrap();
    scheduler.submit(ok(&log, "other", secs(5))).unwrap();
    let ((_, took), (test_outcome, test_at), (deploy_outcome, deploy_at)) = tokio::join!(
        timed(scheduler.run_until_settled()),
        timed(test.outcome()),
        timed(deploy.outcome()),
    );
    assert_eq!(
        (test_outcome, deploy_outcome),
        (Outcome::Cancelled, Outcome::Cancelled),
        "`build` failed, so `test` (which needs it) and `deploy` (which needs `test`) can never run: both are Cancelled"
    );
    assert_eq!(
        (test_at, deploy_at),
        (secs(1), secs(1)),
        "the dependents are cancelled when `build` fails at 1 s, not left waiting until the end"
    );
    assert!(
        times_of(&log, "start test").is_empty() && times_of(&log, "start deploy").is_empty(),
        "a task whose dependency failed must never start. What happened: {:?}",
        log.timeline()
    );
    assert_elapsed(
        "run_until_settled() with a failed dependency and a 5 s task",
        took,
        secs(5),
    );
}

#[support::test(start_paused = true)]
async fn the_scheduler_settles_when_a_dependency_fails() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    scheduler.submit(fails(&log, "a", secs(1), "boom")).unwrap();
    scheduler
        .submit(ok(&log, "b", secs(1)).after(&["a"]))
        .unwrap();
    let (_, took) = timed(scheduler.run_until_settled()).await;
    assert_elapsed(
        "run_until_settled() when the only other task depends on a failed one",
        took,
        secs(1),
    );
}

#[support::test(start_paused = true)]
async fn a_dependency_that_never_comes_does_not_hang_the_scheduler() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    let orphan = scheduler
        .submit(ok(&log, "orphan", secs(1)).after(&["ghost"]))
        .unwrap();
    scheduler.submit(ok(&log, "real", secs(1))).unwrap();
    let (_, took) = timed(scheduler.run_until_settled()).await;
    assert_elapsed(
        "run_until_settled() with a task waiting for a task never submitted",
        took,
        secs(1),
    );
    assert_eq!(
        finishes(orphan.outcome()).await,
        Outcome::Cancelled,
        "when nothing runs and nothing is queued or timed, a task still waiting for a \
         dependency can never run: cancel it, so that it settles too"
    );
}

#[support::test(start_paused = true)]
async fn a_cycle_is_refused_at_submission() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    scheduler
        .submit(ok(&log, "a", secs(1)).after(&["c"]))
        .unwrap();
    scheduler
        .submit(ok(&log, "b", secs(1)).after(&["a"]))
        .unwrap();
    let refused = scheduler.submit(ok(&log, "c", secs(1)).after(&["b"]));
    assert_eq!(
        refused.err(),
        Some(SubmitError::Cycle(
            ["c", "b", "a", "c"].map(String::from).to_vec()
        )),
        "submit() refuses a task that closes a dependency cycle, and names the cycle"
    );
    let (_, took) = timed(scheduler.run_until_settled()).await;
    assert_elapsed(
        "run_until_settled() after the task closing a cycle was refused",
        took,
        secs(0),
    );
}

#[support::test(start_paused = true)]
async fn a_name_is_submitted_once() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    scheduler.submit(ok(&log, "a", secs(1))).unwrap();
    assert_eq!(
        scheduler.submit(ok(&log, "a", secs(1))).err(),
        Some(SubmitError::Duplicate("a".to_string())),
        "names identify tasks for dependencies, so they must be unique"
    );
}

#[support::test(start_paused = true)]
async fn a_timeout_frees_the_slot_at_the_timeout() {
    let log = EventLog::new();
    let scheduler = Scheduler::new(1);
    let slow = scheduler
        .submit(ok(&log, "slow", secs(10)).timeout(secs(2)))
        .unwrap();
    scheduler.submit(ok(&log, "next", secs(1))).unwrap();
    let (_, took) = timed(scheduler.run_until_settled()).await;
    assert_eq!(
        finishes(slow.outcome()).await,
        Outcome::TimedOut,
        "10 s of work with a 2 s timeout ends as TimedOut"
    );
    assert_eq!(
        log.timeline(),
        at(&[
            (0, "start slow"),
            (2_000, "dropped slow"),
            (2_000, "start next"),
            (3_000, "end next"),
        ]),
        "the slow task is stopped at 2 s, and its slot goes to the next task at once: run each attempt through attempt()"
    );
    assert_elapsed("a task timed out at 2 s, then a 1 s task", took, secs(3));
}
