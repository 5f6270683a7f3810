//! Exercise `squares`: the async "list comprehension", honestly.

use std::time::Duration;

use futures::StreamExt;
use futures::future::join_all;
use futures::stream;

/// Waits one second (a slow service, say), then returns `x * x`.
/// Given: use it, do not change it.
pub async fn square(x: u64) -> u64 {
    tokio::time::sleep(Duration::from_secs(1)).await;
    x * x
}

/// A loop of awaits is sequential, however it is written.
pub async fn squares_in_turn(xs: &[u64]) -> Vec<u64> {
    let mut squares = Vec::with_capacity(xs.len());
    for &x in xs {
        squares.push(square(x).await);
    }
    squares
}

/// Build every future first, then await them together.
pub async fn squares_at_once(xs: &[u64]) -> Vec<u64> {
    join_all(xs.iter().map(|&x| square(x))).await
}

/// `buffered` keeps `limit` futures in flight and yields in input order.
pub async fn squares_at_most(xs: &[u64], limit: usize) -> Vec<u64> {
    stream::iter(xs.iter().map(|&x| square(x)))
        .buffered(limit)
        .collect()
        .await
}
