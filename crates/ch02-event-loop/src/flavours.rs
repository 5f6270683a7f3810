//! Exercise `flavours`: which thread runs a task?

use std::future::Future;

/// The name of every worker thread of a multi-thread runtime built by
/// [`spawn_and_wait`].
pub const WORKER_NAME: &str = "ch02-worker";

/// The two kinds of tokio runtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// One thread: the caller's, while it is inside `block_on`.
    CurrentThread,
    /// A pool of `workers` threads (at least 1) that run spawned tasks.
    MultiThread { workers: usize },
}

/// Builds a runtime of `flavor` with its drivers enabled (on a multi-thread
/// runtime, the worker threads are named [`WORKER_NAME`]), **spawns** `task`
/// on it as a task of its own, waits for that task to finish and returns
/// its output. If the task panics, so does `spawn_and_wait`.
///
/// ```no_run
/// # use ch02_event_loop::flavours::{Flavor, WORKER_NAME, spawn_and_wait};
/// let name = spawn_and_wait(Flavor::MultiThread { workers: 2 }, async {
///     std::thread::current().name().map(str::to_string)
/// });
/// assert_eq!(name.as_deref(), Some(WORKER_NAME));
/// ```
pub fn spawn_and_wait<F>(flavor: Flavor, task: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    todo!()
}
