//! Exercise `join`: a count and a `Notify` rung with `notify_one` when the
//! count reaches zero.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::Notify;

#[derive(Debug, Default)]
struct Count {
    unfinished: AtomicUsize,
    done: Notify,
}

#[derive(Debug)]
pub struct Tracker {
    count: Arc<Count>,
}

#[derive(Debug)]
pub struct Ticket {
    count: Arc<Count>,
}

impl Tracker {
    pub fn new() -> Tracker {
        Tracker {
            count: Arc::default(),
        }
    }

    pub fn add(&self) -> Ticket {
        self.count.unfinished.fetch_add(1, Ordering::SeqCst);
        Ticket {
            count: Arc::clone(&self.count),
        }
    }

    pub fn unfinished(&self) -> usize {
        self.count.unfinished.load(Ordering::SeqCst)
    }

    pub async fn join(&self) {
        while self.unfinished() > 0 {
            self.count.done.notified().await;
        }
    }
}

impl Default for Tracker {
    fn default() -> Tracker {
        Tracker::new()
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if self.count.unfinished.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.count.done.notify_one();
        }
    }
}
