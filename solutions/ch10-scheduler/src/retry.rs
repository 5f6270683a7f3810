//! Exercise `retry`: try a failed task again, without holding a slot.

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

    pub fn delay_before(&self, retry: u32) -> Option<Duration> {
        if retry == 0 || retry > self.retries {
            return None;
        }
        let factor = self.backoff.checked_pow(retry - 1)?;
        self.delay.checked_mul(factor)
    }
}
