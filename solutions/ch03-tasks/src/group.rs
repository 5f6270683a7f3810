//! Exercise `group`: a task group that fails as a whole.

use std::future::Future;

use tokio::task::JoinSet;

/// One `JoinSet` holds the whole group: on the first error, abort them
/// all, then keep draining the set, which both collects errors that were
/// already there and waits until every task has stopped.
pub async fn run_group<T, E, F>(futures: Vec<F>) -> Result<Vec<T>, Vec<E>>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let mut values: Vec<Option<T>> = futures.iter().map(|_| None).collect();
    let mut tasks = JoinSet::new();
    for (index, fut) in futures.into_iter().enumerate() {
        tasks.spawn(async move { (index, fut.await) });
    }
    let mut errors = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok((index, Ok(value))) => values[index] = Some(value),
            Ok((_, Err(error))) => {
                errors.push(error);
                // Aborting twice is harmless.
                tasks.abort_all();
            }
            Err(error) if error.is_cancelled() => {}
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
    if errors.is_empty() {
        // No error means nothing was cancelled: every value is there.
        Ok(values.into_iter().flatten().collect())
    } else {
        Err(errors)
    }
}
