//! Exercise `executor` with `futures::task::ArcWake` for the waker.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::thread::{self, Thread};

use futures::task::{ArcWake, waker};

struct Unpark(Thread);

impl ArcWake for Unpark {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        arc_self.0.unpark();
    }
}

pub fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let waker = waker(Arc::new(Unpark(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(output) => break output,
            Poll::Pending => thread::park(),
        }
    }
}

/// Where a YieldOnce is in its short life.
#[derive(Debug, Default)]
enum Step {
    #[default]
    Fresh,
    GaveWay,
}

#[derive(Debug, Default)]
pub struct YieldOnce {
    step: Step,
}

impl YieldOnce {
    pub fn new() -> YieldOnce {
        YieldOnce::default()
    }
}

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.step {
            Step::Fresh => {
                self.step = Step::GaveWay;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            Step::GaveWay => Poll::Ready(()),
        }
    }
}
