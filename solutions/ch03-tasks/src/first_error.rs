//! Exercise `first_error`: stop at the first failure or a timeout, and
//! cancel whatever is still running.

use std::future::Future;
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::{Instant, timeout_at};

/// What became of one future given to [`wait_first_error`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settled<T, E> {
    Done(T),
    Failed(E),
    Cancelled,
}

/// A `JoinSet` hands results back as tasks finish; each task carries its
/// index so the answer can be put back in input order.
pub async fn wait_first_error<T, E, F>(timeout: Duration, futures: Vec<F>) -> Vec<Settled<T, E>>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    // Whatever is not settled by the end was cancelled.
    let mut settled: Vec<_> = futures.iter().map(|_| Settled::Cancelled).collect();
    let mut tasks = JoinSet::new();
    for (index, fut) in futures.into_iter().enumerate() {
        tasks.spawn(async move { (index, fut.await) });
    }
    let deadline = Instant::now() + timeout;
    // `timeout_at` gives `Err` at the deadline, `join_next` gives `None`
    // once every task has finished; both end the loop.
    while let Ok(Some(joined)) = timeout_at(deadline, tasks.join_next()).await {
        let (index, result) =
            joined.unwrap_or_else(|error| std::panic::resume_unwind(error.into_panic()));
        let failed = result.is_err();
        settled[index] = match result {
            Ok(value) => Settled::Done(value),
            Err(error) => Settled::Failed(error),
        };
        if failed {
            break;
        }
    }
    // Abort the rest and wait until each one has stopped. Merely dropping
    // the set would abort them too, but return before they had stopped.
    tasks.shutdown().await;
    settled
}
