//! Exercise `queue`: the ready queue, by priority, first come first served.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The tasks that may start now, waiting for a free slot.
#[derive(Debug, Default)]
pub struct ReadyQueue {
    // A max-heap: the highest priority first, and among equal priorities the
    // lowest sequence number, so ties come out in push order.
    heap: BinaryHeap<(i32, Reverse<u64>, String)>,
    // Never reset: a task pushed later always gets a larger number.
    next_seq: u64,
}

impl ReadyQueue {
    pub fn new() -> ReadyQueue {
        ReadyQueue::default()
    }

    pub fn push(&mut self, name: &str, priority: i32) {
        self.heap
            .push((priority, Reverse(self.next_seq), name.to_string()));
        self.next_seq += 1;
    }

    pub fn pop(&mut self) -> Option<String> {
        self.heap.pop().map(|(_, _, name)| name)
    }

    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.heap.len();
        self.heap.retain(|(_, _, n)| n != name);
        self.heap.len() != before
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}
