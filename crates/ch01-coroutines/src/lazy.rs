//! Exercise `lazy`: a future does nothing until it is awaited.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

/// Returns a future that, when awaited, adds one to `counter` and returns
/// the counter's new value.
///
/// Calling `count_later` must not touch the counter: only awaiting the
/// future it returns does. A future that is dropped without being awaited
/// never counts.
///
/// ```no_run
/// # use std::sync::{Arc, atomic::{AtomicUsize, Ordering}};
/// # use ch01_coroutines::lazy::count_later;
/// # async fn demo() {
/// let counter = Arc::new(AtomicUsize::new(0));
/// let later = count_later(Arc::clone(&counter));
/// assert_eq!(counter.load(Ordering::SeqCst), 0); // nothing happened yet
/// assert_eq!(later.await, 1);
/// # }
/// ```
// Spelled out instead of `async fn` on purpose: code before the `async`
// block would run at call time, and that is the lesson.
#[allow(clippy::manual_async_fn)]
pub fn count_later(counter: Arc<AtomicUsize>) -> impl Future<Output = usize> {
    // Replace this whole body, including the `async` block.
    async { todo!() }
}

/// Returns a future that calls `f` when it is awaited, and resolves to what
/// `f` returned. Until then, `f` is not called.
///
/// ```no_run
/// # use ch01_coroutines::lazy::defer;
/// # async fn demo() {
/// let answer = defer(|| 6 * 7); // nothing computed yet
/// assert_eq!(answer.await, 42);
/// # }
/// ```
// Spelled out instead of `async fn` on purpose: code before the `async`
// block would run at call time, and that is the lesson.
#[allow(clippy::manual_async_fn)]
pub fn defer<T, F>(f: F) -> impl Future<Output = T>
where
    F: FnOnce() -> T,
{
    // Replace this whole body, including the `async` block.
    async { todo!() }
}
