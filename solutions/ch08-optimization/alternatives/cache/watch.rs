//! Exercise `cache`: an entry is either loaded or loading; callers that
//! find it loading wait on the loader's `watch` channel.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;

pub trait Loader: Send + Sync + 'static {
    fn load(&self, key: &str) -> impl Future<Output = String> + Send;
}

enum Entry {
    Loaded {
        value: String,
        stale_at: Instant,
    },
    /// `None` until the load is done.
    Loading(watch::Receiver<Option<String>>),
}

pub struct Cache<L: Loader> {
    loader: L,
    ttl: Duration,
    entries: Mutex<HashMap<String, Entry>>,
}

/// What `get` found under the lock.
enum Found {
    Value(String),
    Wait(watch::Receiver<Option<String>>),
    Load(watch::Sender<Option<String>>),
}

impl<L: Loader> Cache<L> {
    pub fn new(loader: L, ttl: Duration) -> Cache<L> {
        Cache {
            loader,
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    pub async fn get(&self, key: &str) -> String {
        let found = {
            let mut entries = self.entries.lock().unwrap();
            match entries.get(key) {
                Some(Entry::Loaded { value, stale_at }) if Instant::now() < *stale_at => {
                    Found::Value(value.clone())
                }
                Some(Entry::Loading(loading)) => Found::Wait(loading.clone()),
                _ => {
                    let (sender, receiver) = watch::channel(None);
                    entries.insert(key.to_string(), Entry::Loading(receiver));
                    Found::Load(sender)
                }
            }
        };
        match found {
            Found::Value(value) => value,
            Found::Wait(mut loading) => {
                let loaded = loading.wait_for(Option::is_some).await;
                loaded
                    .expect("the loader always sends")
                    .clone()
                    .expect("waited for Some")
            }
            Found::Load(sender) => {
                let value = self.loader.load(key).await;
                let entry = Entry::Loaded {
                    value: value.clone(),
                    stale_at: Instant::now() + self.ttl,
                };
                self.entries.lock().unwrap().insert(key.to_string(), entry);
                sender.send_replace(Some(value.clone()));
                value
            }
        }
    }
}
