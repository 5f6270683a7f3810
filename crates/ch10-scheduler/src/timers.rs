//! Exercise `timers`: tasks that may not start yet, by the time they may.

use tokio::time::Instant;

/// Tasks waiting for a moment: a delayed start, or the pause before a
/// retry. The scheduler asks for the [next deadline](Timers::next_deadline)
/// to know how long it may sleep, and [pops](Timers::pop_due) what is due
/// when it wakes up.
///
/// The earliest time comes out first; tasks due at the same instant come
/// out in push order. Add the fields you need.
///
/// ```no_run
/// # use std::time::Duration;
/// # use tokio::time::Instant;
/// # use ch10_scheduler::timers::Timers;
/// let start = Instant::now();
/// let mut timers = Timers::new();
/// timers.push(start + Duration::from_secs(5), "later");
/// timers.push(start + Duration::from_secs(2), "sooner");
/// assert_eq!(timers.next_deadline(), Some(start + Duration::from_secs(2)));
/// assert_eq!(timers.pop_due(start + Duration::from_secs(1)), None);
/// assert_eq!(timers.pop_due(start + Duration::from_secs(2)).as_deref(), Some("sooner"));
/// ```
#[derive(Debug, Default)]
pub struct Timers {}

impl Timers {
    /// No timers.
    pub fn new() -> Timers {
        todo!()
    }

    /// The task `name` becomes due at `at`.
    pub fn push(&mut self, at: Instant, name: &str) {
        todo!()
    }

    /// When the earliest timer is due; `None` when there are none.
    pub fn next_deadline(&self) -> Option<Instant> {
        todo!()
    }

    /// Takes out the earliest task that is due at `now`: its time is `now`
    /// or earlier. `None` when nothing is due yet (or nothing is there).
    pub fn pop_due(&mut self, now: Instant) -> Option<String> {
        todo!()
    }

    /// Takes the task `name` out, whenever it was due. Returns whether it
    /// was there. (Used to cancel a delayed task.)
    pub fn remove(&mut self, name: &str) -> bool {
        todo!()
    }

    /// How many timers are set.
    pub fn len(&self) -> usize {
        todo!()
    }

    /// Whether no timer is set.
    pub fn is_empty(&self) -> bool {
        todo!()
    }
}
