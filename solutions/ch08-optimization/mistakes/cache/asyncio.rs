//! Exercise `cache`: the Python/asyncio version's cache, in Rust. A dict of values
//! with the time each was stored; a miss loads, then stores.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

pub trait Loader: Send + Sync + 'static {
    fn load(&self, key: &str) -> impl Future<Output = String> + Send;
}

pub struct Cache<L: Loader> {
    loader: L,
    ttl: Duration,
    values: Mutex<HashMap<String, (String, Instant)>>,
}

impl<L: Loader> Cache<L> {
    pub fn new(loader: L, ttl: Duration) -> Cache<L> {
        Cache {
            loader,
            ttl,
            values: Mutex::new(HashMap::new()),
        }
    }

    pub async fn get(&self, key: &str) -> String {
        if let Some((value, stored)) = self.values.lock().unwrap().get(key) {
            if stored.elapsed() < self.ttl {
                return value.clone();
            }
        }
        let value = self.loader.load(key).await;
        self.values
            .lock()
            .unwrap()
            .insert(key.to_string(), (value.clone(), Instant::now()));
        value
    }
}
