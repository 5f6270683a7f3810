//! Exercise `retry`: try a failed task again, without holding a slot.
//!
//! Two parts: [`Retry::delay_before`] below, and its use in your scheduler
//! (`src/scheduler.rs`): when an attempt fails or times out and a retry is
//! left, the task does not settle; it goes back on the timers, due after
//! the retry's delay, and its slot is free meanwhile.

use std::time::Duration;

/// How often, and after how long, a failed task is tried again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retry {
    /// How many times a task may be tried again after its first attempt.
    pub retries: u32,
    /// The wait before the first retry.
    pub delay: Duration,
    /// Each later wait is this many times the one before (1: always `delay`).
    pub backoff: u32,
}

impl Retry {
    /// Up to `retries` more attempts, `delay` apart.
    pub fn new(retries: u32, delay: Duration) -> Retry {
        Retry {
            retries,
            delay,
            backoff: 1,
        }
    }

    /// Multiplies the wait by `factor` after every retry.
    pub fn backoff(mut self, factor: u32) -> Retry {
        self.backoff = factor;
        self
    }

    /// The wait before retry number `retry` (the first retry is 1): `delay`
    /// for the first, each later one `backoff` times the one before. `None`
    /// when the task may not be retried again (`retry` > `retries`).
    ///
    /// ```no_run
    /// # use std::time::Duration;
    /// # use ch10_scheduler::retry::Retry;
    /// let retry = Retry::new(2, Duration::from_secs(1)).backoff(3);
    /// assert_eq!(retry.delay_before(1), Some(Duration::from_secs(1)));
    /// assert_eq!(retry.delay_before(2), Some(Duration::from_secs(3)));
    /// assert_eq!(retry.delay_before(3), None);
    /// ```
    pub fn delay_before(&self, retry: u32) -> Option<Duration> {
        todo!()
    }
}
