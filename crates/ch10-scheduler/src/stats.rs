//! Exercise `stats`: what the scheduler has done so far.
//!
//! The counting happens in your scheduler (`src/scheduler.rs`), where
//! tasks are submitted, start, retry and settle; [`Scheduler::stats`] only
//! reads the counts.

use crate::scheduler::Scheduler;

/// A snapshot of a scheduler's counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Tasks accepted by `submit`.
    pub submitted: usize,
    /// Submitted, not running and not settled: waiting for dependencies, a
    /// start time, a retry or a slot.
    pub pending: usize,
    /// Attempts running right now.
    pub running: usize,
    pub succeeded: usize,
    pub failed: usize,
    pub timed_out: usize,
    pub cancelled: usize,
    /// Attempts after the first, over all tasks.
    pub retries: usize,
    /// The most attempts ever running at once.
    pub peak_running: usize,
}

impl Scheduler {
    /// A snapshot of the counters: what was submitted, what waits, what
    /// runs now, how the settled tasks ended, how many retries there were
    /// and the most attempts that ever ran at once. Keep the counts in the
    /// scheduler's state as things happen.
    ///
    /// ```no_run
    /// # use ch10_scheduler::{scheduler::Scheduler, task::Task};
    /// # async fn demo() {
    /// let scheduler = Scheduler::new(4);
    /// scheduler.submit(Task::new("a", || async { Ok(()) })).unwrap();
    /// assert_eq!(scheduler.stats().pending, 1);
    /// scheduler.run_until_settled().await;
    /// assert_eq!(scheduler.stats().succeeded, 1);
    /// # }
    /// ```
    pub fn stats(&self) -> Stats {
        todo!()
    }
}
