//! Exercise `fetch`: one page, with a timeout, and what came of it.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::Empty;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use url::Url;

/// An HTTP/1 client for `http://` URLs (no TLS), with a connection pool.
/// Cloning it is cheap and clones share the pool.
///
/// Requests carry no body (`Empty<Bytes>`); answers are
/// `hyper::Response<hyper::body::Incoming>`, a body that arrives in pieces.
pub type HttpClient = Client<HttpConnector, Empty<Bytes>>;

/// A new [`HttpClient`]; its background work runs on tokio.
pub fn http_client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

/// What came of one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered, whatever the status: a 404 or a 500 is an
    /// answer too, not an error.
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

    /// Whether this is a successful answer: any 2xx status (200 OK, but
    /// also 201 Created, 203, 204 No Content, 206 Partial Content, ...).
    /// Redirects, client and server errors, timeouts and errors are not.
    ///
    /// ```no_run
    /// # use ch09_crawler::fetch::Outcome;
    /// let created = Outcome::Response { status: 201, content_type: None, location: None, body: String::new() };
    /// assert!(created.is_success());
    /// assert!(!Outcome::Timeout.is_success());
    /// ```
    pub fn is_success(&self) -> bool {
        todo!()
    }
}

/// One fetched URL: what came of it and how long it took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetch {
    pub url: Url,
    pub outcome: Outcome,
    /// From the start of the request to its outcome.
    pub elapsed: Duration,
}

/// Sends `GET url` with `client` and reads the whole answer, giving up
/// after `timeout`. Never panics and never returns an error: every way a
/// request can end is an [`Outcome`].
///
/// - The server answered (any status): [`Outcome::Response`] with the
///   status, the `Content-Type` and `Location` headers, and the body read to
///   its end. Do not follow redirects: report them.
/// - No complete answer (body included) within `timeout`:
///   [`Outcome::Timeout`].
/// - Anything else (connection refused, ...): [`Outcome::Error`] with a
///   message.
///
/// `elapsed` is measured on tokio's clock (`tokio::time::Instant`), so it
/// is exact on paused time.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch09_crawler::fetch::{fetch, http_client};
/// # async fn demo() {
/// let client = http_client();
/// let url = url::Url::parse("http://127.0.0.1:8000/").unwrap();
/// let page = fetch(&client, &url, Duration::from_secs(10)).await;
/// println!("{:?} after {:?}", page.outcome.status(), page.elapsed);
/// # }
/// ```
pub async fn fetch(client: &HttpClient, url: &Url, timeout: Duration) -> Fetch {
    todo!()
}
