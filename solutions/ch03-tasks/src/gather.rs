//! Exercise `gather`: every task's own result, even when some fail or panic.

use std::any::Any;
use std::future::Future;

/// Why a task of [`gather`] gave no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskError<E> {
    Failed(E),
    Panicked(String),
}

/// Spawn all, then await every handle: a `JoinError` is a value like any
/// other, so one task's panic never becomes ours.
pub async fn gather<T, E, F>(futures: Vec<F>) -> Vec<Result<T, TaskError<E>>>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut results = Vec::with_capacity(handles.len());
    for handle in handles {
        results.push(match handle.await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => Err(TaskError::Failed(error)),
            // Nobody else holds these handles, so nothing can cancel the
            // tasks: a `JoinError` here is a panic.
            Err(error) => Err(TaskError::Panicked(match error.try_into_panic() {
                Ok(payload) => panic_message(payload),
                Err(_) => "cancelled".to_string(),
            })),
        });
    }
    results
}

/// `panic!("literal")` carries a `&'static str`; `panic!("{x}")` a `String`.
fn panic_message(payload: Box<dyn Any + Send>) -> String {
    if let Some(message) = payload.downcast_ref::<&str>() {
        message.to_string()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        "unknown panic".to_string()
    }
}
