//! Exercise `crawl`: the Python/asyncio version's crawler. Each page of a level is
//! fetched by a task of its own, which adds its URL to the shared visited
//! set once the fetch is done; a link is queued if it is not visited yet.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use url::Url;

use crate::fetch::{Fetch, Outcome};
use crate::links::extract;
use crate::polite::{Fetcher, Limits};

/// How far a crawl goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrawlOptions {
    /// Pages more than this many links away from the start are not fetched
    /// (0: the start page only).
    pub max_depth: usize,
    /// At most this many requests in all, whatever they return.
    pub max_pages: usize,
    pub limits: Limits,
}

/// One fetched page of a crawl.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crawled {
    /// Links from the start page to this one, along the shortest path.
    pub depth: usize,
    pub fetch: Fetch,
    /// The title, for a successful HTML page that has one.
    pub title: Option<String>,
    /// Where the page leads: the links of a successful HTML page, or the
    /// target of a redirect. Every link, followed or not.
    pub links: Vec<Url>,
}

/// [`crawl_with`] without progress reports.
pub async fn crawl(start: &Url, options: &CrawlOptions) -> Vec<Crawled> {
    crawl_with(start, options, |_| {}).await
}

/// Level by level: every page of one depth is fetched (concurrently) before
/// the next depth starts, so each page's depth is its shortest distance.
/// A URL is marked seen when it is *discovered*, by this one loop, so two
/// pages linking to it can never both schedule it.
pub async fn crawl_with(
    start: &Url,
    options: &CrawlOptions,
    mut on_page: impl FnMut(&Crawled),
) -> Vec<Crawled> {
    let fetcher = Arc::new(Fetcher::new(options.limits.clone()));
    let mut start = start.clone();
    start.set_fragment(None);

    let visited: Arc<Mutex<HashSet<Url>>> = Arc::default();
    let mut level = vec![start.clone()];
    let mut budget = options.max_pages;
    let mut crawled = Vec::new();
    for depth in 0..=options.max_depth {
        level.truncate(budget);
        if level.is_empty() {
            break;
        }
        budget -= level.len();
        let tasks: Vec<_> = level
            .iter()
            .cloned()
            .map(|url| {
                let (fetcher, visited) = (Arc::clone(&fetcher), Arc::clone(&visited));
                tokio::spawn(async move {
                    let fetch = fetcher.fetch(&url).await;
                    visited.lock().unwrap().insert(url);
                    fetch
                })
            })
            .collect();
        let mut next: Vec<Url> = Vec::new();
        for task in tasks {
            let fetch = task.await.expect("a fetch panicked");
            let (title, links) = read(&fetch);
            let page = Crawled {
                depth,
                fetch,
                title,
                links,
            };
            on_page(&page);
            for link in &page.links {
                let visited = visited.lock().unwrap().contains(link);
                if link.origin() == start.origin() && !visited && !next.contains(link) {
                    next.push(link.clone());
                }
            }
            crawled.push(page);
        }
        level = next;
    }
    crawled
}

/// The title and links of a successful HTML page, the target of a
/// redirect, or nothing.
fn read(fetch: &Fetch) -> (Option<String>, Vec<Url>) {
    let Outcome::Response {
        status,
        content_type,
        location,
        body,
    } = &fetch.outcome
    else {
        return (None, Vec::new());
    };
    if (300..400).contains(status) {
        let target = location.as_deref().and_then(|l| fetch.url.join(l).ok());
        let links = target
            .into_iter()
            .map(|mut url| {
                url.set_fragment(None);
                url
            })
            .collect();
        return (None, links);
    }
    let html = content_type
        .as_deref()
        .is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("text/html"));
    if !fetch.outcome.is_success() || !html {
        return (None, Vec::new());
    }
    let page = extract(&fetch.url, body);
    (page.title, page.links)
}
