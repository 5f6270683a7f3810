//! Exercise `fetch_many`: many requests at once, each with its own deadline.

use std::time::Duration;

use futures::future::join_all;

use crate::http_get::{FetchError, Response, get};

/// `timeout` wraps each request on its own, so one slow server costs only
/// its own result; `join_all` runs them together and keeps the input order.
pub async fn fetch_all(urls: &[&str], per_request: Duration) -> Vec<Result<Response, FetchError>> {
    join_all(urls.iter().map(|url| async move {
        match tokio::time::timeout(per_request, get(url)).await {
            Ok(result) => result,
            Err(_) => Err(FetchError::TimedOut),
        }
    }))
    .await
}
