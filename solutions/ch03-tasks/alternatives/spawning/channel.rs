//! Exercise `spawning`: every task reports on a channel, tagged with its index.

use std::future::Future;

use tokio::sync::mpsc;

pub async fn spawn_all<F>(futures: Vec<F>) -> Vec<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let count = futures.len();
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
    let mut slots: Vec<Option<F::Output>> = (0..count).map(|_| None).collect();
    while let Some((index, output)) = rx.recv().await {
        slots[index] = Some(output);
    }
    // A task that panicked sent nothing: pass its panic on.
    for handle in handles {
        if let Err(error) = handle.await {
            std::panic::resume_unwind(error.into_panic());
        }
    }
    slots.into_iter().flatten().collect()
}
