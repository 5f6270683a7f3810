//! Exercise `rate`: a token bucket that admits a steady rate.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::{Instant, sleep_until};

/// A token-bucket rate limiter.
///
/// Refills are counted in whole periods since `start`, so the schedule
/// never drifts however late `acquire` is called.
#[derive(Debug)]
pub struct TokenBucket {
    capacity: u32,
    period: Duration,
    start: Instant,
    // An async mutex, held while waiting for a token: waiters queue on it
    // in order, and only the one holding it can take the next token.
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    tokens: u32,
    /// Periods since `start` already turned into tokens.
    periods: u32,
}

impl TokenBucket {
    pub fn new(capacity: u32, period: Duration) -> TokenBucket {
        TokenBucket {
            capacity,
            period,
            start: Instant::now(),
            state: Mutex::new(State {
                tokens: capacity,
                periods: 0,
            }),
        }
    }

    pub async fn acquire(&self) {
        let mut state = self.state.lock().await;
        loop {
            let periods = self.periods_passed();
            let added = periods - state.periods;
            state.periods = periods;
            state.tokens = state.tokens.saturating_add(added).min(self.capacity);
            if state.tokens > 0 {
                state.tokens -= 1;
                return;
            }
            sleep_until(self.start + self.period * (state.periods + 1)).await;
        }
    }

    fn periods_passed(&self) -> u32 {
        let periods = self.start.elapsed().as_nanos() / self.period.as_nanos();
        u32::try_from(periods).unwrap_or(u32::MAX)
    }
}
