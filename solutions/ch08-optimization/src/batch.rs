//! Exercise `batch`: many small calls, one backend round trip.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};
use tokio::time::{Instant, timeout_at};

/// A backend that answers many keys in one call.
pub trait Backend: Send + Sync + 'static {
    /// One value per key, in the order of `keys`.
    fn load_many(&self, keys: Vec<u64>) -> impl Future<Output = Vec<String>> + Send;
}

type Request = (u64, oneshot::Sender<String>);

/// Callers talk to one collecting task through a channel; each request
/// carries the `oneshot` its answer goes back on.
#[derive(Debug)]
pub struct Batcher {
    requests: mpsc::UnboundedSender<Request>,
}

impl Batcher {
    pub fn new<B: Backend>(backend: B, window: Duration, max_batch: usize) -> Batcher {
        let (requests, incoming) = mpsc::unbounded_channel();
        tokio::spawn(collect(Arc::new(backend), incoming, window, max_batch));
        Batcher { requests }
    }

    pub async fn load(&self, key: u64) -> String {
        let (reply, answer) = oneshot::channel();
        self.requests
            .send((key, reply))
            .expect("the collecting task lives as long as the batcher");
        answer
            .await
            .expect("every batch answers each of its callers")
    }
}

/// Ends when every `Batcher` handle is gone and the channel is empty.
async fn collect<B: Backend>(
    backend: Arc<B>,
    mut incoming: mpsc::UnboundedReceiver<Request>,
    window: Duration,
    max_batch: usize,
) {
    while let Some(first) = incoming.recv().await {
        // The window is timed from the first call of the batch.
        let closes_at = Instant::now() + window;
        let mut batch = vec![first];
        while batch.len() < max_batch {
            match timeout_at(closes_at, incoming.recv()).await {
                Ok(Some(request)) => batch.push(request),
                // The window closed, or no handle is left to send more.
                Ok(None) | Err(_) => break,
            }
        }
        // A task per batch, so a slow backend call does not delay the next.
        tokio::spawn(send(Arc::clone(&backend), batch));
    }
}

async fn send<B: Backend>(backend: Arc<B>, batch: Vec<Request>) {
    let (keys, replies): (Vec<u64>, Vec<_>) = batch.into_iter().unzip();
    let values = backend.load_many(keys).await;
    for (reply, value) in replies.into_iter().zip(values) {
        // A caller that gave up has dropped its receiver; nothing to do.
        let _ = reply.send(value);
    }
}
