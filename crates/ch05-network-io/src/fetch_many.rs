//! Exercise `fetch_many`: many requests at once, each with its own deadline.

use std::time::Duration;

use crate::http_get::{FetchError, Response};

/// Fetches every URL with [`crate::http_get::get`], all at the same time,
/// and returns one result per URL, in the order of `urls`.
///
/// Each request has `per_request` to finish; one that takes longer is
/// abandoned and gives `Err(FetchError::TimedOut)` in its place, while the
/// others keep their own results. Failures are values in the list: a bad
/// URL or a refused connection never stops the other fetches, and nothing
/// panics. The whole call takes as long as the slowest request (or the
/// timeout, if that is shorter).
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch05_network_io::fetch_many::fetch_all;
/// # async fn demo() {
/// let results = fetch_all(&["http://127.0.0.1:8080/", "ftp://nope/"], Duration::from_secs(2)).await;
/// assert!(results[1].is_err());
/// # }
/// ```
pub async fn fetch_all(urls: &[&str], per_request: Duration) -> Vec<Result<Response, FetchError>> {
    todo!()
}
