//! Exercise `timers`: tasks that may not start yet, by the time they may.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use tokio::time::Instant;

/// Tasks waiting for a moment: a delayed start, or the pause before a retry.
#[derive(Debug, Default)]
pub struct Timers {
    // A min-heap on (time, push order): the earliest first, ties in push order.
    heap: BinaryHeap<Reverse<(Instant, u64, String)>>,
    next_seq: u64,
}

impl Timers {
    pub fn new() -> Timers {
        Timers::default()
    }

    pub fn push(&mut self, at: Instant, name: &str) {
        self.heap
            .push(Reverse((at, self.next_seq, name.to_string())));
        self.next_seq += 1;
    }

    pub fn next_deadline(&self) -> Option<Instant> {
        self.heap.peek().map(|Reverse((at, _, _))| *at)
    }

    pub fn pop_due(&mut self, now: Instant) -> Option<String> {
        // Due means "at or before now": a task due at 2 s starts at 2 s.
        if self.next_deadline()? > now {
            return None;
        }
        self.heap.pop().map(|Reverse((_, _, name))| name)
    }

    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.heap.len();
        self.heap.retain(|Reverse((_, _, n))| n != name);
        self.heap.len() != before
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}
