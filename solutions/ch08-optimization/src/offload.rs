//! Exercise `offload`: CPU-bound work off the runtime's threads.

use std::panic::resume_unwind;

use tokio::task::JoinHandle;

/// `spawn_blocking` runs `work` on tokio's blocking pool; the runtime's
/// thread only awaits the handle.
pub async fn offload<T, F>(work: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    finish(tokio::task::spawn_blocking(work)).await
}

/// Every job is spawned before the first handle is awaited, so they run on
/// separate threads at the same time.
pub async fn offload_all<T, F>(jobs: Vec<F>) -> Vec<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let handles: Vec<JoinHandle<T>> = jobs.into_iter().map(tokio::task::spawn_blocking).collect();
    let mut results = Vec::with_capacity(handles.len());
    for handle in handles {
        results.push(finish(handle).await);
    }
    results
}

/// A panic in the work travels on to the caller as itself.
async fn finish<T>(handle: JoinHandle<T>) -> T {
    match handle.await {
        Ok(value) => value,
        Err(error) => resume_unwind(error.into_panic()),
    }
}
