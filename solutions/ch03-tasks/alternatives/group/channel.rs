//! Exercise `group` with plain handles: results come over a channel; the
//! first error aborts every task, and all handles are awaited.

use std::future::Future;

use tokio::sync::mpsc;

pub async fn run_group<T, E, F>(futures: Vec<F>) -> Result<Vec<T>, Vec<E>>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let mut values: Vec<Option<T>> = futures.iter().map(|_| None).collect();
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
    let mut errors = Vec::new();
    // Ends once every task has either sent or been dropped.
    while let Some((index, result)) = rx.recv().await {
        match result {
            Ok(value) => values[index] = Some(value),
            Err(error) => {
                errors.push(error);
                for handle in &handles {
                    handle.abort();
                }
            }
        }
    }
    for handle in handles {
        if let Err(error) = handle.await
            && error.is_panic()
        {
            std::panic::resume_unwind(error.into_panic());
        }
    }
    if errors.is_empty() {
        Ok(values.into_iter().flatten().collect())
    } else {
        Err(errors)
    }
}
