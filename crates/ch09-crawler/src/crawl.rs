//! Exercise `crawl`: breadth first, each URL once.

use url::Url;

use crate::fetch::Fetch;
use crate::polite::Limits;

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

/// Crawls the site of `start`, breadth first, and returns every page it
/// fetched, calling `on_page` once for each as soon as it is fetched.
///
/// - The start page has depth 0, the pages it links to depth 1, and so on,
///   along the shortest path: every page at one depth is fetched before any
///   page of the next. Pages deeper than `max_depth` are not fetched.
/// - Each URL (without its fragment) is fetched **at most once**, however
///   many pages link to it, even pages fetched at the same moment.
/// - At most `max_pages` requests in all, counted before each request is
///   made: a level that would pass the limit is cut short.
/// - No other requests: every request is one of the pages returned, each
///   made once (no `robots.txt`, no `HEAD` first, no second try).
/// - Only URLs with the start URL's origin (scheme, host and port:
///   `Url::origin`) are fetched.
/// - The links of a page: for a successful answer (2xx) whose
///   `Content-Type` is `text/html` (in any case, parameters allowed), the
///   title and links of [`crate::links::extract`]; for a redirect (3xx),
///   its `Location` resolved against the page's URL; otherwise none.
/// - All requests go through one [`crate::polite::Fetcher`] made from
///   `options.limits`, so the concurrency limit and the delay hold across the
///   whole crawl.
/// - The result lists the pages by depth; within a depth the order is
///   yours.
///
/// ```no_run
/// # use ch09_crawler::crawl::{CrawlOptions, crawl_with};
/// # use ch09_crawler::polite::Limits;
/// # async fn demo() {
/// let start = url::Url::parse("http://127.0.0.1:8000/").unwrap();
/// let options = CrawlOptions { max_depth: 2, max_pages: 100, limits: Limits::default() };
/// let pages = crawl_with(&start, &options, |page| eprintln!("{}", page.fetch.url)).await;
/// # }
/// ```
pub async fn crawl_with(
    start: &Url,
    options: &CrawlOptions,
    on_page: impl FnMut(&Crawled),
) -> Vec<Crawled> {
    todo!()
}
