//! Exercise `cache`: remember answers, and ask only once for each.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::OnceCell;
use tokio::time::Instant;

/// Where values come from when the cache does not have them.
pub trait Loader: Send + Sync + 'static {
    fn load(&self, key: &str) -> impl Future<Output = String> + Send;
}

/// One slot per key. Concurrent misses share the slot, and
/// `OnceCell::get_or_init` runs only the first caller's load; the others
/// wait on the cell. A slot remembers when its value goes stale.
type Slot = Arc<OnceCell<(String, Instant)>>;

pub struct Cache<L: Loader> {
    loader: L,
    ttl: Duration,
    // A std mutex: it is only held to look up or replace a slot, never
    // across an `.await`, so different keys load at the same time.
    slots: Mutex<HashMap<String, Slot>>,
}

impl<L: Loader> Cache<L> {
    pub fn new(loader: L, ttl: Duration) -> Cache<L> {
        Cache {
            loader,
            ttl,
            slots: Mutex::new(HashMap::new()),
        }
    }

    pub async fn get(&self, key: &str) -> String {
        let slot = {
            let mut slots = self.slots.lock().unwrap();
            let slot = slots.entry(key.to_string()).or_default();
            let stale = slot
                .get()
                .is_some_and(|(_, stale_at)| Instant::now() >= *stale_at);
            if stale {
                // A new, empty slot: the next load goes through it, while
                // callers already holding the old one keep its value.
                *slot = Slot::default();
            }
            Arc::clone(slot)
        };
        let (value, _) = slot
            .get_or_init(|| async {
                let value = self.loader.load(key).await;
                (value, Instant::now() + self.ttl)
            })
            .await;
        value.clone()
    }
}
