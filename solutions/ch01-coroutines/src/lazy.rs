//! Exercise `lazy`: a future does nothing until it is awaited.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Everything happens inside the `async` block, which runs only when polled.
// Spelled out instead of `async fn` on purpose: code before the `async`
// block would run at call time, and that is the lesson.
#[allow(clippy::manual_async_fn)]
pub fn count_later(counter: Arc<AtomicUsize>) -> impl Future<Output = usize> {
    async move { counter.fetch_add(1, Ordering::SeqCst) + 1 }
}

/// The closure moves into the future and is called on its first poll.
// Spelled out instead of `async fn` on purpose: code before the `async`
// block would run at call time, and that is the lesson.
#[allow(clippy::manual_async_fn)]
pub fn defer<T, F>(f: F) -> impl Future<Output = T>
where
    F: FnOnce() -> T,
{
    async move { f() }
}
