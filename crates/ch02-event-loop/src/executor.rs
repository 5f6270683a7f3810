//! Exercise `executor`: an event loop in thirty lines, without tokio.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Runs `fut` to completion on the calling thread and returns its output:
/// a whole executor in one function, with no runtime underneath.
///
/// Poll the future with a [`Context`] whose [`Waker`](std::task::Waker)
/// unparks this thread (implement [`std::task::Wake`] for a small type that
/// holds the [`Thread`](std::thread::Thread)). When it returns
/// `Poll::Pending`, park the thread until the waker unparks it, then poll
/// again. Never poll in a loop without parking: that spins a core at 100 %.
///
/// ```no_run
/// # use ch02_event_loop::executor::{YieldOnce, block_on};
/// let answer = block_on(async {
///     YieldOnce::new().await;
///     6 * 7
/// });
/// assert_eq!(answer, 42);
/// ```
pub fn block_on<F: Future>(fut: F) -> F::Output {
    todo!()
}

/// A future that gives way once, like `asyncio.sleep(0)` or
/// `tokio::task::yield_now()`: its first poll wakes its own task and returns
/// `Poll::Pending`; its second poll returns `Poll::Ready(())`.
///
/// Written by hand: implement [`Future::poll`] yourself and add the fields
/// you need.
///
/// ```no_run
/// # use ch02_event_loop::executor::{YieldOnce, block_on};
/// block_on(YieldOnce::new()); // polled twice, then done
/// ```
#[derive(Debug, Default)]
pub struct YieldOnce {}

impl YieldOnce {
    pub fn new() -> YieldOnce {
        todo!()
    }
}

impl Future for YieldOnce {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        todo!()
    }
}
