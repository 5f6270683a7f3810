//! Exercise `many_to_many`: a broadcast channel, one subscription per
//! consumer, so that "every consumer gets the items".

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;
use tokio::task::JoinSet;

pub const CAPACITY: usize = 4;

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
    // Big enough that no consumer lags behind.
    let (tx, _) = broadcast::channel(CAPACITY.max(producers * per_producer));
    let work = Arc::new(work);
    let mut set = JoinSet::new();
    for consumer in 0..consumers {
        let (mut rx, work) = (tx.subscribe(), Arc::clone(&work));
        set.spawn(async move {
            let mut done = Vec::new();
            loop {
                match rx.recv().await {
                    Ok(item) => {
                        work(consumer, item).await;
                        done.push((consumer, item));
                    }
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => break,
                }
            }
            done
        });
    }
    for producer in 0..producers {
        let tx = tx.clone();
        tokio::spawn(async move {
            for seq in 0..per_producer {
                tokio::time::sleep(every).await;
                let _ = tx.send(Item { producer, seq });
            }
        });
    }
    drop(tx);
    let mut processed = Vec::new();
    while let Some(done) = set.join_next().await {
        processed.extend(done.expect("a consumer panicked"));
    }
    processed
}
