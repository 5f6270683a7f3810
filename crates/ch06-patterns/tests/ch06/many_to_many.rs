use std::collections::BTreeMap;

use ch06_patterns::many_to_many::{Item, run};
use pretty_assertions::assert_eq;
use support::{Gauge, Wakeups, assert_elapsed, secs, timed};

/// How many times each item was processed, by id.
fn counts(processed: &[(usize, Item)]) -> BTreeMap<(usize, usize), usize> {
    let mut counts = BTreeMap::new();
    for (_, item) in processed {
        *counts.entry((item.producer, item.seq)).or_insert(0) += 1;
    }
    counts
}

fn every_id_once(producers: usize, per_producer: usize) -> BTreeMap<(usize, usize), usize> {
    (0..producers)
        .flat_map(|p| (0..per_producer).map(move |s| ((p, s), 1)))
        .collect()
}

#[support::test(start_paused = true)]
async fn every_item_is_processed_exactly_once() {
    let (processed, _) = timed(run(3, 10, secs(0), 4, |_, _| async {
        tokio::time::sleep(secs(1)).await;
    }))
    .await;
    assert_eq!(
        counts(&processed),
        every_id_once(3, 10),
        "each (producer, seq) must be processed exactly once: 0 means lost, 2 means two \
         consumers got the same item (share one receiver; do not give each consumer a copy)"
    );
}

#[support::test(start_paused = true)]
async fn consumers_work_at_the_same_time() {
    let gauge = Gauge::new();
    let work_gauge = gauge.clone();
    let (processed, took) = timed(run(2, 10, secs(0), 4, move |_, _| {
        let gauge = work_gauge.clone();
        async move {
            let _working = gauge.enter();
            tokio::time::sleep(secs(1)).await;
        }
    }))
    .await;
    assert_eq!(processed.len(), 20, "20 items produced, 20 processed");
    assert_eq!(
        gauge.max(),
        4,
        "four consumers should work on four items at once (is a lock held during the work? \
         take the item, release the lock, then work)"
    );
    assert_elapsed("20 items of 1 s shared by 4 consumers", took, secs(5));
    let mut by_consumer = [0; 4];
    for (consumer, _) in &processed {
        by_consumer[*consumer] += 1;
    }
    assert_eq!(
        by_consumer,
        [5, 5, 5, 5],
        "each consumer reports its own index (0..consumers) with the items it processed"
    );
}

#[support::test(start_paused = true)]
async fn consumers_wait_when_the_queue_runs_dry() {
    // Producers slower than consumers: the queue is empty most of the time.
    let wakeups = Wakeups::start();
    let (processed, took) = timed(run(2, 5, secs(1), 3, |_, _| async {})).await;
    wakeups.assert_at_most(
        "consumers waited 5 s for items that come once a second",
        40,
        "a consumer waits in `recv().await`, which wakes it when an item comes or the queue \
         ends; `try_recv` with a sleep between tries polls",
    );
    assert_eq!(
        counts(&processed),
        every_id_once(2, 5),
        "an empty queue is not the end: consumers must wait for the next item until every \
         producer is done (`recv().await` returns None only then), not stop at the first \
         empty moment"
    );
    assert_elapsed(
        "two producers making an item every second, five each",
        took,
        secs(5),
    );
}

#[support::test(start_paused = true)]
async fn run_returns_when_the_last_item_is_done() {
    let (processed, took) = timed(run(1, 3, secs(0), 1, |_, item: Item| async move {
        tokio::time::sleep(secs(item.seq as u64 + 1)).await;
    }))
    .await;
    assert_eq!(processed.len(), 3, "3 items produced, 3 processed");
    assert_elapsed(
        "one consumer doing items of 1 s, 2 s and 3 s (run() returns once the queue is closed \
         and drained: drop every sender the producers do not own)",
        took,
        secs(6),
    );
}
