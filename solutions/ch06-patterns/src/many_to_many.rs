//! Exercise `many_to_many`: several producers, several consumers, one queue.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;

/// How many items the shared queue holds.
pub const CAPACITY: usize = 4;

/// One item: who made it, and its number among that producer's items.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Item {
    pub producer: usize,
    pub seq: usize,
}

pub async fn run<W, Fut>(
    producers: usize,
    per_producer: usize,
    every: Duration,
    consumers: usize,
    work: W,
) -> Vec<(usize, Item)>
where
    W: Fn(usize, Item) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let (tx, rx) = mpsc::channel(CAPACITY);
    for producer in 0..producers {
        let tx = tx.clone();
        tokio::spawn(async move {
            for seq in 0..per_producer {
                tokio::time::sleep(every).await;
                if tx.send(Item { producer, seq }).await.is_err() {
                    break;
                }
            }
        });
    }
    // The queue closes when the last producer's sender is gone: only the
    // producers may keep it open.
    drop(tx);

    // One receiver, shared: each item is taken by exactly one consumer.
    let rx = Arc::new(Mutex::new(rx));
    let work = Arc::new(work);
    let mut set = JoinSet::new();
    for consumer in 0..consumers {
        let (rx, work) = (Arc::clone(&rx), Arc::clone(&work));
        set.spawn(async move {
            let mut done = Vec::new();
            loop {
                // The lock guard is a temporary: it is released as soon as
                // an item is taken, before the work, so consumers overlap.
                let item = rx.lock().await.recv().await;
                // `None` only once the queue is closed *and* empty.
                let Some(item) = item else { break };
                work(consumer, item).await;
                done.push((consumer, item));
            }
            done
        });
    }
    let mut processed = Vec::new();
    while let Some(done) = set.join_next().await {
        processed.extend(done.expect("a consumer panicked"));
    }
    processed
}
