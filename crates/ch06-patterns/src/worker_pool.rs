//! Exercise `worker_pool`: N workers, results matched to their jobs.

use std::collections::BTreeMap;
use std::future::Future;
use std::time::Duration;

/// A job: an id, and how long it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Job {
    pub id: u64,
    pub duration: Duration,
}

/// Runs every job through `work` on a pool of `workers` workers (at least
/// 1), and returns each result under its job's id.
///
/// At most `workers` jobs run at any moment, and a worker that is free
/// takes the next job at once, so the pool stays busy while jobs remain.
/// Jobs finish in any order; each result must still land under the id of
/// the job that produced it.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch06_patterns::worker_pool::{Job, run_pool};
/// # async fn demo() {
/// let jobs = vec![Job { id: 7, duration: Duration::from_secs(1) }];
/// let results = run_pool(jobs, 2, |job| async move { job.id * 2 }).await;
/// assert_eq!(results[&7], 14);
/// # }
/// ```
pub async fn run_pool<W, Fut, R>(jobs: Vec<Job>, workers: usize, work: W) -> BTreeMap<u64, R>
where
    W: Fn(Job) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = R> + Send + 'static,
    R: Send + 'static,
{
    todo!()
}
