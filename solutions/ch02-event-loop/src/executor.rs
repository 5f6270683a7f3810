//! Exercise `executor`: an event loop in thirty lines, without tokio.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

/// Wakes a task by unparking the thread that runs it.
struct ThreadWaker(Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Poll, and park between polls. `unpark` leaves a token when the thread is
/// not parked yet, so a wake that comes during `poll` is never lost: the
/// next `park` returns at once. `park` may also return for no reason, which
/// costs one extra poll and nothing else.
pub fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let waker = Waker::from(Arc::new(ThreadWaker(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            Poll::Pending => thread::park(),
        }
    }
}

/// Pending once, after waking itself, then ready.
#[derive(Debug, Default)]
pub struct YieldOnce {
    yielded: bool,
}

impl YieldOnce {
    pub fn new() -> YieldOnce {
        YieldOnce::default()
    }
}

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        // Nothing else will wake this task: without this call, whoever runs
        // it waits forever.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
