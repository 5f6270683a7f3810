//! Exercise `bounded_queue`: a queue that makes producers wait.

use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::Semaphore;

/// A first-in, first-out queue holding at most `capacity` items.
#[derive(Debug)]
pub struct BoundedQueue<T> {
    // Two counts, each a semaphore: free slots and filled slots. Waiting
    // for a permit is how a producer waits for room and a consumer for an
    // item, with no polling; tokio's semaphore serves waiters in order.
    items: Mutex<VecDeque<T>>,
    free: Semaphore,
    filled: Semaphore,
}

impl<T> BoundedQueue<T> {
    pub fn new(capacity: usize) -> BoundedQueue<T> {
        BoundedQueue {
            items: Mutex::new(VecDeque::with_capacity(capacity)),
            free: Semaphore::new(capacity),
            filled: Semaphore::new(0),
        }
    }

    pub async fn push(&self, item: T) {
        // `forget` keeps the slot taken until `pop` gives it back. If this
        // future is dropped while waiting, nothing was taken.
        self.free.acquire().await.expect("never closed").forget();
        // A std mutex is fine: it is never held across an `.await`.
        self.items.lock().unwrap().push_back(item);
        self.filled.add_permits(1);
    }

    pub async fn pop(&self) -> T {
        self.filled.acquire().await.expect("never closed").forget();
        let item = self.items.lock().unwrap().pop_front();
        self.free.add_permits(1);
        item.expect("a filled permit means an item is there")
    }

    pub fn len(&self) -> usize {
        self.items.lock().unwrap().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
