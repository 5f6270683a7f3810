//! Exercise `join`: an atomic count and a `Notify` rung for every waiter
//! (`notify_waiters`) when it reaches zero; a joiner listens before it looks.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::Notify;

#[derive(Debug, Default)]
struct Count {
    unfinished: AtomicUsize,
    zero: Notify,
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
        loop {
            let zero = self.count.zero.notified();
            tokio::pin!(zero);
            // Registered first: a drop to zero right after the check is seen.
            zero.as_mut().enable();
            if self.unfinished() == 0 {
                return;
            }
            zero.await;
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
            self.count.zero.notify_waiters();
        }
    }
}
