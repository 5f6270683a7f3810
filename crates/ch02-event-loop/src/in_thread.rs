//! Exercise `in_thread`: an event loop on a thread of its own.

use std::future::Future;
use std::thread::JoinHandle;

/// Starts a new OS thread named `name`, and on it builds a current-thread
/// runtime (timers and I/O enabled) that runs `fut` to completion.
///
/// Returns at once, while `fut` is still running: the caller keeps its own
/// thread and gets the new thread's handle. `join()` on it waits for the
/// thread and gives `fut`'s output (or `Err` with the panic, if `fut`
/// panicked).
///
/// ```no_run
/// # use ch02_event_loop::in_thread::spawn_runtime_thread;
/// let handle = spawn_runtime_thread("loop", async {
///     tokio::time::sleep(std::time::Duration::from_millis(10)).await;
///     "done"
/// });
/// // The caller is free here, while the other thread's loop runs.
/// assert_eq!(handle.join().unwrap(), "done");
/// ```
pub fn spawn_runtime_thread<F>(name: &str, fut: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    todo!()
}
