//! Exercise `spawning`: a JoinSet, with each output put back in its place.

use std::future::Future;

use tokio::task::JoinSet;

pub async fn spawn_all<F>(futures: Vec<F>) -> Vec<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let mut slots: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    let mut tasks = JoinSet::new();
    for (index, fut) in futures.into_iter().enumerate() {
        tasks.spawn(async move { (index, fut.await) });
    }
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok((index, output)) => slots[index] = Some(output),
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
    slots.into_iter().flatten().collect()
}
