//! Exercise `callbacks`: `call_soon` and `call_later`, the tokio way.

use std::time::Duration;

use tokio::task::JoinHandle;

/// A spawned task is the scheduler's unit of work: it runs when the runtime
/// polls it, not when it is created.
pub fn call_soon<F>(f: F) -> JoinHandle<()>
where
    F: FnOnce() + Send + 'static,
{
    tokio::spawn(async move { f() })
}

/// The task registers a timer with the runtime's timer driver and is not
/// polled again until its deadline; the driver fires deadlines in order.
/// Aborting the handle drops the task while it sleeps, so `f` never runs.
pub fn call_later<F>(delay: Duration, f: F) -> JoinHandle<()>
where
    F: FnOnce() + Send + 'static,
{
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        f();
    })
}
