//! Exercise `first_error` with plain handles: results come over a channel,
//! and every handle is aborted and awaited before returning.

use std::future::Future;
use std::time::Duration;

use tokio::sync::mpsc;
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
    let mut settled: Vec<_> = futures.iter().map(|_| Settled::Cancelled).collect();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let handles: Vec<_> = futures
        .into_iter()
        .enumerate()
        .map(|(index, fut)| {
            let tx = tx.clone();
            tokio::spawn(async move {
                let _ = tx.send((index, fut.await));
            })
        })
        .collect();
    drop(tx);
    let deadline = Instant::now() + timeout;
    while let Ok(Some((index, result))) = timeout_at(deadline, rx.recv()).await {
        match result {
            Ok(value) => settled[index] = Settled::Done(value),
            Err(error) => {
                settled[index] = Settled::Failed(error);
                break;
            }
        }
    }
    for handle in &handles {
        handle.abort();
    }
    for handle in handles {
        let _ = handle.await;
    }
    settled
}
