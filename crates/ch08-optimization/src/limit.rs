//! Exercise `limit`: at most K at a time, with a semaphore.

use std::future::Future;

/// Runs every job as a tokio task of its own, with at most `limit` (at
/// least 1) running at any moment, and returns their outputs in the order
/// of `jobs`.
///
/// A job starts as soon as a place is free: no waiting for a whole "wave"
/// to finish. Use a `tokio::sync::Semaphore` with `limit` permits, and keep
/// the permit inside the task until its job is done: a permit dropped
/// earlier limits nothing.
///
/// Take the permit **before** spawning the task. Spawning every job at once
/// and letting each wait for a permit inside its task also limits the work,
/// but 10 000 jobs become 10 000 waiting tasks.
///
/// If a job panics, let the panic reach the caller.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch08_optimization::limit::run_limited;
/// # async fn demo() {
/// let jobs: Vec<_> = (0..30u64)
///     .map(|n| async move { tokio::time::sleep(Duration::from_millis(200)).await; n * 2 })
///     .collect();
/// let doubled = run_limited(jobs, 10).await; // 600 ms: three rounds of ten
/// assert_eq!(doubled[29], 58);
/// # }
/// ```
pub async fn run_limited<F>(jobs: Vec<F>, limit: usize) -> Vec<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    todo!()
}
