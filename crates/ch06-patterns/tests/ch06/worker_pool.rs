use std::collections::BTreeMap;

use ch06_patterns::worker_pool::{Job, run_pool};
use pretty_assertions::assert_eq;
use support::{Gauge, assert_elapsed, secs, timed};

fn jobs(seconds: &[u64]) -> Vec<Job> {
    seconds
        .iter()
        .enumerate()
        .map(|(i, s)| Job {
            id: 100 + i as u64,
            duration: secs(*s),
        })
        .collect()
}

/// Work that takes the job's duration and says which job it did.
async fn work(job: Job) -> String {
    tokio::time::sleep(job.duration).await;
    format!("job {} done", job.id)
}

#[support::test(start_paused = true)]
async fn results_are_matched_to_their_jobs() {
    // The first job is the slowest: results finish in another order.
    let (results, _) = timed(run_pool(jobs(&[3, 1, 2, 1]), 4, work)).await;
    let expected: BTreeMap<u64, String> = (100..104)
        .map(|id| (id, format!("job {id} done")))
        .collect();
    assert_eq!(
        results, expected,
        "each result must be stored under the id of the job that produced it, whatever order \
         the jobs finish in (carry the id along with the result)"
    );
}

#[support::test(start_paused = true)]
async fn at_most_n_jobs_run_at_once() {
    let gauge = Gauge::new();
    let work_gauge = gauge.clone();
    let (results, took) = timed(run_pool(jobs(&[1; 10]), 3, move |job| {
        let gauge = work_gauge.clone();
        async move {
            let _running = gauge.enter();
            work(job).await
        }
    }))
    .await;
    assert_eq!(results.len(), 10, "one result per job");
    assert_eq!(
        gauge.max(),
        3,
        "a pool of 3 workers runs at most 3 jobs at once, and should keep all 3 busy"
    );
    assert_elapsed("ten 1 s jobs on three workers", took, secs(4));
}

#[support::test(start_paused = true)]
async fn a_free_worker_takes_the_next_job() {
    // Worker A gets the 4 s job; worker B should do the other four in turn.
    let (results, took) = timed(run_pool(jobs(&[4, 1, 1, 1, 1]), 2, work)).await;
    assert_eq!(results.len(), 5, "one result per job");
    assert_elapsed(
        "jobs of 4, 1, 1, 1, 1 s on two workers (a worker takes the next job as soon as it is \
         free; splitting the jobs into fixed batches up front takes longer)",
        took,
        secs(4),
    );
}

#[support::test(start_paused = true)]
async fn one_worker_runs_jobs_in_turn() {
    let (results, took) = timed(run_pool(jobs(&[1, 2]), 1, work)).await;
    assert_eq!(results.len(), 2, "one result per job");
    assert_elapsed("jobs of 1 s and 2 s on one worker", took, secs(3));
}
