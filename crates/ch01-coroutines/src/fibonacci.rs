//! Exercise `fibonacci`: an async generator, built from parts.

use std::time::Duration;

use futures::stream::BoxStream;

/// A stream of the first `count` Fibonacci numbers, 0, 1, 1, 2, 3, 5, …,
/// waiting `delay` before each one. `count` is at most 90, so every number
/// fits in a `u64`.
///
/// Do not write `poll_next` this time: build the stream from a combinator
/// such as `futures::stream::unfold`, and box it with `StreamExt::boxed`.
///
/// ```no_run
/// # use std::time::Duration;
/// # use futures::StreamExt;
/// # use ch01_coroutines::fibonacci::fibonacci;
/// # async fn demo() {
/// let first: Vec<u64> = fibonacci(6, Duration::from_millis(100)).collect().await;
/// assert_eq!(first, [0, 1, 1, 2, 3, 5]); // after 600 ms
/// # }
/// ```
pub fn fibonacci(count: usize, delay: Duration) -> BoxStream<'static, u64> {
    todo!()
}
