//! Exercise `stats`: what a crawl found, in numbers and as JSON.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use crate::crawl::Crawled;

/// The numbers of a crawl.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Pages fetched (requests made), whatever came of them.
    pub pages: usize,
    /// Answers with a 2xx status: 200, and 201, 203, 204, 206, ...
    pub succeeded: usize,
    /// Answers with a 3xx status.
    pub redirected: usize,
    /// Everything else: 4xx and 5xx answers, timeouts, errors.
    pub failed: usize,
    /// How many answers had each status.
    pub status_codes: BTreeMap<u16, usize>,
    pub timeouts: usize,
    pub errors: usize,
    /// The mean time of the requests that got an answer (any status);
    /// `None` if none did.
    pub mean_response_time: Option<Duration>,
    /// The URL of the slowest request that got an answer, and its time (the
    /// first one, if several tie).
    pub slowest: Option<(String, Duration)>,
}

/// Counts what came of each page of a crawl. See [`Stats`] for each field.
///
/// ```no_run
/// # use ch09_crawler::stats::summarize;
/// let stats = summarize(&[]);
/// assert_eq!((stats.pages, stats.mean_response_time), (0, None));
/// ```
pub fn summarize(pages: &[Crawled]) -> Stats {
    todo!()
}

/// The report of a crawl as JSON: the stats, then every page in order.
/// Times are whole milliseconds; absent values are `null`.
///
/// ```text
/// {
///   "stats": {
///     "pages": 3, "succeeded": 1, "redirected": 0, "failed": 2,
///     "status_codes": {"200": 1, "404": 1},
///     "timeouts": 1, "errors": 0,
///     "mean_response_ms": 1000,
///     "slowest": {"url": "http://site.test/", "response_ms": 1500}
///   },
///   "pages": [
///     {"url": "http://site.test/", "depth": 0, "status": 200, "error": null,
///      "title": "Home", "links": ["http://site.test/gone"], "response_ms": 1500},
///     {"url": "http://site.test/gone", "depth": 1, "status": 404, "error": null,
///      "title": null, "links": [], "response_ms": 500},
///     {"url": "http://site.test/slow", "depth": 1, "status": null,
///      "error": "timeout", "title": null, "links": [], "response_ms": 2000}
///   ]
/// }
/// ```
///
/// `error` is `"timeout"` for a timeout, the message of an
/// [`crate::fetch::Outcome::Error`], and `null` when the server answered.
/// `serde_json::json!` builds such a value.
///
/// ```no_run
/// # use ch09_crawler::stats::to_json;
/// let report = to_json(&[]);
/// assert_eq!(report["stats"]["pages"], 0);
/// ```
pub fn to_json(pages: &[Crawled]) -> Value {
    todo!()
}

/// Writes [`to_json`] of `pages`, pretty-printed, to the file `path`,
/// without blocking the runtime (`tokio::fs`).
///
/// ```no_run
/// # use ch09_crawler::stats::export;
/// # async fn demo() -> std::io::Result<()> {
/// export(std::path::Path::new("report.json"), &[]).await?;
/// # Ok(())
/// # }
/// ```
pub async fn export(path: &Path, pages: &[Crawled]) -> std::io::Result<()> {
    todo!()
}
