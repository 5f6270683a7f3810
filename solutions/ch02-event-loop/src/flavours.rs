//! Exercise `flavours`: which thread runs a task?

use std::future::Future;

use tokio::runtime::Builder;

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

/// `block_on(task)` would poll `task` on the caller's thread whatever the
/// flavour; spawning hands it to the scheduler, which on a multi-thread
/// runtime means a worker.
pub fn spawn_and_wait<F>(flavor: Flavor, task: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let mut builder = match flavor {
        Flavor::CurrentThread => Builder::new_current_thread(),
        Flavor::MultiThread { workers } => {
            let mut builder = Builder::new_multi_thread();
            builder.worker_threads(workers).thread_name(WORKER_NAME);
            builder
        }
    };
    let runtime = builder.enable_all().build().expect("building a runtime");
    let handle = runtime.spawn(task);
    match runtime.block_on(handle) {
        Ok(output) => output,
        // Re-raise the task's own panic, not a wrapper around it.
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}
