use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use ch09_crawler::crawl::{CrawlOptions, Crawled, crawl, crawl_with};
use ch09_crawler::fetch::Outcome;
use ch09_crawler::polite::Limits;
use pretty_assertions::assert_eq;
use support::site::{Route, Site};
use support::{millis, secs, timed};
use url::Url;

use crate::common::{arrivals, url};

fn options(max_depth: usize, max_pages: usize, concurrency: usize) -> CrawlOptions {
    CrawlOptions {
        max_depth,
        max_pages,
        limits: Limits {
            concurrency,
            delay: Duration::ZERO,
            timeout: secs(60),
        },
    }
}

/// The message for URLs requested more than once.
const FETCHED_TWICE: &str = "these URLs were fetched more than once: mark a URL as seen when \
     you first find it, before fetching it";

/// The crawled pages as `path -> depth`.
fn depths(site: &Site, pages: &[Crawled]) -> BTreeMap<String, usize> {
    pages
        .iter()
        .map(|page| {
            let path = page
                .fetch
                .url
                .as_str()
                .strip_prefix(site.origin())
                .unwrap_or(page.fetch.url.as_str());
            (path.to_string(), page.depth)
        })
        .collect()
}

/// Fails if a URL appears twice among the results.
fn assert_each_page_once(pages: &[Crawled]) {
    let mut seen = BTreeSet::new();
    for page in pages {
        assert!(
            seen.insert(page.fetch.url.as_str()),
            "{} appears twice in the results",
            page.fetch.url
        );
    }
}

#[support::test(start_paused = true)]
async fn fetches_every_page_exactly_once() {
    // Sixty pages, each linking to the start, its parent, one of ten hubs
    // and one of four broken links: with 100 ms per page and eight requests
    // in flight, many pages link to the same URL at the same moment. The
    // redirect leads to a page that is also linked the usual way.
    let site = Site::builder().graph(60).latency(millis(100)).start().await;
    let (pages, _) = timed(crawl(&url(&site, "/p/0"), &options(50, 1000, 8))).await;
    assert_eq!(
        site.repeated_requests(),
        BTreeMap::new(),
        "these URLs were fetched more than once. Mark a URL as seen when you \
         first find it, before fetching it, not after: otherwise pages that \
         link to it at the same time all fetch it"
    );
    let mut expected: BTreeSet<String> = (0..=60).map(|i| format!("/p/{i}")).collect();
    expected.extend((0..4).map(|i| format!("/missing/{i}")));
    expected.extend(["/redirect", "/data.json", "/slow"].map(String::from));
    let requested: BTreeSet<String> = site.all_requests().into_keys().collect();
    assert_eq!(
        requested, expected,
        "every page reachable from /p/0 is fetched, with the broken links \
         (/p/60, /missing/*) and the special pages; never /secret, written \
         inside /data.json, which is not HTML"
    );
    assert_each_page_once(&pages);
    assert_eq!(pages.len(), expected.len(), "one result per fetched page");
    assert_eq!(
        site.other_requests(),
        0,
        "links to another host are not followed"
    );
}

#[support::test(start_paused = true)]
async fn cycles_end_the_crawl() {
    let site = Site::builder()
        .page("/a", "A", &["/b", "/a"])
        .page("/b", "B", &["/c", "a"])
        .page("/c", "C", &["/a", "/b", "/c#again"])
        .start()
        .await;
    let (pages, _) = timed(crawl(&url(&site, "/a"), &options(1000, 1000, 2))).await;
    assert_eq!(
        depths(&site, &pages),
        BTreeMap::from([("/a".into(), 0), ("/b".into(), 1), ("/c".into(), 2)]),
        "a -> b -> c -> a is a cycle: each page once, then stop"
    );
    assert_eq!(site.repeated_requests(), BTreeMap::new(), "{FETCHED_TWICE}");
}

#[support::test(start_paused = true)]
async fn depth_limit_counts_links_from_the_start() {
    let site = Site::builder()
        .page("/0", "0", &["/1"])
        .page("/1", "1", &["/2"])
        .page("/2", "2", &["/3"])
        .page("/3", "3", &["/4"])
        .page("/4", "4", &[])
        .start()
        .await;
    let (pages, _) = timed(crawl(&url(&site, "/0"), &options(2, 1000, 4))).await;
    assert_eq!(
        depths(&site, &pages),
        BTreeMap::from([("/0".into(), 0), ("/1".into(), 1), ("/2".into(), 2)]),
        "max_depth 2: the start (depth 0) and pages up to two links away"
    );
    assert_eq!(
        site.requests("/3"),
        0,
        "/3 is three links away: with max_depth 2 it is never requested"
    );
}

