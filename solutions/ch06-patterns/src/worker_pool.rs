//! Exercise `worker_pool`: N workers, results matched to their jobs.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;

/// A job: an id, and how long it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Job {
    pub id: u64,
    pub duration: Duration,
}

pub async fn run_pool<W, Fut, R>(jobs: Vec<Job>, workers: usize, work: W) -> BTreeMap<u64, R>
where
    W: Fn(Job) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = R> + Send + 'static,
    R: Send + 'static,
{
    // Every job is queued up front; the channel then closes, which is how
    // each worker learns there is nothing left.
    let (tx, rx) = mpsc::unbounded_channel();
    for job in jobs {
        let _ = tx.send(job);
    }
    drop(tx);

    let rx = Arc::new(Mutex::new(rx));
    let work = Arc::new(work);
    let mut pool = JoinSet::new();
    for _ in 0..workers {
        let (rx, work) = (Arc::clone(&rx), Arc::clone(&work));
        pool.spawn(async move {
            let mut results = Vec::new();
            loop {
                let next = rx.lock().await.recv().await;
                let Some(job) = next else { break };
                // The id travels with the result: completion order does
                // not matter any more.
                results.push((job.id, work(job).await));
            }
            results
        });
    }
    let mut results = BTreeMap::new();
    while let Some(done) = pool.join_next().await {
        results.extend(done.expect("a worker panicked"));
    }
    results
}
