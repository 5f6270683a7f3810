//! Exercise `fibonacci`: an async generator, built from parts.

use std::time::Duration;

use futures::StreamExt;
use futures::stream::{self, BoxStream};

/// `unfold` carries the state from one item to the next; each step sleeps
/// before it yields.
pub fn fibonacci(count: usize, delay: Duration) -> BoxStream<'static, u64> {
    stream::unfold((0u64, 1u64), move |(a, b)| async move {
        tokio::time::sleep(delay).await;
        Some((a, (b, a + b)))
    })
    .take(count)
    .boxed()
}
