//! Exercise `spawning`: tasks that run on their own.

use std::future::Future;

/// Spawn everything first, then await the handles in spawn order.
pub async fn spawn_all<F>(futures: Vec<F>) -> Vec<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    // Every task starts running as soon as it is spawned, whether or not
    // anyone awaits its handle yet.
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut outputs = Vec::with_capacity(handles.len());
    for handle in handles {
        // The tasks already run side by side: awaiting their handles one by
        // one adds no time. A task's panic is passed on to our caller.
        match handle.await {
            Ok(output) => outputs.push(output),
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
    outputs
}
