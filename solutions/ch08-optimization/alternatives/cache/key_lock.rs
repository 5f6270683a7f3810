//! Exercise `cache`: one async mutex per key. The caller holding a key's
//! lock loads it; the others of that key queue behind it and find the value
//! when their turn comes. Other keys have locks of their own.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

pub trait Loader: Send + Sync + 'static {
    fn load(&self, key: &str) -> impl Future<Output = String> + Send;
}

type Slot = Arc<tokio::sync::Mutex<Option<(String, Instant)>>>;

pub struct Cache<L: Loader> {
    loader: L,
    ttl: Duration,
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
        let slot = Arc::clone(
            self.slots
                .lock()
                .unwrap()
                .entry(key.to_string())
                .or_default(),
        );
        let mut slot = slot.lock().await;
        if let Some((value, stale_at)) = &*slot {
            if Instant::now() < *stale_at {
                return value.clone();
            }
        }
        let value = self.loader.load(key).await;
        *slot = Some((value.clone(), Instant::now() + self.ttl));
        value
    }
}
