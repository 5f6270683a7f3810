//! Pages per second of the reference crawler on a local 1,000-page site, at
//! concurrency 1, 8 and 32: first with pages served at once (the crawler's
//! own cost, server and crawler sharing the machine), then with 10 ms of
//! latency per page (what concurrency is for). Real time, real sockets; it
//! prints figures and asserts nothing about speed:
//!
//! ```text
//! cargo run --release -p ch09-crawler-solution --example bench
//! ```

use std::time::{Duration, Instant};

use ch09_crawler::crawl::{CrawlOptions, crawl};
use ch09_crawler::polite::Limits;
use support::site::Site;
use url::Url;

const PAGES: usize = 1000;

#[tokio::main]
async fn main() {
    println!("crawling a local site of {PAGES} pages (plus its broken links)");
    for latency in [Duration::ZERO, Duration::from_millis(10)] {
        println!("latency {latency:?} per page:");
        for concurrency in [1, 8, 32] {
            run(latency, concurrency).await;
        }
    }
}

async fn run(latency: Duration, concurrency: usize) {
    // A fresh site per run, so its request counts are this run's.
    let site = Site::builder().graph(PAGES).latency(latency).start().await;
    let start = Url::parse(&site.url("/p/0")).unwrap();
    let options = CrawlOptions {
        max_depth: 100,
        max_pages: 10 * PAGES,
        limits: Limits {
            concurrency,
            delay: Duration::ZERO,
            timeout: Duration::from_secs(10),
        },
    };
    let began = Instant::now();
    let pages = crawl(&start, &options).await;
    let took = began.elapsed();
    assert!(
        site.repeated_requests().is_empty(),
        "a URL was fetched twice"
    );
    println!(
        "  concurrency {concurrency:>2}: {} pages in {took:>8.1?}, {:>7.0} pages/s",
        pages.len(),
        pages.len() as f64 / took.as_secs_f64()
    );
}
