//! Exercise `bounded_queue`: a tokio `mpsc` channel does the waiting; the
//! queue only shares its receiver and counts what is inside.

use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{Mutex, mpsc};

#[derive(Debug)]
pub struct BoundedQueue<T> {
    sender: mpsc::Sender<T>,
    receiver: Mutex<mpsc::Receiver<T>>,
    len: AtomicUsize,
}

impl<T> BoundedQueue<T> {
    pub fn new(capacity: usize) -> BoundedQueue<T> {
        let (sender, receiver) = mpsc::channel(capacity.max(1));
        BoundedQueue {
            sender,
            receiver: Mutex::new(receiver),
            len: AtomicUsize::new(0),
        }
    }

    pub async fn push(&self, item: T) {
        // `send` waits for room, and leaves nothing behind if cancelled.
        if self.sender.send(item).await.is_ok() {
            self.len.fetch_add(1, Ordering::SeqCst);
        }
    }

    pub async fn pop(&self) -> T {
        let item = self
            .receiver
            .lock()
            .await
            .recv()
            .await
            .expect("the queue holds a sender, so it never closes");
        self.len.fetch_sub(1, Ordering::SeqCst);
        item
    }

    pub fn len(&self) -> usize {
        self.len.load(Ordering::SeqCst)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