#[support::test(start_paused = true)]
async fn depth_is_the_shortest_path() {
    // / -> /a -> /b -> /e, but also / -> /c -> /e; /b -> /d -> /f.
    let site = Site::builder()
        .page("/", "Home", &["/a", "/c"])
        .page("/a", "A", &["/b"])
        .page("/b", "B", &["/d", "/e"])
        .page("/c", "C", &["/e"])
        .page("/d", "D", &["/f"])
        .page("/e", "E", &[])
        .page("/f", "F", &[])
        .start()
        .await;
    let (pages, _) = timed(crawl(&url(&site, "/"), &options(3, 1000, 1))).await;
    assert_eq!(
        depths(&site, &pages),
        BTreeMap::from([
            ("/".into(), 0),
            ("/a".into(), 1),
            ("/c".into(), 1),
            ("/b".into(), 2),
            ("/e".into(), 2),
            ("/d".into(), 3),
        ]),
        "breadth first: a page's depth is its shortest distance from the start, so /e is at \
         depth 2 (through /c), not 3 (through /a and /b), and /f, four links away, is not \
         fetched with max_depth 3. Going deep first finds /e along the longer path"
    );
}

#[support::test(start_paused = true)]
async fn page_limit_caps_the_requests() {
    // Depth 0 has one page and depth 1 six: each limit falls inside a level.
    for max_pages in [4, 9] {
        let site = Site::builder().graph(50).latency(millis(100)).start().await;
        let (pages, _) = timed(crawl(&url(&site, "/p/0"), &options(50, max_pages, 4))).await;
        assert_eq!(
            site.total_requests(),
            max_pages,
            "max_pages {max_pages} allows {max_pages} requests in all. Check the limit before \
             starting each request, not after it finishes (the requests in flight overshoot) \
             nor only between levels (a whole level overshoots): cut the level to the pages \
             still allowed"
        );
        assert_eq!(pages.len(), max_pages, "one result per request");
    }
}

#[support::test(start_paused = true)]
async fn makes_no_other_requests() {
    let site = Site::builder()
        .page("/", "Home", &["/a", "/b"])
        .page("/a", "A", &["/", "/b"])
        .page("/b", "B", &[])
        .route(
            "/robots.txt",
            Route::raw(200, "text/plain", "User-agent: *\nDisallow:\n"),
        )
        .start()
        .await;
    let (pages, _) = timed(crawl(&url(&site, "/"), &options(5, 100, 2))).await;
    let returned: BTreeSet<String> = pages
        .iter()
        .map(|page| page.fetch.url.path().to_string())
        .collect();
    let other: BTreeMap<String, usize> = site
        .all_requests()
        .into_iter()
        .filter(|(path, _)| !returned.contains(path))
        .collect();
    assert_eq!(
        other,
        BTreeMap::new(),
        "the crawl requested these paths, which are not among the pages it returned: it makes \
         no other requests (no robots.txt, no HEAD before a GET, no second try)"
    );
    assert_eq!(site.repeated_requests(), BTreeMap::new(), "{FETCHED_TWICE}");
    assert_eq!(
        returned,
        ["/", "/a", "/b"].map(String::from).into(),
        "every page of the site is crawled"
    );
}

#[support::test(start_paused = true)]
async fn stays_on_the_start_site() {
    let site = Site::builder()
        .page(
            "/",
            "Home",
            &[
                "{other}/elsewhere",
                "{origin}/a",
                "https://127.0.0.1:1/secure",
            ],
        )
        .page("/a", "A", &["{other}/a"])
        .start()
        .await;
    let (pages, _) = timed(crawl(&url(&site, "/"), &options(5, 100, 2))).await;
    assert_eq!(
        site.other_requests(),
        0,
        "links to another host (here another port) must not be followed: compare Url::origin()"
    );
    assert_eq!(
        depths(&site, &pages),
        BTreeMap::from([("/".into(), 0), ("/a".into(), 1)]),
        "only pages of the start URL's origin (scheme, host and port) are crawled"
    );
    let home = pages
        .iter()
        .find(|p| p.depth == 0)
        .expect("the start page (depth 0) is among the results");
    assert_eq!(
        home.links.len(),
        3,
        "Crawled::links lists every link of the page, followed or not"
    );
}

#[support::test(start_paused = true)]
async fn redirects_lead_to_their_target() {
    let site = Site::builder()
        .page("/", "Home", &["/old", "/new"])
        .route("/old", Route::redirect("/new"))
        .route("/moved", Route::redirect("{origin}/target"))
        .page("/new", "New", &["/moved"])
        .page("/target", "Target", &[])
        .start()
        .await;
    let (pages, _) = timed(crawl(&url(&site, "/"), &options(10, 100, 2))).await;
    assert_eq!(
        depths(&site, &pages),
        BTreeMap::from([
            ("/".into(), 0),
            ("/old".into(), 1),
            ("/new".into(), 1),
            ("/moved".into(), 2),
            ("/target".into(), 3),
        ]),
        "a redirect's Location (resolved against its URL) is its one link: \
         /moved leads to /target; /old leads to /new, already found"
    );
    assert_eq!(site.repeated_requests(), BTreeMap::new(), "{FETCHED_TWICE}");
    let old = pages
        .iter()
        .find(|p| p.fetch.url.path() == "/old")
        .expect("/old, linked from the start page, is among the results");
    assert_eq!(
        old.links,
        [url(&site, "/new")],
        "the links of a redirect: its Location, resolved against the redirect's URL"
    );
}

