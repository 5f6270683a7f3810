//! Exercise `bounded_queue`: waits by sleeping a little and looking again.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

#[derive(Debug)]
pub struct BoundedQueue<T> {
    items: Mutex<VecDeque<T>>,
    capacity: usize,
}

impl<T> BoundedQueue<T> {
    pub fn new(capacity: usize) -> BoundedQueue<T> {
        BoundedQueue {
            items: Mutex::new(VecDeque::with_capacity(capacity)),
            capacity,
        }
    }

    pub async fn push(&self, item: T) {
        loop {
            {
                let mut items = self.items.lock().unwrap();
                if items.len() < self.capacity {
                    items.push_back(item);
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }

    pub async fn pop(&self) -> T {
        loop {
            if let Some(item) = self.items.lock().unwrap().pop_front() {
                return item;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }

    pub fn len(&self) -> usize {
        self.items.lock().unwrap().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
