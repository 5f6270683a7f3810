//! Exercise `rate`: a token bucket that admits a steady rate.

use std::time::Duration;

/// A token-bucket rate limiter.
///
/// The bucket holds at most `capacity` tokens and starts full. One token is
/// added every `period`, counted from the moment the bucket was created
/// (at `period`, `2 × period`, …); a token that finds the bucket full is
/// lost. [`TokenBucket::acquire`] takes one token, waiting first if the
/// bucket is empty.
///
/// So a bucket of capacity 5 with a period of 8.571 s admits a burst of 5
/// at once, then exactly 7 more in the first minute (7 × 8.571 s =
/// 59.997 s), each at the moment its token arrives.
///
/// Waiting means sleeping until the next token is due
/// (`tokio::time::sleep_until`), not polling in small steps; callers that
/// wait together are admitted one per token, never two for one. Measure
/// time with `tokio::time::Instant`. Replace the placeholder field with the
/// fields you need.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch08_optimization::rate::TokenBucket;
/// # async fn demo() {
/// let bucket = TokenBucket::new(2, Duration::from_secs(1));
/// bucket.acquire().await; // at once
/// bucket.acquire().await; // at once: the bucket held 2
/// bucket.acquire().await; // after 1 s, when the next token arrives
/// # }
/// ```
#[derive(Debug)]
pub struct TokenBucket {
    _todo: (),
}

impl TokenBucket {
    /// A full bucket of `capacity` (at least 1) tokens, refilled by one
    /// token every `period` (more than zero).
    pub fn new(capacity: u32, period: Duration) -> TokenBucket {
        todo!()
    }

    /// Takes one token, waiting until one is there.
    pub async fn acquire(&self) {
        todo!()
    }
}
