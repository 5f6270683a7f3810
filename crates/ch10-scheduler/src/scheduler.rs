//! Exercise `scheduler`: the event loop that ties the pieces together.

use crate::task::{Outcome, SubmitError, Task};

/// Runs submitted tasks, at most `limit` at a time.
///
/// It is built from the pieces of the earlier exercises: a
/// [`ReadyQueue`](crate::queue::ReadyQueue) for tasks that may start, a
/// [`Timers`](crate::timers::Timers) for tasks that must wait for a moment,
/// a [`Graph`](crate::graph::Graph) for dependencies, and
/// [`attempt`](crate::attempt::attempt) to run each attempt under its
/// timeout. Add the fields you need; every method takes `&self`, so that
/// tasks can be submitted (and handles cancelled) while
/// [`run_until_settled`](Scheduler::run_until_settled) runs.
///
/// The rules:
/// - A task is *ready* once every dependency has succeeded and its delay
///   (counted from its submission) is over; a ready task starts as soon as
///   a slot is free, the highest priority first, first come first served
///   among equals.
/// - A task ends with its attempt's [`Outcome`]. When it does not succeed,
///   every task that depends on it is cancelled at that moment.
/// - A failed or timed-out attempt of a task with a
///   [`Retry`](crate::retry::Retry) is tried again after the retry's delay,
///   if retries are left; while it waits it holds no slot, and its
///   dependents keep waiting.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch10_scheduler::{scheduler::Scheduler, task::{Outcome, Task}};
/// # async fn demo() {
/// let scheduler = Scheduler::new(2);
/// let build = scheduler.submit(Task::new("build", || async { Ok(()) })).unwrap();
/// let test = scheduler
///     .submit(Task::new("test", || async { Err("3 failed".to_string()) }).after(&["build"]))
///     .unwrap();
/// scheduler.run_until_settled().await;
/// assert_eq!(test.outcome().await, Outcome::Failed("3 failed".to_string()));
/// # }
/// ```
#[derive(Debug)]
pub struct Scheduler {}

impl Scheduler {
    /// A scheduler that runs at most `limit` tasks at once (`limit` > 0).
    /// Nothing runs until [`run_until_settled`](Scheduler::run_until_settled)
    /// is called.
    pub fn new(limit: usize) -> Scheduler {
        todo!()
    }

    /// Accepts `task` and returns its handle, or refuses it (a duplicate
    /// name, or a dependency cycle: see [`Graph::add`](crate::graph::Graph::add)).
    ///
    /// Its delay, if any, counts from now. A task submitted while
    /// `run_until_settled` runs must be considered at once: if it is ready
    /// and a slot is free, it starts at this very instant. A task whose
    /// dependency already failed is cancelled at once.
    pub fn submit(&self, task: Task) -> Result<TaskHandle, SubmitError> {
        todo!()
    }

    /// Runs the submitted tasks, and those submitted meanwhile, until every
    /// one of them has settled (has an [`Outcome`]).
    ///
    /// Event-driven: between events it sleeps, and it wakes up exactly
    /// when an attempt ends, when the next timer is due, or when a task is
    /// submitted or cancelled; never on a timer of its own. So a task starts
    /// at the very instant a slot, its start time or its last dependency
    /// allows.
    ///
    /// When nothing runs and nothing waits in the ready queue or on the
    /// timers, the tasks still waiting for dependencies can never run (their
    /// dependencies were never submitted): they are cancelled, and it
    /// returns.
    pub async fn run_until_settled(&self) {
        todo!()
    }
}

/// One submitted task: its outcome, and the way to cancel it.
///
/// Add the fields you need.
#[derive(Debug)]
pub struct TaskHandle {}

impl TaskHandle {
    /// The task's name.
    pub fn name(&self) -> &str {
        todo!()
    }

    /// Waits until the task has settled, and returns how it ended. Can be
    /// called any number of times, before or after it settled.
    pub async fn outcome(&self) -> Outcome {
        todo!()
    }
}
