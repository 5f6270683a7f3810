//! Exercise `queue`: the ready queue, by priority, first come first served.

/// The tasks that may start now, waiting for a free slot: the scheduler
/// pushes a task's name when it becomes ready and pops the next one to
/// start whenever a slot is free.
///
/// `pop` returns the highest priority first (a larger number is more
/// urgent; priorities may be negative). Among equal priorities, the task
/// pushed first pops first, however many pushes and pops happened in
/// between. Add the fields you need.
///
/// ```no_run
/// # use ch10_scheduler::queue::ReadyQueue;
/// let mut queue = ReadyQueue::new();
/// queue.push("backup", 0);
/// queue.push("alert", 9);
/// queue.push("report", 0);
/// assert_eq!(queue.pop().as_deref(), Some("alert"));
/// assert_eq!(queue.pop().as_deref(), Some("backup")); // pushed before "report"
/// ```
#[derive(Debug, Default)]
pub struct ReadyQueue {}

impl ReadyQueue {
    /// An empty queue.
    pub fn new() -> ReadyQueue {
        todo!()
    }

    /// Queues the task `name` with its `priority`.
    pub fn push(&mut self, name: &str, priority: i32) {
        todo!()
    }

    /// Takes out the next task to start: the highest priority, and among
    /// those the first pushed. `None` when the queue is empty.
    pub fn pop(&mut self) -> Option<String> {
        todo!()
    }

    /// Takes the task `name` out of the queue, wherever it is. Returns
    /// whether it was there. (Used to cancel a task that waits for a slot.)
    pub fn remove(&mut self, name: &str) -> bool {
        todo!()
    }

    /// How many tasks are queued.
    pub fn len(&self) -> usize {
        todo!()
    }

    /// Whether no task is queued.
    pub fn is_empty(&self) -> bool {
        todo!()
    }
}
