//! Exercise `group`, wrongly: handles awaited in order, `?`-style early return.

use std::future::Future;

pub async fn run_group<T, E, F>(futures: Vec<F>) -> Result<Vec<T>, Vec<E>>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut values = Vec::with_capacity(handles.len());
    for handle in handles {
        match handle.await {
            Ok(Ok(value)) => values.push(value),
            // The handles not yet awaited are dropped: their tasks run on.
            Ok(Err(error)) => return Err(vec![error]),
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
    Ok(values)
}
