//! Exercise `polite`: many pages, a few at a time, never in a rush.

use std::time::Duration;

use tokio::sync::{Mutex, Semaphore};
use tokio::time::Instant;
use url::Url;

use crate::fetch::{Fetch, HttpClient, http_client};

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

/// Fetches pages within [`Limits`], however many callers share it: the
/// limits hold for everything fetched through one `Fetcher`.
#[derive(Debug)]
// Your `fetch` will read these fields; until then they are unused.
#[allow(dead_code)]
pub struct Fetcher {
    client: HttpClient,
    limits: Limits,
    /// One permit per request allowed in flight.
    slots: Semaphore,
    /// When the next request may start. A `tokio::sync::Mutex`, because it
    /// may be held while waiting: callers line up behind it in order.
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

    /// Fetches `url` (with [`crate::fetch::fetch`] and the timeout of the
    /// limits) once it may:
    ///
    /// 1. when fewer than `concurrency` requests of this fetcher are in
    ///    flight: it holds a slot until its request is over;
    /// 2. then, not before `delay` after the previous request of this
    ///    fetcher started (the first one starts at once).
    ///
    /// The order matters: a request that waited for its turn before it had
    /// a slot could start together with another one when slots free up.
    ///
    /// ```no_run
    /// # use std::time::Duration;
    /// # use ch09_crawler::polite::{Fetcher, Limits};
    /// # async fn demo() {
    /// let fetcher = Fetcher::new(Limits { concurrency: 2, delay: Duration::from_secs(1), ..Limits::default() });
    /// let url = url::Url::parse("http://127.0.0.1:8000/").unwrap();
    /// let (a, b) = tokio::join!(fetcher.fetch(&url), fetcher.fetch(&url)); // 1 s apart
    /// # }
    /// ```
    pub async fn fetch(&self, url: &Url) -> Fetch {
        todo!()
    }

    /// Fetches every URL of `urls` concurrently, within the limits, and
    /// returns one [`Fetch`] per URL in the order of `urls` (not the order
    /// they finished in). A failed request is a result like the others.
    ///
    /// Ten 1 s pages with a concurrency of 3 and no delay take 4 s: waves of
    /// 3, 3, 3 and 1.
    ///
    /// ```no_run
    /// # use ch09_crawler::polite::{Fetcher, Limits};
    /// # async fn demo() {
    /// let fetcher = Fetcher::new(Limits::default());
    /// let urls: Vec<url::Url> = (0..10)
    ///     .map(|i| url::Url::parse(&format!("http://127.0.0.1:8000/p/{i}")).unwrap())
    ///     .collect();
    /// let pages = fetcher.fetch_all(&urls).await;
    /// assert_eq!(pages.len(), 10);
    /// # }
    /// ```
    pub async fn fetch_all(&self, urls: &[Url]) -> Vec<Fetch> {
        todo!()
    }
}
