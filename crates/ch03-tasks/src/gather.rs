//! Exercise `gather`: every task's own result, even when some fail or panic.

use std::future::Future;

/// Why a task of [`gather`] gave no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskError<E> {
    /// The future returned `Err` with this error.
    Failed(E),
    /// The task panicked with this message.
    Panicked(String),
}

/// Python's `asyncio.gather(*aws, return_exceptions=True)`: runs every
/// future as a task of its own, all at once, waits for all of them, and
/// returns one result per future, in the order of `futures`.
///
/// A failure or a panic in one task does not stop the others. A panic
/// becomes `TaskError::Panicked` holding the panic's message (the `&str` or
/// `String` given to `panic!`, or `"unknown panic"` for anything else); it
/// never reaches the caller as a panic.
///
/// ```no_run
/// # use ch03_tasks::gather::{gather, TaskError};
/// # async fn demo() {
/// let job = |n: u32| async move {
///     match n {
///         0 => panic!("oops"),
///         1 => Err("no".to_string()),
///         n => Ok(n),
///     }
/// };
/// let results = gather(vec![job(7), job(1), job(0)]).await;
/// assert_eq!(
///     results,
///     [Ok(7), Err(TaskError::Failed("no".to_string())), Err(TaskError::Panicked("oops".to_string()))]
/// );
/// # }
/// ```
pub async fn gather<T, E, F>(futures: Vec<F>) -> Vec<Result<T, TaskError<E>>>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    todo!()
}
