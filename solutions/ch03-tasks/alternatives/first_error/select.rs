//! Exercise `first_error`: one timer for the whole wait, raced by select!.

use std::future::Future;
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::{Instant, sleep_until};

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
    let mut tasks = JoinSet::new();
    for (index, fut) in futures.into_iter().enumerate() {
        tasks.spawn(async move { (index, fut.await) });
    }
    let time_up = sleep_until(Instant::now() + timeout);
    tokio::pin!(time_up);
    loop {
        tokio::select! {
            joined = tasks.join_next() => match joined {
                None => break,
                Some(Ok((index, Ok(value)))) => settled[index] = Settled::Done(value),
                Some(Ok((index, Err(error)))) => {
                    settled[index] = Settled::Failed(error);
                    break;
                }
                Some(Err(error)) => std::panic::resume_unwind(error.into_panic()),
            },
            () = &mut time_up => break,
        }
    }
    tasks.abort_all();
    // Drain: every aborted task ends here, once it has really stopped.
    while tasks.join_next().await.is_some() {}
    settled
}
