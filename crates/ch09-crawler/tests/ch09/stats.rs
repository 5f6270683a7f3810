use std::collections::BTreeMap;

use ch09_crawler::crawl::Crawled;
use ch09_crawler::fetch::{Fetch, Outcome};
use ch09_crawler::stats::{Stats, export, summarize, to_json};
use pretty_assertions::assert_eq;
use serde_json::json;
use support::{finishes, millis};
use url::Url;

fn answer(status: u16) -> Outcome {
    Outcome::Response {
        status,
        content_type: Some("text/html".into()),
        location: None,
        body: String::new(),
    }
}

/// A crawled page at `http://site.test{path}`, depth 1, no title or links.
fn page(path: &str, outcome: Outcome, ms: u64) -> Crawled {
    Crawled {
        depth: 1,
        fetch: Fetch {
            url: Url::parse(&format!("http://site.test{path}")).unwrap(),
            outcome,
            elapsed: millis(ms),
        },
        title: None,
        links: Vec::new(),
    }
}

#[support::test]
fn counts_every_2xx_as_a_success() {
    let pages = [
        page("/ok", answer(200), 10),
        page("/created", answer(201), 10),
        page("/empty", answer(204), 10),
        page("/partial", answer(206), 10),
        page("/moved", answer(301), 10),
        page("/gone", answer(404), 10),
        page("/broken", answer(500), 10),
        page("/slow", Outcome::Timeout, 10),
        page("/down", Outcome::Error("connection refused".into()), 10),
    ];
    let stats = summarize(&pages);
    assert_eq!(
        (stats.pages, stats.succeeded, stats.redirected, stats.failed),
        (9, 4, 1, 4),
        "(pages, succeeded, redirected, failed): 200, 201, 204 and 206 all succeeded \
         (every 2xx, not only 200); 404, 500, the timeout and the error failed"
    );
    assert_eq!(
        stats.status_codes,
        BTreeMap::from([
            (200, 1),
            (201, 1),
            (204, 1),
            (206, 1),
            (301, 1),
            (404, 1),
            (500, 1)
        ]),
        "status_codes counts the answers by status; timeouts and errors have none"
    );
    assert_eq!((stats.timeouts, stats.errors), (1, 1), "(timeouts, errors)");
}

#[support::test]
fn mean_response_time_covers_every_answer() {
    let pages = [
        page("/fast", answer(200), 1000),
        page("/gone", answer(404), 3000),
        page("/slow", Outcome::Timeout, 10_000),
        page("/down", Outcome::Error("refused".into()), 0),
    ];
    let stats = summarize(&pages);
    assert_eq!(
        stats.mean_response_time,
        Some(millis(2000)),
        "the mean over the two answers (1 s and 3 s), whatever their status; \
         a timeout or an error is not a response time"
    );
    assert_eq!(
        stats.slowest,
        Some(("http://site.test/gone".to_string(), millis(3000))),
        "the slowest answer, with its URL"
    );
}

#[support::test]
fn the_slowest_is_the_first_of_equal_times() {
    let pages = [
        page("/first", answer(200), 2000),
        page("/second", answer(404), 2000),
        page("/quick", answer(200), 1000),
    ];
    assert_eq!(
        summarize(&pages).slowest,
        Some(("http://site.test/first".to_string(), millis(2000))),
        "two answers took 2 s: the slowest is the first of them (replace it only with one \
         strictly slower, `>` not `>=`)"
    );
}

#[support::test]
fn no_answers_no_mean() {
    assert_eq!(
        summarize(&[]),
        Stats::default(),
        "an empty crawl: all zeros, no mean (and no division by zero)"
    );
    let stats = summarize(&[page("/slow", Outcome::Timeout, 5000)]);
    assert_eq!(
        (stats.mean_response_time, stats.slowest),
        (None, None),
        "with only a timeout there is no answer to average"
    );
}

fn sample() -> Vec<Crawled> {
    let mut home = page("/", answer(200), 1500);
    home.depth = 0;
    home.title = Some("Home".into());
    home.links = vec![
        Url::parse("http://site.test/gone").unwrap(),
        Url::parse("http://site.test/slow").unwrap(),
    ];
    vec![
        home,
        page("/gone", answer(404), 500),
        page("/slow", Outcome::Timeout, 2000),
    ]
}

#[support::test]
fn json_has_the_stats_and_every_page() {
    assert_eq!(
        to_json(&sample()),
        json!({
            "stats": {
                "pages": 3,
                "succeeded": 1,
                "redirected": 0,
                "failed": 2,
                "status_codes": {"200": 1, "404": 1},
                "timeouts": 1,
                "errors": 0,
                "mean_response_ms": 1000,
                "slowest": {"url": "http://site.test/", "response_ms": 1500},
            },
            "pages": [
                {
                    "url": "http://site.test/",
                    "depth": 0,
                    "status": 200,
                    "error": null,
                    "title": "Home",
                    "links": ["http://site.test/gone", "http://site.test/slow"],
                    "response_ms": 1500,
                },
                {
                    "url": "http://site.test/gone",
                    "depth": 1,
                    "status": 404,
                    "error": null,
                    "title": null,
                    "links": [],
                    "response_ms": 500,
                },
                {
                    "url": "http://site.test/slow",
                    "depth": 1,
                    "status": null,
                    "error": "timeout",
                    "title": null,
                    "links": [],
                    "response_ms": 2000,
                },
            ],
        }),
        "the JSON report: see the shape in the doc comment of to_json"
    );
}

#[support::test(start_paused = true)]
async fn export_writes_the_json_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.json");
    finishes(export(&path, &sample()))
        .await
        .expect("export() into a writable directory returns Ok");
    let text = std::fs::read_to_string(&path).expect("export() creates the file");
    let written: serde_json::Value =
        serde_json::from_str(&text).expect("the file holds valid JSON");
    assert_eq!(
        written,
        to_json(&sample()),
        "the file holds what to_json returns"
    );
}
