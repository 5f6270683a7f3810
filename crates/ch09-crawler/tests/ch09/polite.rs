use std::time::Duration;

use ch09_crawler::fetch::Outcome;
use ch09_crawler::polite::{Fetcher, Limits};
use pretty_assertions::assert_eq;
use support::site::{Route, Site};
use support::{assert_elapsed, millis, secs, timed};
use url::Url;

use crate::common::{arrivals, closed_port_url, url};

fn limits(concurrency: usize, delay: Duration) -> Limits {
    Limits {
        concurrency,
        delay,
        timeout: secs(60),
    }
}

fn urls(site: &Site, paths: &[&str]) -> Vec<Url> {
    paths.iter().map(|path| url(site, path)).collect()
}

#[support::test(start_paused = true)]
async fn results_follow_the_input_order() {
    let site = Site::builder()
        .route("/three", Route::html("Three", &[]).delay(secs(3)))
        .route("/one", Route::html("One", &[]).delay(secs(1)))
        .page("/now", "Now", &[])
        .start()
        .await;
    let urls = urls(&site, &["/three", "/one", "/now"]);
    let fetcher = Fetcher::new(limits(3, Duration::ZERO));
    let (pages, took) = timed(fetcher.fetch_all(&urls)).await;
    let fetched: Vec<&Url> = pages.iter().map(|page| &page.url).collect();
    assert_eq!(
        fetched,
        urls.iter().collect::<Vec<_>>(),
        "one Fetch per URL, in the order of the URLs, not the order they finished in"
    );
    assert_elapsed(
        "fetch_all() of pages taking 3 s, 1 s and 0 s, three at a time",
        took,
        secs(3),
    );
}

#[support::test(start_paused = true)]
async fn never_more_than_the_limit_in_flight() {
    let site = Site::builder().graph(10).latency(secs(1)).start().await;
    let paths: Vec<String> = (0..10).map(|i| format!("/p/{i}")).collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let fetcher = Fetcher::new(limits(3, Duration::ZERO));
    let (pages, took) = timed(fetcher.fetch_all(&urls(&site, &paths))).await;
    assert_eq!(pages.len(), 10, "one Fetch per URL");
    let most = site.in_flight().max();
    assert!(
        most <= 3,
        "{most} requests were in flight at once with a limit of 3: take a Semaphore permit before each request"
    );
    assert_eq!(
        most, 3,
        "with ten 1 s pages and a limit of 3, three requests should run at once"
    );
    assert_elapsed(
        "fetch_all() of ten 1 s pages, three at a time (waves of 3, 3, 3 and 1)",
        took,
        secs(4),
    );
}

#[support::test(start_paused = true)]
async fn requests_start_at_least_the_delay_apart() {
    let site = Site::builder().graph(4).start().await;
    let fetcher = Fetcher::new(limits(4, millis(500)));
    let (_, took) = timed(fetcher.fetch_all(&urls(&site, &["/p/0", "/p/1", "/p/2", "/p/3"]))).await;
    assert_eq!(
        arrivals(&site),
        [millis(0), millis(500), millis(1000), millis(1500)],
        "requests must start 500 ms apart, the first at once. \
         Sleeping 500 ms in each task lets them all sleep together and start together: \
         keep the time of the next allowed start in the Fetcher"
    );
    assert_elapsed(
        "fetch_all() of four instant pages, 500 ms apart",
        took,
        millis(1500),
    );
}

#[support::test(start_paused = true)]
async fn a_freed_slot_still_waits_for_the_delay() {
    let site = Site::builder()
        .route("/a", Route::html("A", &[]).delay(secs(3)))
        .route("/b", Route::html("B", &[]).delay(secs(3)))
        .page("/c", "C", &[])
        .page("/d", "D", &[])
        .start()
        .await;
    let fetcher = Fetcher::new(limits(2, secs(1)));
    let (_, took) = timed(fetcher.fetch_all(&urls(&site, &["/a", "/b", "/c", "/d"]))).await;
    assert_eq!(
        arrivals(&site),
        [secs(0), secs(1), secs(3), secs(4)],
        "two slots, 1 s apart: /a at 0 s, /b at 1 s, /c when /a's slot frees at 3 s, \
         and /d 1 s after /c. If /c and /d start together, they waited for their turn \
         before they had a slot: take the slot first, then wait for the turn"
    );
    assert_elapsed("fetch_all() of /a, /b, /c and /d", took, secs(4));
}

#[support::test(start_paused = true)]
async fn failures_do_not_stop_the_others() {
    let site = Site::builder().page("/ok", "Ok", &[]).start().await;
    let mut list = vec![closed_port_url().await];
    list.extend(urls(&site, &["/missing", "/ok"]));
    let fetcher = Fetcher::new(limits(3, Duration::ZERO));
    let (pages, _) = timed(fetcher.fetch_all(&list)).await;
    let outcomes: Vec<&str> = pages
        .iter()
        .map(|page| match &page.outcome {
            Outcome::Response { status: 200, .. } => "200",
            Outcome::Response { status: 404, .. } => "404",
            Outcome::Response { .. } => "another status",
            Outcome::Timeout => "timeout",
            Outcome::Error(_) => "error",
        })
        .collect();
    assert_eq!(
        outcomes,
        ["error", "404", "200"],
        "a refused connection and a 404 are results like any other; they must not stop the rest"
    );
}
