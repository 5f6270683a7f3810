//! Exercise `join`: know when every piece of work has been done.

use std::sync::Arc;

use tokio::sync::watch;

/// Counts the work that has been handed out and not finished yet.
#[derive(Debug)]
pub struct Tracker {
    // A watch channel holds the count and wakes every waiter on each change,
    // so a `join` that starts waiting late cannot miss the last wake-up.
    unfinished: Arc<watch::Sender<usize>>,
}

/// One unfinished piece of work; dropping it marks the work done.
#[derive(Debug)]
pub struct Ticket {
    unfinished: Arc<watch::Sender<usize>>,
}

impl Tracker {
    pub fn new() -> Tracker {
        Tracker {
            unfinished: Arc::new(watch::Sender::new(0)),
        }
    }

    pub fn add(&self) -> Ticket {
        self.unfinished.send_modify(|n| *n += 1);
        Ticket {
            unfinished: Arc::clone(&self.unfinished),
        }
    }

    pub fn unfinished(&self) -> usize {
        *self.unfinished.borrow()
    }

    pub async fn join(&self) {
        let mut count = self.unfinished.subscribe();
        // `wait_for` checks the current value first, then each change.
        let _ = count.wait_for(|n| *n == 0).await;
    }
}

impl Default for Tracker {
    fn default() -> Tracker {
        Tracker::new()
    }
}

/// Drop runs on every path out of the work: success, `?`, even a panic.
impl Drop for Ticket {
    fn drop(&mut self) {
        self.unfinished.send_modify(|n| *n -= 1);
    }
}
