//! Exercise `bounded_queue`: a queue that makes producers wait.

use std::marker::PhantomData;

/// A first-in, first-out queue holding at most `capacity` items, shared by
/// reference (put it in an `Arc` to share it between tasks).
///
/// [`push`](BoundedQueue::push) waits while the queue is full, and
/// [`pop`](BoundedQueue::pop) waits while it is empty: that waiting is
/// *backpressure*, a fast producer slowed to the pace of its consumers
/// instead of filling memory. Waiting must cost nothing: no sleeping and
/// retrying, no spinning. A waiting push wakes as soon as a pop makes room,
/// and a push that is cancelled (its future dropped) while waiting leaves
/// the queue as it was.
///
/// Replace the placeholder field with the fields you need.
///
/// ```no_run
/// # use ch06_patterns::bounded_queue::BoundedQueue;
/// # async fn demo() {
/// let queue = BoundedQueue::new(2);
/// queue.push(1).await;
/// queue.push(2).await; // full now: a third push would wait for a pop
/// assert_eq!(queue.pop().await, 1);
/// # }
/// ```
#[derive(Debug)]
pub struct BoundedQueue<T> {
    placeholder: PhantomData<T>,
}

impl<T> BoundedQueue<T> {
    /// An empty queue with room for `capacity` items (at least 1).
    pub fn new(capacity: usize) -> BoundedQueue<T> {
        todo!()
    }

    /// Adds `item` at the back, first waiting until there is room.
    pub async fn push(&self, item: T) {
        todo!()
    }

    /// Removes the item at the front, first waiting until there is one.
    pub async fn pop(&self) -> T {
        todo!()
    }

    /// How many items are in the queue now.
    pub fn len(&self) -> usize {
        todo!()
    }

    /// Whether the queue holds no items now.
    pub fn is_empty(&self) -> bool {
        todo!()
    }
}
