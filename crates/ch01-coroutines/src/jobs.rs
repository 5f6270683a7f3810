//! Exercise `jobs`: one after another, or all at once.

use std::time::Duration;

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

/// Does the work of `job`: waits for `job.duration`, without blocking the
/// thread, then returns `"<name> done"`.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch01_coroutines::jobs::{Job, work};
/// # async fn demo() {
/// let job = Job::new("A", Duration::from_secs(2));
/// assert_eq!(work(&job).await, "A done"); // after 2 s
/// # }
/// ```
pub async fn work(job: &Job) -> String {
    todo!()
}

/// Runs `work` on each job, one after another: a job starts when the one
/// before it has finished. Returns the results in the order of `jobs`.
///
/// Jobs of 2 s, 1 s and 3 s take 6 s in all.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch01_coroutines::jobs::{Job, run_sequentially};
/// # async fn demo() {
/// let jobs = [Job::new("A", Duration::from_secs(2)), Job::new("B", Duration::from_secs(1))];
/// assert_eq!(run_sequentially(&jobs).await, ["A done", "B done"]); // after 3 s
/// # }
/// ```
pub async fn run_sequentially(jobs: &[Job]) -> Vec<String> {
    todo!()
}

/// Runs `work` on every job at the same time. Returns the results in the
/// order of `jobs`, not in the order the jobs finish.
///
/// Jobs of 2 s, 1 s and 3 s take 3 s in all: as long as the longest one.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch01_coroutines::jobs::{Job, run_concurrently};
/// # async fn demo() {
/// let jobs = [Job::new("A", Duration::from_secs(2)), Job::new("B", Duration::from_secs(1))];
/// assert_eq!(run_concurrently(&jobs).await, ["A done", "B done"]); // after 2 s
/// # }
/// ```
pub async fn run_concurrently(jobs: &[Job]) -> Vec<String> {
    todo!()
}
