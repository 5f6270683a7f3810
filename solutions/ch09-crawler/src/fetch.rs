//! Exercise `fetch`: one page, with a timeout, and what came of it.

use std::error::Error;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::Request;
use hyper::header::{CONTENT_TYPE, LOCATION, USER_AGENT};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokio::time::Instant;
use url::Url;

/// An HTTP/1 client for `http://` URLs (no TLS), with a connection pool.
/// Cloning it is cheap and clones share the pool.
pub type HttpClient = Client<HttpConnector, Empty<Bytes>>;

/// A new [`HttpClient`]; its background work runs on tokio.
pub fn http_client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

/// What came of one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered, whatever the status.
    Response {
        status: u16,
        /// The `Content-Type` header, if any.
        content_type: Option<String>,
        /// The `Location` header, as sent (often relative), if any.
        location: Option<String>,
        /// The whole body, as text (invalid UTF-8 replaced by `�`).
        body: String,
    },
    /// No complete answer within the timeout.
    Timeout,
    /// No answer at all: connection refused or reset, a URL this client
    /// cannot fetch, a broken body. The text says what happened.
    Error(String),
}

impl Outcome {
    /// The status code, if the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Outcome::Response { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Every 2xx answer is a success, not only 200.
    pub fn is_success(&self) -> bool {
        self.status()
            .is_some_and(|status| (200..300).contains(&status))
    }
}

/// One fetched URL: what came of it and how long it took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetch {
    pub url: Url,
    pub outcome: Outcome,
    pub elapsed: Duration,
}

/// The timeout covers the whole exchange, body included: a server that
/// sends headers and then stalls must not hang the crawler.
pub async fn fetch(client: &HttpClient, url: &Url, timeout: Duration) -> Fetch {
    let start = Instant::now();
    let outcome = match tokio::time::timeout(timeout, get(client, url)).await {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(error)) => Outcome::Error(error),
        Err(_elapsed) => Outcome::Timeout,
    };
    Fetch {
        url: url.clone(),
        outcome,
        elapsed: start.elapsed(),
    }
}

async fn get(client: &HttpClient, url: &Url) -> Result<Outcome, String> {
    let request = Request::get(url.as_str())
        .header(USER_AGENT, "awaitlings-crawler/0.1")
        .body(Empty::new())
        .map_err(|error| format!("cannot request {url}: {error}"))?;
    let response = client.request(request).await.map_err(describe)?;
    let header = |name| {
        let value = response.headers().get(name)?;
        value.to_str().ok().map(str::to_string)
    };
    let status = response.status().as_u16();
    let content_type = header(CONTENT_TYPE);
    let location = header(LOCATION);
    let body = response.into_body().collect().await.map_err(describe)?;
    Ok(Outcome::Response {
        status,
        content_type,
        location,
        body: String::from_utf8_lossy(&body.to_bytes()).into_owned(),
    })
}

/// hyper's errors are layered ("client error (Connect)": "tcp connect
/// error": "Connection refused"); the innermost cause is the useful part.
fn describe(error: impl Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
