//! Exercise `ticks`: an async iterator written by hand.

use std::ops::Range;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use futures::Stream;
use tokio::time::{Instant, Sleep, sleep};

/// A stream of the numbers in a range, waiting `delay` before each one.
#[derive(Debug)]
pub struct Ticks {
    range: Range<u64>,
    delay: Duration,
    // `Sleep` is `!Unpin`: boxing it lets `Ticks` stay `Unpin`, so
    // `poll_next` can use `&mut self` fields freely.
    sleep: Pin<Box<Sleep>>,
}

impl Ticks {
    pub fn new(range: Range<u64>, delay: Duration) -> Ticks {
        Ticks {
            range,
            delay,
            sleep: Box::pin(sleep(delay)),
        }
    }
}

impl Stream for Ticks {
    type Item = u64;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
        if self.range.is_empty() {
            return Poll::Ready(None);
        }
        // Pending here means the timer holds our waker and will wake us.
        ready!(self.sleep.as_mut().poll(cx));
        let delay = self.delay;
        self.sleep.as_mut().reset(Instant::now() + delay);
        Poll::Ready(self.range.next())
    }
}
