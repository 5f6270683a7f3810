use std::sync::Arc;

use ch06_patterns::join::Tracker;
use pretty_assertions::assert_eq;
use support::{EventLog, Wakeups, assert_elapsed, finishes, join, millis, secs, timed};
use tokio::sync::mpsc;

#[support::test(start_paused = true)]
async fn join_with_no_work_returns_at_once() {
    let tracker = Tracker::new();
    let (_, took) = timed(tracker.join()).await;
    assert_elapsed("join() with nothing handed out", took, secs(0));
    assert_eq!(
        tracker.unfinished(),
        0,
        "a new tracker has no tickets alive: unfinished() starts at 0"
    );
}

#[support::test(start_paused = true)]
async fn join_waits_until_every_ticket_is_dropped() {
    let tracker = Tracker::new();
    for seconds in [2, 3, 1] {
        let ticket = tracker.add();
        tokio::spawn(async move {
            tokio::time::sleep(secs(seconds)).await;
            drop(ticket);
        });
    }
    assert_eq!(tracker.unfinished(), 3, "three tickets handed out");
    let wakeups = Wakeups::start();
    let (_, took) = timed(tracker.join()).await;
    wakeups.assert_at_most(
        "join() waited 3 s for three tickets",
        20,
        "let the dropping ticket wake the joiners (a `watch` channel, a `Notify`) instead of \
         looking at the count every so often",
    );
    assert_elapsed(
        "join() on work that finishes after 2 s, 3 s and 1 s",
        took,
        secs(3),
    );
    assert_eq!(tracker.unfinished(), 0, "every ticket was dropped");
}

#[support::test(start_paused = true)]
async fn join_waits_for_processing_not_for_an_empty_queue() {
    let tracker = Arc::new(Tracker::new());
    let (tx, mut rx) = mpsc::channel(8);
    for item in 0..3 {
        tx.send((item, tracker.add())).await.unwrap();
    }
    drop(tx);
    let log = EventLog::new();
    let consumer = {
        let log = log.clone();
        tokio::spawn(async move {
            // The queue is empty as soon as the consumer has taken the
            // items; the work on them goes on for another 2 s each.
            while let Some((item, ticket)) = rx.recv().await {
                tokio::time::sleep(secs(2)).await;
                log.push(format!("processed {item}"));
                drop(ticket);
            }
        })
    };
    let (_, took) = timed(tracker.join()).await;
    assert_eq!(
        log.events(),
        ["processed 0", "processed 1", "processed 2"],
        "join() returned before every item was processed"
    );
    assert_elapsed("join() on three items of 2 s each", took, secs(6));
    join(consumer).await;
}

#[support::test(start_paused = true)]
async fn join_counts_work_added_while_it_waits() {
    let tracker = Arc::new(Tracker::new());
    let first = tracker.add();
    {
        let tracker = Arc::clone(&tracker);
        tokio::spawn(async move {
            tokio::time::sleep(millis(500)).await;
            // More work, handed out before the first is done.
            let second = tracker.add();
            drop(first);
            tokio::time::sleep(millis(1500)).await;
            drop(second);
        });
    }
    let (_, took) = timed(tracker.join()).await;
    assert_elapsed(
        "join() while work added at 0.5 s runs until 2 s (count what is unfinished when it \
         changes, not when join() was called)",
        took,
        secs(2),
    );
}

#[support::test(start_paused = true)]
async fn every_joiner_wakes() {
    let tracker = Arc::new(Tracker::new());
    let ticket = tracker.add();
    let log = EventLog::new();
    let mut joiners = Vec::new();
    for name in ["a", "b", "c"] {
        let (tracker, log) = (Arc::clone(&tracker), log.clone());
        joiners.push(tokio::spawn(async move {
            tracker.join().await;
            log.push(name);
        }));
    }
    tokio::time::sleep(secs(1)).await;
    drop(ticket);
    for joiner in joiners {
        finishes(join(joiner)).await;
    }
    let mut woken = log.timeline();
    woken.sort();
    assert_eq!(
        woken,
        [
            (secs(1), "a".to_string()),
            (secs(1), "b".to_string()),
            (secs(1), "c".to_string())
        ],
        "all three joiners must wake when the last ticket is dropped, not just one"
    );
}

#[support::test(start_paused = true)]
async fn a_ticket_counts_as_done_on_every_path() {
    let tracker = Tracker::new();
    let failing = tracker.add();
    let task = tokio::spawn(async move {
        let _ticket = failing;
        tokio::time::sleep(secs(1)).await;
        Err::<(), _>("the work failed")?;
        Ok::<(), &str>(())
    });
    let (_, took) = timed(tracker.join()).await;
    assert_elapsed(
        "join() on work that fails after 1 s (the ticket must count as done when it is dropped)",
        took,
        secs(1),
    );
    assert!(
        join(task).await.is_err(),
        "the work returns early with its error, dropping its ticket on the way out"
    );
}
