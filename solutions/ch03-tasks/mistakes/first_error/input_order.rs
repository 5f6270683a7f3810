//! Exercise `first_error`, wrongly: the handles awaited in input order.

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, timeout_at};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settled<T, E> {
    Done(T),
    Failed(E),
    Cancelled,
}

pub async fn wait_first_error<T, E, F>(timeout: Duration, futures: Vec<F>) -> Vec<Settled<T, E>>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let mut handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut settled: Vec<_> = handles.iter().map(|_| Settled::Cancelled).collect();
    let deadline = Instant::now() + timeout;
    for (index, handle) in handles.iter_mut().enumerate() {
        match timeout_at(deadline, handle).await {
            Ok(Ok(Ok(value))) => settled[index] = Settled::Done(value),
            Ok(Ok(Err(error))) => {
                settled[index] = Settled::Failed(error);
                break;
            }
            Ok(Err(error)) => std::panic::resume_unwind(error.into_panic()),
            Err(_) => break,
        }
    }
    for handle in handles {
        if !handle.is_finished() {
            handle.abort();
            let _ = handle.await;
        }
    }
    settled
}
