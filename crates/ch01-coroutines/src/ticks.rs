//! Exercise `ticks`: an async iterator written by hand.

use std::ops::Range;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::Stream;

/// A stream of the numbers in a range, waiting `delay` before each one.
///
/// Written by hand: implement [`Stream::poll_next`] yourself, with a timer
/// from `tokio::time` kept inside the struct. Add the fields you need.
///
/// `Ticks::new(3..6, 1 s)` yields 3 after 1 s, 4 after 2 s, 5 after 3 s, then
/// ends. An empty range ends at once.
///
/// ```no_run
/// # use std::time::Duration;
/// # use futures::StreamExt;
/// # use ch01_coroutines::ticks::Ticks;
/// # async fn demo() {
/// let numbers: Vec<u64> = Ticks::new(3..6, Duration::from_secs(1)).collect().await;
/// assert_eq!(numbers, [3, 4, 5]); // after 3 s
/// # }
/// ```
#[derive(Debug)]
pub struct Ticks {}

impl Ticks {
    pub fn new(range: Range<u64>, delay: Duration) -> Ticks {
        todo!()
    }
}

impl Stream for Ticks {
    type Item = u64;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
        todo!()
    }
}
