//! Exercise `rate`: an eager token bucket. A refill task adds a token every
//! period, unless the bucket is full; callers queue for tokens on a FIFO
//! semaphore.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::task::AbortHandle;
use tokio::time::{Instant, interval_at};

/// A token-bucket rate limiter.
#[derive(Debug)]
pub struct TokenBucket {
    tokens: Arc<Semaphore>,
    refill: AbortHandle,
}

impl TokenBucket {
    pub fn new(capacity: u32, period: Duration) -> TokenBucket {
        let capacity = capacity as usize;
        let tokens = Arc::new(Semaphore::new(capacity));
        let bucket = Arc::clone(&tokens);
        let refill = tokio::spawn(async move {
            let mut ticks = interval_at(Instant::now() + period, period);
            loop {
                ticks.tick().await;
                if bucket.available_permits() < capacity {
                    bucket.add_permits(1);
                }
            }
        })
        .abort_handle();
        TokenBucket { tokens, refill }
    }

    pub async fn acquire(&self) {
        // Waiters are served in the order they came; a permit forgotten is
        // a token spent.
        self.tokens
            .acquire()
            .await
            .expect("the semaphore is never closed")
            .forget();
    }
}

impl Drop for TokenBucket {
    fn drop(&mut self) {
        self.refill.abort();
    }
}
