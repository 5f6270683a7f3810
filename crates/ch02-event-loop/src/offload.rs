//! Exercise `offload`: blocking work off the event loop.

/// asyncio's `await loop.run_in_executor(None, f)`: runs the blocking
/// function `f` on tokio's pool of blocking threads and resolves to its
/// result, while the runtime's own threads go on running other tasks.
///
/// If `f` panics, the panic goes on in the caller.
///
/// ```no_run
/// # use ch02_event_loop::offload::offload;
/// # async fn demo() {
/// let text = offload(|| std::fs::read_to_string("Cargo.toml").unwrap()).await;
/// # }
/// ```
pub async fn offload<T, F>(f: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    todo!()
}

/// A blocking job for [`offload_all`].
pub type Job<T> = Box<dyn FnOnce() -> T + Send>;

/// Runs every job on the blocking pool, all at the same time, and resolves
/// to their results in the order of `jobs` (not in the order they finish).
/// If a job panics, the panic goes on in the caller.
///
/// ```no_run
/// # use ch02_event_loop::offload::{Job, offload_all};
/// # async fn demo() {
/// let jobs: Vec<Job<u64>> = vec![Box::new(|| 1 + 1), Box::new(|| 2 * 3)];
/// assert_eq!(offload_all(jobs).await, [2, 6]);
/// # }
/// ```
pub async fn offload_all<T>(jobs: Vec<Job<T>>) -> Vec<T>
where
    T: Send + 'static,
{
    todo!()
}
