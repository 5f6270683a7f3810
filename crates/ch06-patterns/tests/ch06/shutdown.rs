use ch06_patterns::shutdown::run_until;
use pretty_assertions::assert_eq;
use support::{Wakeups, assert_elapsed, millis, secs, timed};

fn sorted(mut items: Vec<u64>) -> Vec<u64> {
    items.sort();
    items
}

#[support::test(start_paused = true)]
async fn stop_drains_the_queue_and_loses_nothing() {
    let stop = tokio::time::sleep(millis(4500));
    let (report, took) = timed(run_until(stop, secs(1), 1, |_| async {
        tokio::time::sleep(secs(2)).await;
    }))
    .await;
    assert_eq!(
        report.produced,
        [0, 1, 2, 3, 4],
        "one item every second from t = 0 until the stop at 4.5 s"
    );
    assert_eq!(
        sorted(report.processed),
        [0, 1, 2, 3, 4],
        "every produced item must be processed: consumers stop when the queue is closed and \
         empty, not when the stop signal fires"
    );
    assert_elapsed(
        "five items of 2 s each, one consumer (the last finishes at 10 s)",
        took,
        secs(10),
    );
}

#[support::test(start_paused = true)]
async fn production_stops_as_soon_as_stop_fires() {
    let stop = tokio::time::sleep(millis(2500));
    let (report, took) = timed(run_until(stop, secs(1), 2, |_| async {})).await;
    assert_eq!(
        report.produced,
        [0, 1, 2],
        "items at 0 s, 1 s and 2 s, then the stop at 2.5 s"
    );
    assert_eq!(
        sorted(report.processed),
        [0, 1, 2],
        "every produced item is processed before run_until() returns"
    );
    assert_elapsed(
        "run_until() with instant work and a stop at 2.5 s (wait for the stop and the next \
         tick at the same time, with `tokio::select!`)",
        took,
        millis(2500),
    );
}

#[support::test(start_paused = true)]
async fn several_consumers_drain_together() {
    let stop = tokio::time::sleep(millis(450));
    let wakeups = Wakeups::start();
    let (report, took) = timed(run_until(stop, millis(100), 3, |_| async {
        tokio::time::sleep(secs(1)).await;
    }))
    .await;
    assert_eq!(
        report.produced,
        [0, 1, 2, 3, 4],
        "one item every 100 ms from t = 0 until the stop at 450 ms"
    );
    assert_eq!(
        sorted(report.processed),
        [0, 1, 2, 3, 4],
        "items still queued at the stop must be processed too"
    );
    wakeups.assert_at_most(
        "a run of 2.1 s with five items and a stop",
        60,
        "consumers wait in `recv().await` and the producer on its `interval` and the stop \
         together (`select!`); no loop that sleeps a little and looks again",
    );
    assert_elapsed(
        "five items of 1 s made every 100 ms, three consumers",
        took,
        millis(2100),
    );
}

#[support::test(start_paused = true)]
async fn a_stop_while_the_queue_is_full_still_drains() {
    // Work so slow that the queue (CAPACITY 8) fills up and the producer
    // is waiting for room when the stop comes.
    let stop = tokio::time::sleep(millis(20_500));
    let (report, _) = timed(run_until(stop, secs(1), 1, |_| async {
        tokio::time::sleep(secs(10)).await;
    }))
    .await;
    assert_eq!(
        report.produced,
        (0..11).collect::<Vec<u64>>(),
        "item 0 is taken at once, items 1 to 8 fill the queue, and each time the consumer \
         takes one (at 10 s and 20 s) one more goes in. The stop at 20.5 s comes while the \
         producer waits for room: it must stop waiting then (`select!` on the stop and the \
         send), not put item 11 in at 30 s"
    );
    assert_eq!(
        sorted(report.processed),
        report.produced,
        "everything that went into the queue comes out processed"
    );
}
