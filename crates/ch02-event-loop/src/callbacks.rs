//! Exercise `callbacks`: `call_soon` and `call_later`, the tokio way.

use std::time::Duration;

use tokio::task::JoinHandle;

/// asyncio's `loop.call_soon(f)`: schedules the plain function `f` to run on
/// the runtime as soon as the runtime gets to it, and returns at once,
/// **without** calling `f` itself.
///
/// The returned handle resolves once `f` has run. Call it from inside a
/// runtime.
///
/// ```no_run
/// # use ch02_event_loop::callbacks::call_soon;
/// # async fn demo() {
/// let handle = call_soon(|| println!("second"));
/// println!("first");
/// handle.await.unwrap();
/// # }
/// ```
pub fn call_soon<F>(f: F) -> JoinHandle<()>
where
    F: FnOnce() + Send + 'static,
{
    todo!()
}

/// asyncio's `loop.call_later(delay, f)`: schedules `f` to run once `delay`
/// has passed, and returns at once. The caller and every other task keep
/// running in the meantime. Several callbacks run in the order of their
/// deadlines, whatever order they were scheduled in.
///
/// Aborting the returned handle before the deadline cancels the callback,
/// like asyncio's `TimerHandle.cancel()`: then `f` never runs.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch02_event_loop::callbacks::call_later;
/// # async fn demo() {
/// let late = call_later(Duration::from_secs(2), || println!("after 2 s"));
/// let early = call_later(Duration::from_secs(1), || println!("after 1 s"));
/// let _ = tokio::join!(late, early);
/// # }
/// ```
pub fn call_later<F>(delay: Duration, f: F) -> JoinHandle<()>
where
    F: FnOnce() + Send + 'static,
{
    todo!()
}
