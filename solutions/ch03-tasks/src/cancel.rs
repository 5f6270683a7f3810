//! Exercise `cancel`: stop a running task, and know how it ended.

use std::future::Future;
use std::time::Duration;

use tokio::task::{JoinError, JoinHandle};

/// How a task ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ending<T> {
    Finished(T),
    Cancelled,
    Panicked,
}

/// What awaiting a `JoinHandle` tells: the output, or why there is none.
fn ending<T>(joined: Result<T, JoinError>) -> Ending<T> {
    match joined {
        Ok(output) => Ending::Finished(output),
        Err(error) if error.is_cancelled() => Ending::Cancelled,
        Err(_) => Ending::Panicked,
    }
}

/// `abort` only asks; awaiting the handle waits until the task's future
/// has been dropped, so its cleanup has run when we return.
pub async fn cancel<T>(handle: JoinHandle<T>) -> Ending<T> {
    handle.abort();
    ending(handle.await)
}

/// Race the handle against the deadline, but by reference: dropping a
/// `JoinHandle` (as `timeout(deadline, handle)` would) detaches the task
/// and leaves it running.
pub async fn cancel_after<F>(deadline: Duration, fut: F) -> Ending<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let mut handle = tokio::spawn(fut);
    match tokio::time::timeout(deadline, &mut handle).await {
        Ok(joined) => ending(joined),
        Err(_) => cancel(handle).await,
    }
}
