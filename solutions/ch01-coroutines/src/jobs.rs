//! Exercise `jobs`: one after another, or all at once.

use std::time::Duration;

use futures::future::join_all;

/// A piece of simulated work: a name and how long it takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    pub name: String,
    pub duration: Duration,
}

impl Job {
    pub fn new(name: &str, duration: Duration) -> Job {
        Job {
            name: name.to_string(),
            duration,
        }
    }
}

/// Waits for the job's duration on the runtime's timer, then reports.
pub async fn work(job: &Job) -> String {
    tokio::time::sleep(job.duration).await;
    format!("{} done", job.name)
}

/// Each `.await` finishes before the loop moves on: the durations add up.
pub async fn run_sequentially(jobs: &[Job]) -> Vec<String> {
    let mut results = Vec::with_capacity(jobs.len());
    for job in jobs {
        results.push(work(job).await);
    }
    results
}

/// `join_all` polls every future together and keeps the input order.
pub async fn run_concurrently(jobs: &[Job]) -> Vec<String> {
    join_all(jobs.iter().map(work)).await
}
