use std::sync::Arc;

use ch06_patterns::bounded_queue::BoundedQueue;
use pretty_assertions::assert_eq;
use support::{EventLog, Wakeups, assert_elapsed, finishes, join, millis, secs, timed};

fn at(events: &[(u64, &str)]) -> Vec<(std::time::Duration, String)> {
    events
        .iter()
        .map(|(ms, e)| (millis(*ms), e.to_string()))
        .collect()
}

#[support::test(start_paused = true)]
async fn push_and_pop_keep_fifo_order() {
    let queue = BoundedQueue::new(3);
    for i in 0..3 {
        finishes(queue.push(i)).await;
    }
    assert_eq!(queue.len(), 3, "three items pushed, none popped");
    let mut popped = Vec::new();
    for _ in 0..3 {
        popped.push(finishes(queue.pop()).await);
    }
    assert_eq!(popped, [0, 1, 2], "first in, first out");
    assert!(queue.is_empty(), "every item was popped");
}

#[support::test(start_paused = true)]
async fn push_waits_while_the_queue_is_full() {
    let queue = Arc::new(BoundedQueue::new(2));
    let log = EventLog::new();
    let producer = {
        let (queue, log) = (Arc::clone(&queue), log.clone());
        tokio::spawn(async move {
            for i in 0..5 {
                queue.push(i).await;
                log.push(format!("pushed {i}"));
            }
        })
    };
    // A slow consumer: one pop every 1001 ms.
    let wakeups = Wakeups::start();
    let mut popped = Vec::new();
    for _ in 0..5 {
        tokio::time::sleep(millis(1001)).await;
        popped.push(finishes(queue.pop()).await);
        assert!(
            queue.len() <= 2,
            "the queue holds {} items, more than its capacity of 2",
            queue.len()
        );
    }
    finishes(join(producer)).await;
    wakeups.assert_at_most(
        "a producer's push() calls waited 1 s each for room",
        40,
        "wait on something a pop wakes (a `Semaphore` of free slots, a `Notify`), not on a \
         sleep-and-retry loop",
    );
    assert_eq!(popped, [0, 1, 2, 3, 4], "every item, first in, first out");
    assert_eq!(
        log.timeline(),
        at(&[
            (0, "pushed 0"),
            (0, "pushed 1"),
            (1001, "pushed 2"),
            (2002, "pushed 3"),
            (3003, "pushed 4"),
        ]),
        "with a capacity of 2 the first two pushes are instant, and each later push must \
         wait until a pop makes room, and no longer: wait on something a pop wakes (a \
         `Semaphore` of free slots), not on a sleep-and-retry loop"
    );
}

#[support::test(start_paused = true)]
async fn pop_waits_while_the_queue_is_empty() {
    let queue = Arc::new(BoundedQueue::new(4));
    let producer = {
        let queue = Arc::clone(&queue);
        tokio::spawn(async move {
            tokio::time::sleep(millis(1500)).await;
            queue.push("late").await;
        })
    };
    let wakeups = Wakeups::start();
    let (item, took) = timed(queue.pop()).await;
    wakeups.assert_at_most(
        "pop() waited 1.5 s for an item",
        10,
        "wait on something a push wakes (a `Semaphore` of filled slots, a `Notify`), not on a \
         sleep-and-retry loop",
    );
    assert_eq!(
        item, "late",
        "pop() returns the item pushed while it waited"
    );
    assert_elapsed(
        "pop() on an empty queue whose first item comes after 1.5 s",
        took,
        millis(1500),
    );
    join(producer).await;
}

#[support::test(start_paused = true)]
async fn a_cancelled_push_loses_no_slot() {
    let queue = BoundedQueue::new(1);
    finishes(queue.push(1)).await;
    // A push that gives up while the queue is full must leave no trace.
    let gave_up = tokio::time::timeout(secs(1), queue.push(2)).await;
    assert!(gave_up.is_err(), "the queue is full, so push(2) must wait");
    assert_eq!(
        finishes(queue.pop()).await,
        1,
        "the item pushed before the cancelled push is still at the front"
    );
    assert!(
        queue.is_empty(),
        "the cancelled push(2) must not have put its item in the queue"
    );
    let (_, took) = timed(queue.push(3)).await;
    assert_elapsed(
        "push(3) into a queue emptied again (a cancelled push must not keep the free slot)",
        took,
        secs(0),
    );
    assert_eq!(
        finishes(queue.pop()).await,
        3,
        "the queue holds exactly the item of the push that finished"
    );
}
