//! Exercise `spawning`, wrongly: results in the order the tasks finish.

use std::future::Future;

use tokio::task::JoinSet;

pub async fn spawn_all<F>(futures: Vec<F>) -> Vec<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let mut tasks = JoinSet::new();
    for fut in futures {
        tasks.spawn(fut);
    }
    let mut outputs = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(output) => outputs.push(output),
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
    outputs
}
