//! Exercise `offload`: CPU-bound work off the runtime's threads.

/// Runs the blocking or CPU-heavy `work` on a thread of its own and returns
/// its result, while the runtime's threads stay free for other tasks.
///
/// Calling `work()` directly inside an `async fn` runs it on the runtime's
/// thread: until it returns, no other task on that thread makes progress.
/// `tokio::task::spawn_blocking` moves it to tokio's pool of blocking
/// threads; awaiting its `JoinHandle` waits without blocking. If `work`
/// panics, let the panic reach the caller.
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

/// Runs every job of `jobs` with [`offload`]'s rule, **all at the same
/// time**, on threads that run in parallel, and returns the results in the
/// order of `jobs`.
///
/// Start every job before awaiting any of them.
///
/// ```no_run
/// # async fn demo() {
/// let jobs: Vec<_> = (1..=4u64).map(|n| move || n * n).collect();
/// let squares = ch08_optimization::offload::offload_all(jobs).await;
/// assert_eq!(squares, [1, 4, 9, 16]);
/// # }
/// ```
pub async fn offload_all<T, F>(jobs: Vec<F>) -> Vec<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    todo!()
}
