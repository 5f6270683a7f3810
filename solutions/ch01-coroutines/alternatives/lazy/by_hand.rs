//! Exercise `lazy` by hand: each future is a struct whose work happens in
//! its first (and only) poll.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

struct CountLater(Arc<AtomicUsize>);

impl Future for CountLater {
    type Output = usize;

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<usize> {
        Poll::Ready(self.0.fetch_add(1, Ordering::SeqCst) + 1)
    }
}

pub fn count_later(counter: Arc<AtomicUsize>) -> impl Future<Output = usize> {
    CountLater(counter)
}

/// The closure waits in an `Option` until the future is polled.
struct Defer<F>(Option<F>);

// Nothing in `Defer` is pinned: the closure is moved out, never borrowed.
impl<F> Unpin for Defer<F> {}

impl<T, F: FnOnce() -> T> Future for Defer<F> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<T> {
        let f = self.0.take().expect("Defer polled after it finished");
        Poll::Ready(f())
    }
}

pub fn defer<T, F>(f: F) -> impl Future<Output = T>
where
    F: FnOnce() -> T,
{
    Defer(Some(f))
}
