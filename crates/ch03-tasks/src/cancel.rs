//! Exercise `cancel`: stop a running task, and know how it ended.

use std::future::Future;
use std::time::Duration;

use tokio::task::JoinHandle;

/// How a task ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ending<T> {
    /// It ran to the end and returned this.
    Finished(T),
    /// It was cancelled before it could finish.
    Cancelled,
    /// It panicked.
    Panicked,
}

/// Cancels the task behind `handle` and waits until it has really stopped,
/// then says how it ended.
///
/// A task still running is cancelled: it stops at the `.await` it is
/// waiting at, and its destructors (its cleanup) run. `cancel` returns only
/// after that, with [`Ending::Cancelled`]. A task that had already finished
/// cannot be cancelled any more: that gives `Finished` with its output, and
/// a task that had panicked gives `Panicked`.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch03_tasks::cancel::{cancel, Ending};
/// # async fn demo() {
/// let long = tokio::spawn(tokio::time::sleep(Duration::from_secs(60)));
/// assert_eq!(cancel(long).await, Ending::Cancelled);
/// # }
/// ```
pub async fn cancel<T>(handle: JoinHandle<T>) -> Ending<T> {
    todo!()
}

/// Runs `fut` as a task of its own for at most `deadline`.
///
/// If the task finishes in time, returns `Finished` with its output as soon
/// as it finishes. Otherwise cancels it at the deadline, as [`cancel`] does,
/// and returns `Cancelled` once it has stopped. A panic gives `Panicked`.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch03_tasks::cancel::{cancel_after, Ending};
/// # async fn demo() {
/// let long = tokio::time::sleep(Duration::from_secs(60));
/// assert_eq!(cancel_after(Duration::from_secs(2), long).await, Ending::Cancelled); // after 2 s
/// # }
/// ```
pub async fn cancel_after<F>(deadline: Duration, fut: F) -> Ending<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    todo!()
}
