//! Exercise `ticks` with a tokio `Interval`: it keeps its own timer and
//! registers the waker in `poll_tick`.

use std::ops::Range;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::Stream;
use tokio::time::{Instant, Interval, interval_at};

#[derive(Debug)]
pub struct Ticks {
    range: Range<u64>,
    interval: Interval,
}

impl Ticks {
    pub fn new(range: Range<u64>, delay: Duration) -> Ticks {
        Ticks {
            range,
            interval: interval_at(Instant::now() + delay, delay),
        }
    }
}

impl Stream for Ticks {
    type Item = u64;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
        if self.range.is_empty() {
            return Poll::Ready(None);
        }
        match self.interval.poll_tick(cx) {
            Poll::Ready(_) => Poll::Ready(self.range.next()),
            Poll::Pending => Poll::Pending,
        }
    }
}
