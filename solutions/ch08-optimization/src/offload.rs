//! Exercise `offload`: CPU-bound work off the runtime's threads.

use std::panic::resume_unwind;
use std::sync::Arc;

use tokio::sync::Semaphore;
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

/// One permit per place: a job is spawned only once it holds one, and gives
/// it back when it ends, so the next job starts at that moment. The loop
/// awaits the permit, which leaves the runtime's thread free.
pub async fn offload_all<T, F>(jobs: Vec<F>, parallelism: usize) -> Vec<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let places = Arc::new(Semaphore::new(parallelism.max(1)));
    let mut handles: Vec<JoinHandle<T>> = Vec::with_capacity(jobs.len());
    for job in jobs {
        let place = Arc::clone(&places)
            .acquire_owned()
            .await
            .expect("the semaphore is never closed");
        handles.push(tokio::task::spawn_blocking(move || {
            let result = job();
            drop(place);
            result
        }));
    }
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
