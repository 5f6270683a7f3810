//! Exercise `cancel`: stop a task, whether it waits or runs.

use crate::scheduler::TaskHandle;

impl TaskHandle {
    /// Cancels the task, if it has not settled yet, and returns whether it
    /// did.
    ///
    /// - A pending task (waiting for dependencies, a start time, a retry or
    ///   a slot) never starts: take it out of whatever holds it.
    /// - A running task is stopped at once: its future is dropped, and its
    ///   slot goes to the next ready task at the same instant.
    ///
    /// Either way its outcome is [`Outcome::Cancelled`](crate::task::Outcome::Cancelled)
    /// from this moment, the tasks that depend on it are cancelled too, and
    /// a sleeping `run_until_settled` wakes up to see it (it may be done).
    /// A task that has settled keeps its outcome; `cancel` returns false.
    ///
    /// ```no_run
    /// # use ch10_scheduler::{scheduler::Scheduler, task::{Outcome, Task}};
    /// # async fn demo() {
    /// let scheduler = Scheduler::new(1);
    /// let task = scheduler.submit(Task::new("unwanted", || async { Ok(()) })).unwrap();
    /// assert!(task.cancel());
    /// scheduler.run_until_settled().await; // returns at once: nothing to run
    /// assert_eq!(task.outcome().await, Outcome::Cancelled);
    /// # }
    /// ```
    pub fn cancel(&self) -> bool {
        todo!()
    }
}
