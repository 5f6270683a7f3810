use ch09_crawler::fetch::{Outcome, fetch, http_client};
use pretty_assertions::assert_eq;
use support::site::{Route, Site};
use support::{assert_elapsed, secs, timed};

use crate::common::{closed_port_url, url};

async fn site() -> Site {
    Site::builder()
        .page("/", "Home", &["/a"])
        .route("/created", Route::html("Created", &[]).status(201))
        .route("/empty", Route::raw(204, "text/plain", ""))
        .route("/partial", Route::raw(206, "text/plain", "part of it"))
        .route("/broken", Route::raw(500, "text/plain", "oops"))
        .route("/old", Route::redirect("/new"))
        .route("/slow", Route::html("Slow", &[]).delay(secs(5)))
        .route("/stalled", Route::html("Stalled", &[]).stall_body(secs(5)))
        .start()
        .await
}

#[support::test(start_paused = true)]
async fn returns_the_status_headers_and_body() {
    let site = site().await;
    let client = http_client();
    let (page, _) = timed(fetch(&client, &url(&site, "/"), secs(10))).await;
    assert_eq!(
        page.url,
        url(&site, "/"),
        "the Fetch carries the URL it fetched"
    );
    let Outcome::Response {
        status,
        content_type,
        location,
        body,
    } = page.outcome
    else {
        panic!(
            "fetching a page that answers 200 gave {:?}; expected Outcome::Response",
            page.outcome
        );
    };
    assert_eq!(status, 200, "the status code of the answer");
    assert_eq!(
        content_type.as_deref(),
        Some("text/html; charset=utf-8"),
        "content_type is the Content-Type header, as sent"
    );
    assert_eq!(location, None, "no Location header on this page");
    assert!(
        body.contains("<title>Home</title>"),
        "the body is the whole page, read to its end; got {body:?}"
    );
    assert_eq!(site.requests("/"), 1, "one fetch is one request");
}

#[support::test(start_paused = true)]
async fn not_found_is_an_answer_not_an_error() {
    let site = site().await;
    let (page, _) = timed(fetch(&http_client(), &url(&site, "/nowhere"), secs(10))).await;
    assert_eq!(
        page.outcome.status(),
        Some(404),
        "a 404 is the server's answer: Outcome::Response with status 404, not an error; got {:?}",
        page.outcome
    );
    assert!(
        !page.outcome.is_success(),
        "a 404 is not a success (is_success)"
    );
}

#[support::test]
fn every_2xx_status_is_a_success() {
    let answer = |status| Outcome::Response {
        status,
        content_type: None,
        location: None,
        body: String::new(),
    };
    for status in [200, 201, 203, 204, 206, 299] {
        assert!(
            answer(status).is_success(),
            "{status} is a success: every 2xx status is, not only 200"
        );
    }
    for status in [100, 199, 300, 301, 304, 404, 500, 503] {
        assert!(
            !answer(status).is_success(),
            "{status} is not a success: only 2xx statuses are"
        );
    }
    assert!(!Outcome::Timeout.is_success(), "a timeout is not a success");
    assert!(
        !Outcome::Error("refused".into()).is_success(),
        "an error is not a success"
    );
}

#[support::test(start_paused = true)]
async fn non_200_success_codes_are_fetched_as_successes() {
    let site = site().await;
    let client = http_client();
    for (path, status) in [("/created", 201), ("/empty", 204), ("/partial", 206)] {
        let (page, _) = timed(fetch(&client, &url(&site, path), secs(10))).await;
        assert_eq!(
            page.outcome.status(),
            Some(status),
            "{path} answers {status}; got {:?}",
            page.outcome
        );
        assert!(
            page.outcome.is_success(),
            "{path} answered {status}: a success, though not 200"
        );
    }
    let (page, _) = timed(fetch(&client, &url(&site, "/broken"), secs(10))).await;
    assert_eq!(page.outcome.status(), Some(500), "/broken answers 500");
    assert!(!page.outcome.is_success(), "a 500 is not a success");
}

