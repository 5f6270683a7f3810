//! Exercise `rate`: a token bucket where each caller reserves a token and
//! sleeps, without any lock, until that token is due.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::{Instant, sleep_until};

/// A token-bucket rate limiter.
#[derive(Debug)]
pub struct TokenBucket {
    capacity: i64,
    period: Duration,
    start: Instant,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    /// Tokens in the bucket; below zero, tokens already promised to
    /// callers that wait for them.
    balance: i64,
    /// Periods since `start` already turned into tokens.
    periods: u32,
}

impl TokenBucket {
    pub fn new(capacity: u32, period: Duration) -> TokenBucket {
        TokenBucket {
            capacity: i64::from(capacity),
            period,
            start: Instant::now(),
            state: Mutex::new(State {
                balance: i64::from(capacity),
                periods: 0,
            }),
        }
    }

    pub async fn acquire(&self) {
        let due = {
            let mut state = self.state.lock().unwrap();
            let periods = self.periods_passed();
            let added = i64::from(periods - state.periods);
            state.periods = periods;
            state.balance = (state.balance + added).min(self.capacity);
            state.balance -= 1;
            if state.balance >= 0 {
                return;
            }
            // The bucket is empty: mine is the n-th token still to come.
            let nth = u32::try_from(-state.balance).unwrap_or(u32::MAX);
            self.start + self.period * (periods + nth)
        };
        sleep_until(due).await;
    }

    fn periods_passed(&self) -> u32 {
        let periods = self.start.elapsed().as_nanos() / self.period.as_nanos();
        u32::try_from(periods).unwrap_or(u32::MAX)
    }
}
