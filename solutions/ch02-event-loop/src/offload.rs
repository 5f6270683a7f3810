//! Exercise `offload`: blocking work off the event loop.

use tokio::task::{JoinError, spawn_blocking};

/// Hands `f` to the blocking pool; awaiting the handle only parks this task,
/// so the runtime's threads stay free.
pub async fn offload<T, F>(f: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    spawn_blocking(f).await.unwrap_or_else(resume)
}

/// A blocking job for [`offload_all`].
pub type Job<T> = Box<dyn FnOnce() -> T + Send>;

/// Every job is spawned before any is awaited, so they all run at once;
/// awaiting the handles in job order keeps the results in that order.
pub async fn offload_all<T>(jobs: Vec<Job<T>>) -> Vec<T>
where
    T: Send + 'static,
{
    let handles: Vec<_> = jobs.into_iter().map(spawn_blocking).collect();
    let mut results = Vec::with_capacity(handles.len());
    for handle in handles {
        results.push(handle.await.unwrap_or_else(resume));
    }
    results
}

/// A blocking closure cannot be cancelled, so a `JoinError` here is always
/// a panic: raise it again in the caller, payload and all.
fn resume<T>(error: JoinError) -> T {
    std::panic::resume_unwind(error.into_panic())
}
