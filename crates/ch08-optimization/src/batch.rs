//! Exercise `batch`: many small calls, one backend round trip.

use std::future::Future;
use std::time::Duration;

/// A backend that answers many keys in one call: a database's
/// `WHERE id IN (...)`, a bulk API. One call costs about as much as a single
/// lookup, so fewer calls is the whole point.
pub trait Backend: Send + Sync + 'static {
    /// One value per key, in the order of `keys`.
    fn load_many(&self, keys: Vec<u64>) -> impl Future<Output = Vec<String>> + Send;
}

/// Gathers single `load` calls into batches for a [`Backend`].
///
/// A batch opens with the first call that finds no batch open. It closes,
/// and goes to the backend in one `load_many` call, when `window` has passed
/// since it opened, or at once when it holds `max_batch` keys, whichever
/// comes first. Each caller then gets the value of its own key. A slow
/// backend call must not hold back the batches that close after it.
///
/// The usual shape: `new` spawns a task that owns the backend and receives
/// `(key, reply)` pairs on an `mpsc` channel; each `load` sends its key with
/// a `oneshot` sender and awaits the answer. `new` is called inside a tokio
/// runtime. Replace the placeholder field with the fields you need.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch08_optimization::batch::{Backend, Batcher};
/// # struct Db;
/// # impl Backend for Db { async fn load_many(&self, keys: Vec<u64>) -> Vec<String> { keys.iter().map(u64::to_string).collect() } }
/// # async fn demo() {
/// let batcher = Batcher::new(Db, Duration::from_millis(10), 100);
/// let (a, b) = tokio::join!(batcher.load(1), batcher.load(2)); // one backend call
/// assert_eq!((a.as_str(), b.as_str()), ("1", "2"));
/// # }
/// ```
#[derive(Debug)]
pub struct Batcher {
    _todo: (),
}

impl Batcher {
    /// A batcher in front of `backend`: a batch closes `window` after its
    /// first call, or as soon as it holds `max_batch` (at least 1) keys.
    pub fn new<B: Backend>(backend: B, window: Duration, max_batch: usize) -> Batcher {
        todo!()
    }

    /// The backend's value for `key`, loaded in a batch with the other calls
    /// of the same window.
    pub async fn load(&self, key: u64) -> String {
        todo!()
    }
}
