use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ch08_optimization::cache::{Cache, Loader};
use futures::future::join_all;
use pretty_assertions::assert_eq;
use support::{assert_elapsed, millis, secs, timed};

/// A loader whose every call takes one second; values say which call made
/// them ("a#1" is the first call in all).
#[derive(Clone, Default)]
struct Api {
    calls: Arc<AtomicUsize>,
}

impl Api {
    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

impl Loader for Api {
    async fn load(&self, key: &str) -> String {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        tokio::time::sleep(secs(1)).await;
        format!("{key}#{n}")
    }
}

#[support::test(start_paused = true)]
async fn cache_answers_a_hit_without_the_loader() {
    let api = Api::default();
    let cache = Cache::new(api.clone(), secs(60));
    let (first, took) = timed(cache.get("a")).await;
    assert_eq!(first, "a#1", "a miss returns the loader's value");
    assert_elapsed("a miss (the loader takes 1 s)", took, secs(1));
    let (second, took) = timed(cache.get("a")).await;
    assert_eq!(
        (second.as_str(), api.calls()),
        ("a#1", 1),
        "the second get() of a fresh key must come from the cache, without calling the loader"
    );
    assert_elapsed("a hit", took, secs(0));
}

#[support::test(start_paused = true)]
async fn cache_calls_the_loader_once_for_concurrent_misses() {
    let api = Api::default();
    let cache = Cache::new(api.clone(), secs(60));
    let (values, took) = timed(join_all((0..10).map(|_| cache.get("hot")))).await;
    assert_eq!(
        api.calls(),
        1,
        "ten callers missed the same key at the same time and the loader was called {} times: the thundering herd of the Python/asyncio version's cache. The first miss must load; the others wait for it (single flight, e.g. a `tokio::sync::OnceCell` per key)",
        api.calls()
    );
    assert_eq!(
        values,
        vec!["hot#1".to_string(); 10],
        "every caller gets the one loaded value"
    );
    assert_elapsed("ten concurrent misses of one key", took, secs(1));
}

#[support::test(start_paused = true)]
async fn cache_loads_different_keys_at_the_same_time() {
    let api = Api::default();
    let cache = Cache::new(api.clone(), secs(60));
    let ((a, b), took) = timed(async { tokio::join!(cache.get("a"), cache.get("b")) }).await;
    assert_eq!(api.calls(), 2, "two keys, two loads");
    assert!(
        a.starts_with("a#") && b.starts_with("b#"),
        "each key gets its own value, got {a:?} for \"a\" and {b:?} for \"b\""
    );
    assert_elapsed(
        "misses of two different keys at the same time (a lock held across the loader's `.await` makes them wait for each other)",
        took,
        secs(1),
    );
}

#[support::test(start_paused = true)]
async fn cache_expires_an_entry_exactly_at_its_ttl() {
    let api = Api::default();
    let cache = Cache::new(api.clone(), secs(10));
    // Loaded at 1 s (the load takes 1 s): fresh until just before 11 s.
    let (first, _) = timed(cache.get("k")).await;
    assert_eq!(first, "k#1", "a miss returns the loader's value");
    tokio::time::sleep(secs(10) - millis(1)).await;
    let (still, took) = timed(cache.get("k")).await;
    assert_eq!(
        (still.as_str(), api.calls()),
        ("k#1", 1),
        "1 ms before its time to live is over (counted from when the load finished), the entry is still fresh"
    );
    assert_elapsed("a hit just before the TTL", took, secs(0));
    tokio::time::sleep(millis(1)).await;
    let (fresh, took) = timed(cache.get("k")).await;
    assert_eq!(
        (fresh.as_str(), api.calls()),
        ("k#2", 2),
        "exactly at its time to live the entry is stale and get() loads it again (measure with `tokio::time::Instant`, compare with `>=`)"
    );
    assert_elapsed("a reload after the TTL", took, secs(1));
}
