//! Exercise `batch`: no collecting task. The first call of a batch leads
//! it: it waits for the window (or for the batch to fill), takes the batch
//! and calls the backend, then answers every caller of it.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Notify, oneshot};

/// A backend that answers many keys in one call.
pub trait Backend: Send + Sync + 'static {
    /// One value per key, in the order of `keys`.
    fn load_many(&self, keys: Vec<u64>) -> impl Future<Output = Vec<String>> + Send;
}

/// The batch being gathered: its keys and where each answer goes.
#[derive(Default)]
struct Open {
    keys: Vec<u64>,
    replies: Vec<oneshot::Sender<String>>,
    /// Tells the leader that the batch is full.
    full: Arc<Notify>,
}

type LoadMany =
    Box<dyn Fn(Vec<u64>) -> futures::future::BoxFuture<'static, Vec<String>> + Send + Sync>;

pub struct Batcher {
    load_many: Arc<LoadMany>,
    window: Duration,
    max_batch: usize,
    open: Mutex<Option<Open>>,
}

impl std::fmt::Debug for Batcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batcher").finish_non_exhaustive()
    }
}

impl Batcher {
    pub fn new<B: Backend>(backend: B, window: Duration, max_batch: usize) -> Batcher {
        let backend = Arc::new(backend);
        let load_many: LoadMany = Box::new(move |keys| {
            let backend = Arc::clone(&backend);
            Box::pin(async move { backend.load_many(keys).await })
        });
        Batcher {
            load_many: Arc::new(load_many),
            window,
            max_batch: max_batch.max(1),
            open: Mutex::new(None),
        }
    }

    pub async fn load(&self, key: u64) -> String {
        let (reply, answer) = oneshot::channel();
        let lead = {
            let mut open = self.open.lock().unwrap();
            let leader = open.is_none();
            let batch = open.get_or_insert_with(Open::default);
            batch.keys.push(key);
            batch.replies.push(reply);
            let full = Arc::clone(&batch.full);
            if batch.keys.len() >= self.max_batch {
                // Full: it goes now, and the next call opens a new one.
                let batch = open.take().expect("just filled");
                full.notify_one();
                tokio::spawn(answer_all(Arc::clone(&self.load_many), batch));
            }
            leader.then_some(full)
        };
        if let Some(full) = lead {
            tokio::select! {
                () = tokio::time::sleep(self.window) => {
                    // Still open (not sent as full): this window is over.
                    let taken = self.open.lock().unwrap().take_if(|b| Arc::ptr_eq(&b.full, &full));
                    if let Some(batch) = taken {
                        tokio::spawn(answer_all(Arc::clone(&self.load_many), batch));
                    }
                }
                () = full.notified() => {}
            }
        }
        answer
            .await
            .expect("every batch answers each of its callers")
    }
}

async fn answer_all(load_many: Arc<LoadMany>, batch: Open) {
    let values = load_many(batch.keys).await;
    for (reply, value) in batch.replies.into_iter().zip(values) {
        let _ = reply.send(value);
    }
}
