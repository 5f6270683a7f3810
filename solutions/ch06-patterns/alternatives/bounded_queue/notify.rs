//! Exercise `bounded_queue`: a deque behind a std mutex, and two `Notify`s
//! that a pop and a push ring for whoever waits on the other side.

use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::Notify;

#[derive(Debug)]
pub struct BoundedQueue<T> {
    items: Mutex<VecDeque<T>>,
    capacity: usize,
    room: Notify,
    item: Notify,
}

impl<T> BoundedQueue<T> {
    pub fn new(capacity: usize) -> BoundedQueue<T> {
        BoundedQueue {
            items: Mutex::new(VecDeque::with_capacity(capacity)),
            capacity: capacity.max(1),
            room: Notify::new(),
            item: Notify::new(),
        }
    }

    pub async fn push(&self, item: T) {
        loop {
            // Listening before looking: a pop between the two is not missed.
            let room = self.room.notified();
            tokio::pin!(room);
            room.as_mut().enable();
            {
                let mut items = self.items.lock().unwrap();
                if items.len() < self.capacity {
                    items.push_back(item);
                    self.item.notify_one();
                    return;
                }
            }
            room.await;
        }
    }

    pub async fn pop(&self) -> T {
        loop {
            let item = self.item.notified();
            tokio::pin!(item);
            item.as_mut().enable();
            if let Some(first) = self.items.lock().unwrap().pop_front() {
                self.room.notify_one();
                return first;
            }
            item.await;
        }
    }

    pub fn len(&self) -> usize {
        self.items.lock().unwrap().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
