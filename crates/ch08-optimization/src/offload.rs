//! Exercise `offload`: CPU-bound work off the runtime's threads.

/// Runs the blocking or CPU-heavy `work` on a thread other than the
/// runtime's, and returns its result, while the runtime's threads stay free
/// for other tasks.
///
/// Calling `work()` directly inside an `async fn` runs it on the runtime's
/// thread: until it returns, no other task on that thread makes progress.
/// Any other thread will do: tokio's pool of blocking threads
/// (`tokio::task::spawn_blocking`, the usual way) or a thread of your own
/// (`std::thread::spawn`, sending the result back on a
/// `tokio::sync::oneshot`). Awaiting the result waits without blocking.
///
/// If `work` panics, the panic reaches the caller as it was, with its own
/// message: `std::panic::resume_unwind` with the panic's payload (a
/// `JoinError` gives it with `into_panic`).
///
/// This exercise's tests run on the real clock, not on paused time: tokio
/// does not know what a thread of your own is doing, and paused time would
/// jump ahead while it works.
///
/// ```no_run
/// # async fn demo() {
/// let sum: u64 = ch08_optimization::offload::offload(|| (1..=1_000_000u64).sum()).await;
/// assert_eq!(sum, 500_000_500_000);
/// # }
/// ```
pub async fn offload<T, F>(work: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    todo!()
}

/// Runs every job of `jobs` off the runtime's threads, as [`offload`] does,
/// with at most `parallelism` (at least 1) running at any moment, and
/// returns the results in the order of `jobs`.
///
/// CPU-bound work gains nothing from more threads than cores: they only
/// take turns on them. So a caller passes the number of cores,
/// `std::thread::available_parallelism()`, and `offload_all` keeps exactly
/// that many jobs running while jobs remain:
///
/// - up to `parallelism` jobs run at the same time (Rust threads, unlike
///   Python's under its GIL, really run in parallel);
/// - a job starts as soon as a place is free, not when a whole "wave" of
///   jobs has finished;
/// - waiting for a place is an `.await` (a `tokio::sync::Semaphore`, for
///   example), so the runtime's thread stays free meanwhile.
///
/// ```no_run
/// # async fn demo() {
/// let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
/// let jobs: Vec<_> = (1..=8u64).map(|n| move || n * n).collect();
/// let squares = ch08_optimization::offload::offload_all(jobs, cores).await;
/// assert_eq!(squares, [1, 4, 9, 16, 25, 36, 49, 64]);
/// # }
/// ```
pub async fn offload_all<T, F>(jobs: Vec<F>, parallelism: usize) -> Vec<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    todo!()
}
