//! Exercise `cache`: remember answers, and ask only once for each.

use std::future::Future;
use std::marker::PhantomData;
use std::time::Duration;

/// Where values come from when the cache does not have them: slow, and
/// costly to call.
pub trait Loader: Send + Sync + 'static {
    fn load(&self, key: &str) -> impl Future<Output = String> + Send;
}

/// A cache in front of a [`Loader`], with single flight and a time to live.
///
/// - **Hit:** a fresh value is returned at once, with no call to the loader.
/// - **Single flight:** when several callers miss the same key at the same
///   time, the loader is called **once**; the others wait for that call and
///   share its value. (The Python/asyncio version's cache checks, awaits the load, then
///   stores: every concurrent miss calls the backend.)
/// - **Different keys do not wait for each other:** never hold a lock
///   across the loader's `.await`.
/// - **Time to live:** a value loaded (the loader's call finished) at time
///   `t` is fresh until just before `t + ttl`; from `t + ttl` on, `get`
///   loads it again. Use `tokio::time::Instant`.
///
/// `tokio::sync::OnceCell` is a good slot for one key: `get_or_init` runs the
/// load once and lets every other caller wait for it. Replace the
/// placeholder field with the fields you need.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch08_optimization::cache::{Cache, Loader};
/// # struct Api;
/// # impl Loader for Api { async fn load(&self, key: &str) -> String { key.to_uppercase() } }
/// # async fn demo() {
/// let cache = Cache::new(Api, Duration::from_secs(60));
/// assert_eq!(cache.get("rust").await, "RUST"); // loaded
/// assert_eq!(cache.get("rust").await, "RUST"); // from the cache
/// # }
/// ```
pub struct Cache<L: Loader> {
    _todo: PhantomData<L>,
}

impl<L: Loader> Cache<L> {
    /// An empty cache in front of `loader`, whose values stay fresh for
    /// `ttl` after they were loaded.
    pub fn new(loader: L, ttl: Duration) -> Cache<L> {
        todo!()
    }

    /// The value for `key`: from the cache while fresh, else from the loader.
    pub async fn get(&self, key: &str) -> String {
        todo!()
    }
}
