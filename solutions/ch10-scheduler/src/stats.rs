//! Exercise `stats`: what the scheduler has done so far.

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
    pub fn stats(&self) -> Stats {
        let mut stats = self.shared.lock().counts;
        let settled = stats.succeeded + stats.failed + stats.timed_out + stats.cancelled;
        stats.pending = stats.submitted - stats.running - settled;
        stats
    }
}
