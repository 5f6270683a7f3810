//! Awaiting spawned tasks in tests.

use tokio::task::JoinHandle;

/// Awaits a spawned task and returns its output, re-raising its panic as it
/// was, so that a `todo!()` inside the task still reads as "not started" and
/// an assertion inside it keeps its message.
pub async fn join<T>(task: JoinHandle<T>) -> T {
    match task.await {
        Ok(output) => output,
        Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
        Err(error) => panic!("the task was cancelled before it finished: {error}"),
    }
}
