//! Exercise `runtime`: start the event loop yourself.

use std::future::Future;

use tokio::runtime::Builder;

/// `enable_all` turns on both drivers: without them a `sleep` or a socket
/// panics, because nothing would ever wake the task.
pub fn run<F: Future>(fut: F) -> F::Output {
    let runtime = Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("building a current-thread runtime");
    // `runtime` is dropped at the end of this function: shutting it down
    // cancels whatever tasks are still on it.
    runtime.block_on(fut)
}

/// The same, with a pool of worker threads for spawned tasks.
pub fn run_multi_thread<F: Future>(workers: usize, fut: F) -> F::Output {
    let runtime = Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
        .expect("building a multi-thread runtime");
    runtime.block_on(fut)
}
