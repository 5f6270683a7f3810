use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ch08_optimization::limit::run_limited;
use pretty_assertions::assert_eq;
use support::{Gauge, assert_elapsed, millis, secs, timed};

/// A job that counts itself in the gauge while it runs, takes `duration`,
/// and returns `n`.
fn job(gauge: &Gauge, n: u64, duration: Duration) -> impl Future<Output = u64> + Send + 'static {
    let gauge = gauge.clone();
    async move {
        let _running = gauge.enter();
        tokio::time::sleep(duration).await;
        n
    }
}

#[support::test(start_paused = true)]
async fn limit_runs_at_most_k_jobs_at_once() {
    let gauge = Gauge::new();
    let jobs: Vec<_> = (0..30).map(|n| job(&gauge, n, millis(200))).collect();
    let (outputs, took) = timed(run_limited(jobs, 10)).await;
    assert_eq!(
        outputs,
        (0..30).collect::<Vec<u64>>(),
        "one output per job, in the order of the jobs"
    );
    assert!(
        gauge.max() <= 10,
        "{} jobs ran at once with a limit of 10: the permit must stay alive until the job is done (move it into the task; `let _ = sem.acquire().await` drops it at once)",
        gauge.max()
    );
    assert_eq!(
        gauge.max(),
        10,
        "with 30 jobs waiting, 10 should run at once"
    );
    assert_elapsed("30 jobs of 200 ms, 10 at a time", took, millis(600));
}

#[support::test(start_paused = true)]
async fn limit_starts_a_job_as_soon_as_a_place_is_free() {
    let gauge = Gauge::new();
    let durations = [3, 1, 1, 1];
    let jobs: Vec<_> = durations
        .iter()
        .zip(0..)
        .map(|(&d, n)| job(&gauge, n, secs(d)))
        .collect();
    let (outputs, took) = timed(run_limited(jobs, 2)).await;
    assert_eq!(outputs, [0, 1, 2, 3], "one output per job, in order");
    assert_elapsed(
        "jobs of 3 s, 1 s, 1 s and 1 s, 2 at a time: the short ones follow each other beside the long one (running in waves of 2 takes 4 s, and so does `StreamExt::buffered`, which keeps a finished job's place until the jobs before it are done)",
        took,
        secs(3),
    );
}

#[support::test(start_paused = true)]
async fn limit_spawns_no_more_tasks_than_can_run() {
    let gauge = Gauge::new();
    let most_tasks = Arc::new(AtomicUsize::new(0));
    let jobs: Vec<_> = (0..1000)
        .map(|n| {
            let most_tasks = Arc::clone(&most_tasks);
            let work = job(&gauge, n, secs(1));
            async move {
                let alive = tokio::runtime::Handle::current()
                    .metrics()
                    .num_alive_tasks();
                most_tasks.fetch_max(alive, Ordering::SeqCst);
                work.await
            }
        })
        .collect();
    let (outputs, took) = timed(run_limited(jobs, 10)).await;
    assert_eq!(outputs.len(), 1000, "one output per job");
    let most = most_tasks.load(Ordering::SeqCst);
    assert!(
        most <= 20,
        "{most} tasks were alive at once to run 1000 jobs 10 at a time: wait for a permit before `tokio::spawn`, not inside the task, so only the jobs that can run exist as tasks"
    );
    assert!(
        gauge.max() <= 10,
        "{} jobs ran at once with a limit of 10",
        gauge.max()
    );
    assert_elapsed("1000 jobs of 1 s, 10 at a time", took, secs(100));
}
