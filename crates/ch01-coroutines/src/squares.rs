//! Exercise `squares`: the async "list comprehension", honestly.

use std::time::Duration;

/// Waits one second (a slow service, say), then returns `x * x`.
/// Given: use it, do not change it.
pub async fn square(x: u64) -> u64 {
    tokio::time::sleep(Duration::from_secs(1)).await;
    x * x
}

/// Squares every number with [`square`], one after another, like Python's
/// `[await square(x) for x in xs]`. Four numbers take four seconds.
///
/// ```no_run
/// # async fn demo() {
/// assert_eq!(ch01_coroutines::squares::squares_in_turn(&[1, 2, 3]).await, [1, 4, 9]); // after 3 s
/// # }
/// ```
pub async fn squares_in_turn(xs: &[u64]) -> Vec<u64> {
    todo!()
}

/// Squares every number with [`square`], all at the same time: any count of
/// numbers takes one second. Results are in the order of `xs`.
///
/// ```no_run
/// # async fn demo() {
/// assert_eq!(ch01_coroutines::squares::squares_at_once(&[1, 2, 3]).await, [1, 4, 9]); // after 1 s
/// # }
/// ```
pub async fn squares_at_once(xs: &[u64]) -> Vec<u64> {
    todo!()
}

/// Squares every number with [`square`], with at most `limit` calls in
/// flight at any moment (`limit` is at least 1). Results are in the order
/// of `xs`. Ten numbers with a limit of 3 take four seconds.
///
/// ```no_run
/// # async fn demo() {
/// assert_eq!(ch01_coroutines::squares::squares_at_most(&[1, 2, 3], 2).await, [1, 4, 9]); // after 2 s
/// # }
/// ```
pub async fn squares_at_most(xs: &[u64], limit: usize) -> Vec<u64> {
    todo!()
}
