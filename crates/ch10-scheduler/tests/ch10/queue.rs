use ch10_scheduler::queue::ReadyQueue;
use pretty_assertions::assert_eq;

fn drain(queue: &mut ReadyQueue) -> Vec<String> {
    std::iter::from_fn(|| queue.pop()).collect()
}

#[support::test]
fn the_highest_priority_pops_first() {
    let mut queue = ReadyQueue::new();
    queue.push("low", -1);
    queue.push("high", 10);
    queue.push("normal", 0);
    queue.push("urgent", 99);
    assert_eq!(
        drain(&mut queue),
        ["urgent", "high", "normal", "low"],
        "pop() returns the highest priority first (a larger number is more urgent; negatives are allowed)"
    );
}

#[support::test]
fn equal_priorities_pop_in_push_order() {
    let mut queue = ReadyQueue::new();
    // Not in alphabetical order, and more than a handful: a heap without a
    // tie-break returns equal priorities in an order of its own.
    let names = ["m", "c", "x", "a", "q", "b", "z", "k", "e", "t"];
    for name in names {
        queue.push(name, 5);
    }
    assert_eq!(
        drain(&mut queue),
        names,
        "tasks of equal priority must pop first come, first served. A heap of \
         (priority, name) orders ties by name; add a sequence number that grows \
         with every push, so the earlier push wins the tie"
    );
}

#[support::test]
fn push_order_still_counts_after_pops() {
    let mut queue = ReadyQueue::new();
    queue.push("a", 1);
    queue.push("b", 1);
    assert_eq!(
        queue.pop().as_deref(),
        Some("a"),
        "two tasks of priority 1: the first pushed pops first"
    );
    queue.push("c", 1);
    queue.push("d", 2);
    queue.push("e", 1);
    assert_eq!(
        drain(&mut queue),
        ["d", "b", "c", "e"],
        "priority first, then push order, also for tasks pushed after some were popped: \
         the sequence number must keep growing, never restart"
    );
}

#[support::test]
fn len_and_is_empty_follow_pushes_and_pops() {
    let mut queue = ReadyQueue::new();
    assert!(queue.is_empty(), "a new queue is empty");
    assert_eq!(queue.pop(), None, "pop() on an empty queue returns None");
    queue.push("a", 0);
    queue.push("b", 3);
    assert_eq!(queue.len(), 2, "two tasks pushed, none popped");
    assert!(!queue.is_empty(), "a queue holding two tasks is not empty");
    queue.pop();
    assert_eq!(queue.len(), 1, "pop() takes the task out of the queue");
}

#[support::test]
fn remove_takes_out_one_waiting_task() {
    let mut queue = ReadyQueue::new();
    queue.push("a", 0);
    queue.push("b", 7);
    queue.push("c", 0);
    assert!(
        queue.remove("b"),
        "remove() returns true when it took the task out"
    );
    assert!(
        !queue.remove("b"),
        "remove() returns false for a task that is not queued"
    );
    assert!(
        !queue.remove("nobody"),
        "remove() returns false for an unknown task"
    );
    assert_eq!(queue.len(), 2, "three tasks queued, one removed");
    assert_eq!(
        drain(&mut queue),
        ["a", "c"],
        "after remove(), the others keep their order"
    );
}
