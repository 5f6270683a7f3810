//! Exercise `shutdown`: stop producing, finish what is queued, lose nothing.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;

/// How many items the queue holds.
pub const CAPACITY: usize = 8;

/// What a run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The items put in the queue, in order.
    pub produced: Vec<u64>,
    /// The items whose work finished, in the order it finished.
    pub processed: Vec<u64>,
}

pub async fn run_until<S, W, Fut>(stop: S, every: Duration, consumers: usize, work: W) -> Report
where
    S: Future<Output = ()> + Send + 'static,
    W: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let (tx, rx) = mpsc::channel(CAPACITY);
    let producer = tokio::spawn(async move {
        let mut produced = Vec::new();
        let mut ticks = tokio::time::interval(every);
        tokio::pin!(stop);
        for item in 0.. {
            tokio::select! {
                // Stop wins even while waiting for room in the queue.
                _ = &mut stop => break,
                sent = async {
                    ticks.tick().await;
                    tx.send(item).await
                } => {
                    if sent.is_err() {
                        break;
                    }
                    produced.push(item);
                }
            }
        }
        // Returning drops `tx`: the queue closes, and consumers drain what
        // is left before they see the end.
        produced
    });

    let rx = Arc::new(Mutex::new(rx));
    let work = Arc::new(work);
    let processed = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut set = JoinSet::new();
    for _ in 0..consumers {
        let (rx, work, processed) = (Arc::clone(&rx), Arc::clone(&work), Arc::clone(&processed));
        set.spawn(async move {
            // Consumers stop on the queue's end, never on the stop signal:
            // that is what keeps queued items from being lost.
            loop {
                let next = rx.lock().await.recv().await;
                let Some(item) = next else { break };
                work(item).await;
                processed.lock().unwrap().push(item);
            }
        });
    }

    let produced = producer.await.expect("the producer panicked");
    while let Some(done) = set.join_next().await {
        done.expect("a consumer panicked");
    }
    let processed = std::mem::take(&mut *processed.lock().unwrap());
    Report {
        produced,
        processed,
    }
}
