//! Exercise `in_thread`: an event loop on a thread of its own.

use std::future::Future;
use std::thread::JoinHandle;

/// The runtime is built inside the thread's closure, so it lives and dies
/// on that thread; the caller only holds the thread's handle.
pub fn spawn_runtime_thread<F>(name: &str, fut: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("building a current-thread runtime");
            runtime.block_on(fut)
        })
        .expect("spawning a thread")
}
