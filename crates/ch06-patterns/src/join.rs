//! Exercise `join`: know when every piece of work has been done.

/// Counts the work that has been handed out and not finished yet, like
/// Python's `Queue.join()` with `task_done()`, but harder to get wrong:
/// instead of a `task_done()` call that every path must remember, each
/// piece of work holds a [`Ticket`], and dropping the ticket (on success,
/// on an early return, in a panic) marks it done.
///
/// [`join`](Tracker::join) waits until nothing is unfinished. "Unfinished"
/// counts what is being processed, not just what is queued: an item taken
/// off a queue is not done until its ticket is dropped. Work added while
/// `join` waits counts too, and every task waiting in `join` wakes.
///
/// Add the fields you need.
///
/// ```no_run
/// # use ch06_patterns::join::Tracker;
/// # async fn demo() {
/// let tracker = Tracker::new();
/// let ticket = tracker.add();
/// tokio::spawn(async move {
///     // ... the work ...
///     drop(ticket);
/// });
/// tracker.join().await; // returns once the ticket is dropped
/// # }
/// ```
#[derive(Debug)]
pub struct Tracker {}

/// One unfinished piece of work; dropping it marks the work done.
///
/// Add the fields you need.
#[derive(Debug)]
pub struct Ticket {}

impl Tracker {
    /// A tracker with nothing unfinished.
    pub fn new() -> Tracker {
        todo!()
    }

    /// Counts one more unfinished piece of work, until the returned ticket
    /// is dropped.
    pub fn add(&self) -> Ticket {
        todo!()
    }

    /// How many tickets are alive now.
    pub fn unfinished(&self) -> usize {
        todo!()
    }

    /// Waits until no ticket is alive; returns at once if none is.
    pub async fn join(&self) {
        todo!()
    }
}

impl Default for Tracker {
    fn default() -> Tracker {
        Tracker::new()
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        todo!()
    }
}
