//! Counting polls, to catch busy polling.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

use futures::Stream;
use verdict::Kind;

use crate::harness::fail;

/// Wraps a stream and counts how often it is polled, failing the test once
/// the count passes `budget`.
///
/// A stream that waits properly is polled about once per wake-up of its
/// timer. One that wakes itself and returns `Pending` in a loop (busy
/// polling) is polled without end, and never lets virtual time move on:
/// the budget turns that hang into a failure that names the cause.
pub fn count_polls<S: Stream + Unpin>(stream: S, budget: usize) -> CountPolls<S> {
    CountPolls {
        stream,
        budget,
        polls: Arc::default(),
    }
}

/// See [`count_polls`].
#[derive(Debug)]
pub struct CountPolls<S> {
    stream: S,
    budget: usize,
    polls: Arc<AtomicUsize>,
}

impl<S> CountPolls<S> {
    /// How many times the stream was polled so far.
    pub fn polls(&self) -> usize {
        self.polls.load(Ordering::SeqCst)
    }
}

impl<S: Stream + Unpin> Stream for CountPolls<S> {
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let polls = self.polls.fetch_add(1, Ordering::SeqCst) + 1;
        if polls > self.budget {
            fail(
                Kind::BusyPolling,
                format!(
                    "the stream was polled {polls} times, more than the {} a stream that \
             waits on its timer needs: it is busy polling. Return `Poll::Pending` \
             only after polling a timer (such as a pinned `Sleep`) that returned \
             `Pending`, so its waker is registered; do not call `wake_by_ref` \
             yourself.",
                    self.budget
                ),
            );
        }
        Pin::new(&mut self.stream).poll_next(cx)
    }
}
