//! Exercise `group`, fail-fast from inside: a member that fails aborts its
//! siblings there and then, and the caller drains the set.

use std::future::Future;
use std::sync::{Arc, Mutex};

use tokio::task::{AbortHandle, JoinSet};

pub async fn run_group<T, E, F>(futures: Vec<F>) -> Result<Vec<T>, Vec<E>>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let siblings: Arc<Mutex<Vec<AbortHandle>>> = Arc::default();
    let mut values: Vec<Option<T>> = futures.iter().map(|_| None).collect();
    let mut tasks = JoinSet::new();
    for (index, fut) in futures.into_iter().enumerate() {
        let others = Arc::clone(&siblings);
        let abort = tasks.spawn(async move {
            let result = fut.await;
            if result.is_err() {
                // Aborting the task we run in too is harmless: it is
                // about to finish anyway.
                for sibling in others.lock().unwrap().iter() {
                    sibling.abort();
                }
            }
            (index, result)
        });
        siblings.lock().unwrap().push(abort);
    }
    let mut errors = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok((index, Ok(value))) => values[index] = Some(value),
            Ok((_, Err(error))) => errors.push(error),
            Err(error) if error.is_cancelled() => {}
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
    if errors.is_empty() {
        Ok(values.into_iter().flatten().collect())
    } else {
        Err(errors)
    }
}
