//! Exercise `stats`: what a crawl found, in numbers and as JSON.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};

use crate::crawl::Crawled;
use crate::fetch::Outcome;

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
    /// The slowest request that got an answer, and its time.
    pub slowest: Option<(String, Duration)>,
}

pub fn summarize(pages: &[Crawled]) -> Stats {
    let mut stats = Stats {
        pages: pages.len(),
        ..Stats::default()
    };
    let mut total = Duration::ZERO;
    let mut answered = 0;
    for page in pages {
        let elapsed = page.fetch.elapsed;
        match &page.fetch.outcome {
            Outcome::Response { status, .. } => {
                *stats.status_codes.entry(*status).or_default() += 1;
                match status {
                    200..=299 => stats.succeeded += 1,
                    300..=399 => stats.redirected += 1,
                    _ => stats.failed += 1,
                }
                answered += 1;
                total += elapsed;
                // Strictly slower only: the first of equals stays.
                if stats
                    .slowest
                    .as_ref()
                    .is_none_or(|(_, time)| elapsed > *time)
                {
                    stats.slowest = Some((page.fetch.url.to_string(), elapsed));
                }
            }
            Outcome::Timeout => {
                stats.timeouts += 1;
                stats.failed += 1;
            }
            Outcome::Error(_) => {
                stats.errors += 1;
                stats.failed += 1;
            }
        }
    }
    // No answers, no mean: never a division by zero.
    stats.mean_response_time = (answered > 0).then(|| total / answered);
    stats
}

pub fn to_json(pages: &[Crawled]) -> Value {
    let stats = summarize(pages);
    // JSON object keys are strings.
    let status_codes: BTreeMap<String, usize> = stats
        .status_codes
        .iter()
        .map(|(code, n)| (code.to_string(), *n))
        .collect();
    let pages: Vec<Value> = pages
        .iter()
        .map(|page| {
            let error = match &page.fetch.outcome {
                Outcome::Response { .. } => None,
                Outcome::Timeout => Some("timeout".to_string()),
                Outcome::Error(message) => Some(message.clone()),
            };
            json!({
                "url": page.fetch.url.as_str(),
                "depth": page.depth,
                "status": page.fetch.outcome.status(),
                "error": error,
                "title": page.title,
                "links": page.links.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
                "response_ms": millis(page.fetch.elapsed),
            })
        })
        .collect();
    json!({
        "stats": {
            "pages": stats.pages,
            "succeeded": stats.succeeded,
            "redirected": stats.redirected,
            "failed": stats.failed,
            "status_codes": status_codes,
            "timeouts": stats.timeouts,
            "errors": stats.errors,
            "mean_response_ms": stats.mean_response_time.map(millis),
            "slowest": stats.slowest.as_ref().map(|(url, time)| json!({"url": url, "response_ms": millis(*time)})),
        },
        "pages": pages,
    })
}

/// Serializing is quick and done in memory; only the write is async.
pub async fn export(path: &Path, pages: &[Crawled]) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(&to_json(pages))?;
    tokio::fs::write(path, text + "\n").await
}

fn millis(time: Duration) -> u64 {
    u64::try_from(time.as_millis()).unwrap_or(u64::MAX)
}
