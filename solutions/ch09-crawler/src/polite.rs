//! Exercise `polite`: many pages, a few at a time, never in a rush.

use std::time::Duration;

use futures::future::join_all;
use tokio::sync::{Mutex, Semaphore};
use tokio::time::Instant;
use url::Url;

use crate::fetch::{Fetch, HttpClient, fetch, http_client};

/// How hard a crawler may press on a site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// At most this many requests in flight at once (at least 1).
    pub concurrency: usize,
    /// Two requests never start less than this apart.
    pub delay: Duration,
    /// Each request gives up after this long.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            concurrency: 4,
            delay: Duration::ZERO,
            timeout: Duration::from_secs(10),
        }
    }
}

/// Fetches pages within [`Limits`], however many callers share it.
#[derive(Debug)]
pub struct Fetcher {
    client: HttpClient,
    limits: Limits,
    /// One permit per request allowed in flight.
    slots: Semaphore,
    /// When the next request may start. A tokio `Mutex`, because it is
    /// held across the wait: callers line up behind it in order.
    next_start: Mutex<Instant>,
}

impl Fetcher {
    /// A fetcher with its own HTTP client, held to `limits`.
    pub fn new(limits: Limits) -> Fetcher {
        Fetcher {
            client: http_client(),
            slots: Semaphore::new(limits.concurrency.max(1)),
            next_start: Mutex::new(Instant::now()),
            limits,
        }
    }

    /// The limits this fetcher keeps to.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// A slot first, then a turn: waiting for the turn while holding no slot
    /// would let two requests that got their turns early start together.
    pub async fn fetch(&self, url: &Url) -> Fetch {
        let _slot = self
            .slots
            .acquire()
            .await
            .expect("the semaphore is never closed");
        {
            let mut next_start = self.next_start.lock().await;
            // The timer works in whole milliseconds: even a deadline that has
            // passed costs up to 1 ms, and here every request would pay it.
            if *next_start > Instant::now() {
                tokio::time::sleep_until(*next_start).await;
            }
            *next_start = Instant::now() + self.limits.delay;
        }
        fetch(&self.client, url, self.limits.timeout).await
    }

    /// Every future is created at once; the semaphore, not the caller,
    /// keeps the number in flight down. `join_all` keeps the input order.
    pub async fn fetch_all(&self, urls: &[Url]) -> Vec<Fetch> {
        join_all(urls.iter().map(|url| self.fetch(url))).await
    }
}
