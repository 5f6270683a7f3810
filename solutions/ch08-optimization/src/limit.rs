//! Exercise `limit`: at most K at a time, with a semaphore.

use std::future::Future;
use std::panic::resume_unwind;
use std::sync::Arc;

use tokio::sync::Semaphore;

/// The spawning loop waits for a permit before each spawn, so at most
/// `limit` tasks exist; the permit moves into the task and is dropped when
/// its job is done, letting the loop spawn the next one.
pub async fn run_limited<F>(jobs: Vec<F>, limit: usize) -> Vec<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let permits = Arc::new(Semaphore::new(limit));
    let mut tasks = Vec::with_capacity(jobs.len());
    for job in jobs {
        let permit = Arc::clone(&permits)
            .acquire_owned()
            .await
            .expect("the semaphore is never closed");
        tasks.push(tokio::spawn(async move {
            let output = job.await;
            drop(permit);
            output
        }));
    }
    let mut outputs = Vec::with_capacity(tasks.len());
    for task in tasks {
        match task.await {
            Ok(output) => outputs.push(output),
            Err(error) => resume_unwind(error.into_panic()),
        }
    }
    outputs
}