#[support::test(start_paused = true)]
async fn only_html_successes_are_searched_for_links() {
    let site = Site::builder()
        .page("/", "Home", &["/data.json", "/notes.txt", "/gone", "/page"])
        .route(
            "/data.json",
            Route::raw(
                200,
                "application/json",
                r#"{"html": "<a href=\"/secret-json\">"}"#,
            ),
        )
        .route(
            "/notes.txt",
            Route::raw(200, "text/plain", "<a href=\"/secret-text\">"),
        )
        .route("/gone", Route::html("Gone", &["/secret-404"]).status(404))
        .route(
            "/page",
            Route::raw(200, "TEXT/HTML", "<title>Upper</title><a href=\"/found\">"),
        )
        .page("/found", "Found", &[])
        .start()
        .await;
    let (pages, _) = timed(crawl(&url(&site, "/"), &options(5, 100, 2))).await;
    for secret in ["/secret-json", "/secret-text", "/secret-404"] {
        assert_eq!(
            site.requests(secret),
            0,
            "{secret} is written inside a JSON file, a text file or a 404 page: \
             only successful answers whose Content-Type is text/html are searched for links"
        );
    }
    assert_eq!(
        site.requests("/found"),
        1,
        "/page is HTML (its Content-Type is TEXT/HTML: compare it ignoring case) and links to /found"
    );
    let titles: BTreeMap<String, Option<String>> = pages
        .iter()
        .map(|p| (p.fetch.url.path().to_string(), p.title.clone()))
        .collect();
    assert_eq!(
        titles.get("/page"),
        Some(&Some("Upper".to_string())),
        "Crawled::title is the title of an HTML page"
    );
    assert_eq!(
        titles.get("/gone"),
        Some(&None),
        "a failed page has no title, even if its body has one"
    );
}

#[support::test(start_paused = true)]
async fn concurrency_limit_holds_across_the_crawl() {
    let site = Site::builder().graph(40).latency(secs(1)).start().await;
    let (_, _) = timed(crawl(&url(&site, "/p/0"), &options(50, 1000, 4))).await;
    let most = site.in_flight().max();
    assert!(
        most <= 4,
        "{most} requests were in flight at once with a concurrency of 4: \
         one Fetcher (one Semaphore) must serve the whole crawl"
    );
    assert_eq!(
        most, 4,
        "pages at the same depth are fetched concurrently, up to the limit"
    );
}

#[support::test(start_paused = true)]
async fn politeness_holds_across_depths() {
    let site = Site::builder()
        .page("/", "Home", &["/a"])
        .page("/a", "A", &["/b"])
        .page("/b", "B", &[])
        .start()
        .await;
    let mut options = options(5, 100, 4);
    options.limits.delay = secs(2);
    let (_, _) = timed(crawl(&url(&site, "/"), &options)).await;
    assert_eq!(
        arrivals(&site),
        [secs(0), secs(2), secs(4)],
        "requests start 2 s apart even when each depth has one page: \
         one Fetcher must serve the whole crawl, not a new one per depth"
    );
}

#[support::test(start_paused = true)]
async fn broken_and_slow_pages_are_reported_once() {
    let site = Site::builder()
        .page("/", "Home", &["/gone", "/slow", "/a"])
        .page("/a", "A", &["/gone", "/slow"])
        .route("/slow", Route::html("Slow", &[]).delay(secs(30)))
        .start()
        .await;
    let mut options = options(5, 100, 4);
    options.limits.timeout = secs(1);
    let (pages, _) = timed(crawl(&url(&site, "/"), &options)).await;
    assert_each_page_once(&pages);
    let outcome = |path: &str| {
        pages
            .iter()
            .find(|p| p.fetch.url.path() == path)
            .map(|p| p.fetch.outcome.clone())
    };
    assert_eq!(
        outcome("/gone").and_then(|o| o.status()),
        Some(404),
        "a broken link is in the results, with its 404"
    );
    assert_eq!(
        outcome("/slow"),
        Some(Outcome::Timeout),
        "a page slower than the timeout is in the results as a timeout"
    );
    assert_eq!(site.repeated_requests(), BTreeMap::new(), "{FETCHED_TWICE}");
}

#[support::test(start_paused = true)]
async fn progress_reports_every_page_once() {
    let site = Site::builder().graph(20).start().await;
    let mut reported = Vec::new();
    let (pages, _) = timed(crawl_with(
        &url(&site, "/p/0"),
        &options(50, 1000, 4),
        |page| reported.push(page.fetch.url.clone()),
    ))
    .await;
    let mut crawled: Vec<Url> = pages.iter().map(|p| p.fetch.url.clone()).collect();
    reported.sort();
    crawled.sort();
    assert_eq!(
        reported, crawled,
        "crawl_with calls on_page once for each page it returns"
    );
}