#[support::test(start_paused = true)]
async fn redirects_are_reported_not_followed() {
    let site = site().await;
    let (page, _) = timed(fetch(&http_client(), &url(&site, "/old"), secs(10))).await;
    let Outcome::Response {
        status, location, ..
    } = &page.outcome
    else {
        panic!("/old answers 301; got {:?}", page.outcome);
    };
    assert_eq!(*status, 301, "fetch reports the redirect itself");
    assert_eq!(
        location.as_deref(),
        Some("/new"),
        "location is the Location header, as sent"
    );
    assert_eq!(
        site.requests("/new"),
        0,
        "fetch must not follow the redirect: the crawler decides what to fetch"
    );
}

#[support::test(start_paused = true)]
async fn slow_page_times_out_at_the_limit() {
    let site = site().await;
    let (page, took) = timed(fetch(&http_client(), &url(&site, "/slow"), secs(2))).await;
    assert_eq!(
        page.outcome,
        Outcome::Timeout,
        "/slow answers after 5 s and the timeout is 2 s: wrap the request in tokio::time::timeout"
    );
    assert_elapsed("fetch() of a 5 s page with a 2 s timeout", took, secs(2));
    assert_eq!(
        page.elapsed,
        secs(2),
        "Fetch::elapsed is the time from the start of the request to its outcome"
    );
}

#[support::test(start_paused = true)]
async fn a_page_within_the_timeout_is_not_cut_short() {
    let site = site().await;
    let (page, took) = timed(fetch(&http_client(), &url(&site, "/slow"), secs(6))).await;
    assert_eq!(
        page.outcome.status(),
        Some(200),
        "/slow answers after 5 s, within the 6 s timeout; got {:?}",
        page.outcome
    );
    assert_elapsed("fetch() of a 5 s page with a 6 s timeout", took, secs(5));
    assert_eq!(
        page.elapsed,
        secs(5),
        "Fetch::elapsed is the response time, measured with tokio::time::Instant"
    );
}

#[support::test(start_paused = true)]
async fn a_body_that_stalls_times_out_too() {
    let site = site().await;
    let (page, took) = timed(fetch(&http_client(), &url(&site, "/stalled"), secs(2))).await;
    assert_eq!(
        page.outcome,
        Outcome::Timeout,
        "the status and headers of /stalled come at once, the rest of its body only after 5 s: \
         a 2 s timeout must cover reading the body too, not only the headers (put the request \
         and the body's `collect()` in one `tokio::time::timeout`)"
    );
    assert_elapsed(
        "fetch() of a page whose body stalls 5 s, with a 2 s timeout",
        took,
        secs(2),
    );
}

#[support::test(start_paused = true)]
async fn a_body_in_pieces_is_read_to_its_end() {
    let site = site().await;
    let (page, took) = timed(fetch(&http_client(), &url(&site, "/stalled"), secs(10))).await;
    let Outcome::Response { status, body, .. } = &page.outcome else {
        panic!(
            "/stalled answers 200 (its body in two pieces, 5 s apart); got {:?}",
            page.outcome
        );
    };
    assert_eq!(*status, 200, "/stalled answers 200");
    assert!(
        body.contains("<title>Stalled</title>") && body.trim_end().ends_with("</html>"),
        "the body comes in two pieces, 5 s apart: read it to its end (`collect()` the whole \
         body, not only its first frame); got {body:?}"
    );
    assert_elapsed(
        "fetch() of a page whose second half comes after 5 s",
        took,
        secs(5),
    );
}

#[support::test(start_paused = true)]
async fn refused_connection_is_an_error_not_a_panic() {
    let url = closed_port_url().await;
    let (page, _) = timed(fetch(&http_client(), &url, secs(10))).await;
    match &page.outcome {
        Outcome::Error(message) => assert!(
            !message.is_empty(),
            "Outcome::Error should say what went wrong"
        ),
        other => {
            panic!("nothing listens at {url}, so the outcome is Outcome::Error(..); got {other:?}")
        }
    }
}
