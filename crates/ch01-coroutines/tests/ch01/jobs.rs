use ch01_coroutines::jobs::{Job, run_concurrently, run_sequentially, work};
use pretty_assertions::assert_eq;
use support::{assert_elapsed, secs, timed};

/// Finishing order (B, A, C) differs from the input order (A, B, C).
fn three_jobs() -> Vec<Job> {
    vec![
        Job::new("A", secs(2)),
        Job::new("B", secs(1)),
        Job::new("C", secs(3)),
    ]
}

#[support::test(start_paused = true)]
async fn work_waits_for_the_job_duration() {
    let (result, took) = timed(work(&Job::new("A", secs(2)))).await;
    assert_eq!(
        result, "A done",
        "work() returns the job's name, then \" done\""
    );
    assert_elapsed("work() on a 2 s job", took, secs(2));
}

#[support::test(start_paused = true)]
async fn sequential_takes_the_sum_of_the_durations() {
    let (_, took) = timed(run_sequentially(&three_jobs())).await;
    assert_elapsed(
        "run_sequentially() on jobs of 2 s, 1 s and 3 s",
        took,
        secs(6),
    );
}

#[support::test(start_paused = true)]
async fn sequential_returns_results_in_input_order() {
    let (results, _) = timed(run_sequentially(&three_jobs())).await;
    assert_eq!(
        results,
        ["A done", "B done", "C done"],
        "one result per job, in the order of the jobs"
    );
}

#[support::test(start_paused = true)]
async fn concurrent_takes_as_long_as_the_longest_job() {
    let (_, took) = timed(run_concurrently(&three_jobs())).await;
    assert_elapsed(
        "run_concurrently() on jobs of 2 s, 1 s and 3 s",
        took,
        secs(3),
    );
}

#[support::test(start_paused = true)]
async fn concurrent_returns_results_in_input_order() {
    let (results, _) = timed(run_concurrently(&three_jobs())).await;
    assert_eq!(
        results,
        ["A done", "B done", "C done"],
        "results must follow the order of the jobs, not the order they finished in (B finishes first)"
    );
}
