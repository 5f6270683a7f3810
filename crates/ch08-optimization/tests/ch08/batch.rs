use std::sync::{Arc, Mutex};
use std::time::Duration;

use ch08_optimization::batch::{Backend, Batcher};
use futures::future::join_all;
use pretty_assertions::assert_eq;
use support::{assert_elapsed, millis, timed};
use tokio::time::Instant;

/// When a backend call started, and with which keys.
type Call = (Duration, Vec<u64>);

/// A backend whose every call takes 100 ms; it records when each call
/// started and with which keys.
#[derive(Clone)]
struct Db {
    start: Instant,
    calls: Arc<Mutex<Vec<Call>>>,
}

impl Db {
    fn new() -> Db {
        Db {
            start: Instant::now(),
            calls: Arc::default(),
        }
    }

    fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }
}

impl Backend for Db {
    async fn load_many(&self, keys: Vec<u64>) -> Vec<String> {
        let values = keys.iter().map(|k| format!("value {k}")).collect();
        self.calls
            .lock()
            .unwrap()
            .push((self.start.elapsed(), keys));
        tokio::time::sleep(millis(100)).await;
        values
    }
}

#[support::test(start_paused = true)]
async fn batch_sends_one_window_of_calls_as_one_batch() {
    let db = Db::new();
    let batcher = Batcher::new(db.clone(), millis(10), 100);
    let keys = [5, 3, 8, 1, 9, 2, 7, 4, 6, 0];
    let (values, took) = timed(join_all(keys.iter().map(|&k| batcher.load(k)))).await;
    let expected: Vec<String> = keys.iter().map(|k| format!("value {k}")).collect();
    assert_eq!(
        values, expected,
        "each caller must get the value of its own key (match each reply to its caller, e.g. with a `oneshot` per call)"
    );
    let calls = db.calls();
    assert_eq!(
        calls.len(),
        1,
        "ten calls at the same moment must reach the backend as one batch, but it was called {} times: {calls:?}",
        calls.len()
    );
    let mut batched = calls[0].1.clone();
    batched.sort();
    assert_eq!(
        batched,
        (0..10).collect::<Vec<u64>>(),
        "the batch holds every key asked for"
    );
    assert_elapsed(
        "ten loads: a 10 ms window, then one 100 ms backend call",
        took,
        millis(110),
    );
}

#[support::test(start_paused = true)]
async fn batch_closes_each_window_on_time() {
    let db = Db::new();
    let batcher = Batcher::new(db.clone(), millis(10), 100);
    // Neither call on a multiple of the window: a batcher that flushes on
    // a fixed tick (every 10 ms since it was made) sends them too early.
    let early = async {
        tokio::time::sleep(millis(4)).await;
        batcher.load(1).await
    };
    let late = async {
        tokio::time::sleep(millis(57)).await;
        batcher.load(2).await
    };
    let ((a, b), took) = timed(async { tokio::join!(early, late) }).await;
    assert_eq!(
        (a.as_str(), b.as_str()),
        ("value 1", "value 2"),
        "each caller gets the value of its own key, also from different batches"
    );
    assert_eq!(
        db.calls(),
        [(millis(14), vec![1]), (millis(67), vec![2])],
        "a batch goes to the backend `window` after its first call (not on a fixed tick), even when it is not full; a call after that starts the next batch"
    );
    assert_elapsed(
        "a load at 4 ms and one at 57 ms, with a 10 ms window and a 100 ms backend",
        took,
        millis(167),
    );
}

#[support::test(start_paused = true)]
async fn batch_sends_a_full_batch_at_once() {
    let db = Db::new();
    let batcher = Batcher::new(db.clone(), millis(10), 4);
    let (values, took) = timed(join_all((0..10).map(|k| batcher.load(k)))).await;
    assert_eq!(
        values,
        (0..10).map(|k| format!("value {k}")).collect::<Vec<_>>(),
        "each caller gets the value of its own key"
    );
    let mut sent: Vec<(Duration, usize)> = db
        .calls()
        .iter()
        .map(|(at, keys)| (*at, keys.len()))
        .collect();
    sent.sort();
    assert_eq!(
        sent,
        [(millis(0), 4), (millis(0), 4), (millis(10), 2)],
        "with at most 4 keys a batch, ten calls make batches of 4, 4 and 2: a full batch goes at once, without waiting for its window, and does not wait for the backend call before it"
    );
    assert_elapsed(
        "ten loads in batches of at most 4 (the last batch waits its 10 ms window)",
        took,
        millis(110),
    );
}

#[support::test(start_paused = true)]
async fn batch_times_the_window_from_its_first_call() {
    let db = Db::new();
    let batcher = Batcher::new(db.clone(), millis(10), 100);
    let call_at = |ms: u64, key: u64| {
        let batcher = &batcher;
        async move {
            tokio::time::sleep(millis(ms)).await;
            batcher.load(key).await
        }
    };
    let (values, took) =
        timed(async { tokio::join!(call_at(0, 1), call_at(6, 2), call_at(12, 3), call_at(18, 4)) })
            .await;
    assert_eq!(
        values,
        (
            "value 1".to_string(),
            "value 2".to_string(),
            "value 3".to_string(),
            "value 4".to_string()
        ),
        "each caller gets the value of its own key"
    );
    assert_eq!(
        db.calls(),
        [(millis(10), vec![1, 2]), (millis(22), vec![3, 4])],
        "calls 6 ms apart with a 10 ms window: the batch opened at 0 closes at 10 ms with the calls \
         of 0 and 6 ms, the next opens at 12 ms and closes at 22 ms. A window restarted by every \
         call (`timeout(window, rx.recv())` in a loop) never closes while calls keep coming: \
         time it from the batch's first call (`timeout_at`)"
    );
    assert_elapsed(
        "calls at 0, 6, 12 and 18 ms in 10 ms windows, with a 100 ms backend",
        took,
        millis(122),
    );
}
