use std::time::Duration;

use ch05_network_io::fetch_many::fetch_all;
use ch05_network_io::http_get::{FetchError, Response};
use pretty_assertions::assert_eq;
use support::{assert_elapsed, secs, timed};

use crate::fixture::{Fixture, Step, refused_addr, write};

/// A server that waits `delay` before answering 200 with `body`.
async fn answering_after(delay: Duration, body: &str) -> Fixture {
    Fixture::start(vec![
        Step::ReadHead,
        Step::Sleep(delay),
        write(format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )),
    ])
    .await
}

fn body(result: &Result<Response, FetchError>) -> String {
    match result {
        Ok(response) => String::from_utf8_lossy(&response.body).into_owned(),
        Err(err) => format!("error: {err}"),
    }
}

#[support::test(start_paused = true)]
async fn fetches_concurrently_in_input_order() {
    let servers = [
        answering_after(secs(3), "slowest").await,
        answering_after(secs(1), "fastest").await,
        answering_after(secs(2), "middle").await,
    ];
    let urls: Vec<String> = servers.iter().map(|s| s.url("/")).collect();
    let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
    let (results, took) = timed(fetch_all(&urls, secs(10))).await;
    assert_eq!(
        results.iter().map(body).collect::<Vec<_>>(),
        ["slowest", "fastest", "middle"],
        "one result per URL, in the order of the URLs (not the order they finished in)"
    );
    assert_elapsed(
        "fetching from servers that answer after 3 s, 1 s and 2 s",
        took,
        secs(3),
    );
}

#[support::test(start_paused = true)]
async fn times_out_each_request_on_its_own() {
    let fast = answering_after(secs(1), "fast").await;
    let slow = answering_after(secs(30), "slow").await;
    let (urls, timeout) = ([fast.url("/"), slow.url("/")], secs(2));
    let (results, took) = timed(fetch_all(&[&urls[0], &urls[1]], timeout)).await;
    assert!(
        matches!(results[1], Err(FetchError::TimedOut)),
        "a server that answers after 30 s, with a 2 s timeout per request, gives \
         Err(FetchError::TimedOut), got {:?}",
        body(&results[1])
    );
    assert_eq!(
        body(&results[0]),
        "fast",
        "the fast server answered within its own timeout: a slow neighbour must not cost it \
         its result (time out each request, not the whole batch)"
    );
    assert_elapsed(
        "a batch whose slowest request times out after 2 s",
        took,
        secs(2),
    );
}

#[support::test(start_paused = true)]
async fn failures_are_values() {
    let good = answering_after(secs(1), "fine").await;
    let urls = [
        format!("http://{}/", refused_addr()),
        "ftp://example.com/file".to_string(),
        good.url("/"),
    ];
    let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
    let (results, took) = timed(fetch_all(&urls, secs(5))).await;
    assert_eq!(results.len(), 3, "one result per URL, failures included");
    assert!(
        matches!(&results[0], Err(FetchError::Io(err)) if err.kind() == std::io::ErrorKind::ConnectionRefused),
        "a refused connection is Err(FetchError::Io(..)) in its place, got {:?}",
        body(&results[0])
    );
    assert!(
        matches!(results[1], Err(FetchError::BadUrl(_))),
        "an ftp:// URL is Err(FetchError::BadUrl(..)) in its place, got {:?}",
        body(&results[1])
    );
    assert_eq!(
        body(&results[2]),
        "fine",
        "the failures before it must not stop the good URL from being fetched"
    );
    assert_elapsed("two instant failures beside a 1 s fetch", took, secs(1));
}
