use ch05_network_io::http_get::{FetchError, Response, get};
use pretty_assertions::assert_eq;
use support::{finishes, millis, secs};

use crate::fixture::{Fixture, Step, refused_addr, write};

/// Fetches `url` with 5 s (virtual) to spare; a client that waits for
/// something that never comes fails with `waiting`.
async fn fetch(url: &str, waiting: &str) -> Result<Response, FetchError> {
    match tokio::time::timeout(secs(5), get(url)).await {
        Ok(result) => result,
        Err(_) => panic!("get({url:?}) did not return within 5 s: {waiting}"),
    }
}

#[support::test(start_paused = true)]
async fn sends_a_get_request_with_a_host_header() {
    let server = Fixture::start(vec![
        Step::ReadHead,
        write("HTTP/1.1 204 No Content\r\n\r\n"),
    ])
    .await;
    let url = server.url("/some/path?q=1");
    let response = fetch(
        &url,
        "the server answers once it has read the blank line that ends the request",
    )
    .await;
    let head = &finishes(server.received()).await[0];
    assert!(
        head.starts_with("GET /some/path?q=1 HTTP/1.1\r\n"),
        "the request line is `GET <path and query> HTTP/1.1` and ends with \\r\\n, got {head:?}"
    );
    let host = format!(
        "\r\nhost: {}\r\n",
        url.trim_start_matches("http://").split('/').next().unwrap()
    );
    assert!(
        head.to_ascii_lowercase().contains(&host),
        "HTTP/1.1 requires a `Host: <host>:<port>` header, got {head:?}"
    );
    assert!(
        head.ends_with("\r\n\r\n"),
        "a blank line (`\\r\\n` on its own) ends the request head, got {head:?}"
    );
    assert_eq!(
        response
            .expect("get() failed on the answer `HTTP/1.1 204 No Content`")
            .status,
        204,
        "the status code is the number after the HTTP version"
    );
}

#[support::test(start_paused = true)]
async fn reads_the_body_by_content_length() {
    let server = Fixture::start(vec![
        Step::ReadHead,
        write("HTTP/1.1 200 OK\r\ncontent-len"),
        Step::Sleep(millis(10)),
        write("gth: 11\r\nX-Test:  yes \r\n\r\n"),
        Step::Sleep(millis(10)),
        write("hello"),
        Step::Sleep(millis(10)),
        write(" world"),
        // The connection stays open: the length alone says the body is done.
        Step::Sleep(secs(60)),
    ])
    .await;
    let response = fetch(
        &server.url("/"),
        "the body was complete (Content-Length: 11) but the connection stayed open. Read exactly \
         Content-Length bytes (`read_exact`) instead of waiting for the end of the stream, and \
         match header names without regard to case",
    )
    .await
    .expect("get() failed on a valid HTTP/1.1 answer");
    assert_eq!(
        (response.status, response.reason.as_str()),
        (200, "OK"),
        "the status line `HTTP/1.1 200 OK` arrived in pieces; parse it once the whole line is in"
    );
    assert_eq!(
        response.header("x-test"),
        Some("yes"),
        "every header is kept, with its value trimmed"
    );
    assert_eq!(
        String::from_utf8_lossy(&response.body),
        "hello world",
        "the body arrived in two writes after the head: read all of it, not one `read`"
    );
}

#[support::test(start_paused = true)]
async fn reads_to_the_end_without_a_length() {
    let server = Fixture::start(vec![
        Step::ReadHead,
        write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nfirst part, "),
        Step::Sleep(millis(10)),
        write("second part, "),
        Step::Sleep(millis(10)),
        write("last part"),
    ])
    .await;
    let response = fetch(
        &server.url("/stream"),
        "the server closed the connection to end the body",
    )
    .await
    .expect("get() failed on a valid HTTP/1.1 answer");
    assert_eq!(
        String::from_utf8_lossy(&response.body),
        "first part, second part, last part",
        "without Content-Length the body is everything until the server closes the connection \
         (`read_to_end`)"
    );
}

#[support::test(start_paused = true)]
async fn keeps_a_binary_body_as_bytes() {
    let body: &[u8] = &[0xff, 0xfe, 0x00, b'\r', b'\n', b'\r', b'\n', 0x80, b'x'];
    let mut head =
        format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
    head.extend_from_slice(&body[..4]);
    let server = Fixture::start(vec![
        Step::ReadHead,
        Step::Write(head),
        Step::Sleep(millis(10)),
        write(&body[4..]),
        Step::Sleep(secs(60)),
    ])
    .await;
    let response = fetch(
        &server.url("/image"),
        "Content-Length said the body was 9 bytes",
    )
    .await
    .expect("get() failed on a valid HTTP/1.1 answer");
    assert_eq!(
        response.body, body,
        "the body is bytes, not text: keep them as they came (no UTF-8 decoding, no stopping \
         at a blank line inside the body)"
    );
}

#[support::test(start_paused = true)]
async fn a_404_is_a_response_not_an_error() {
    let server = Fixture::start(vec![
        Step::ReadHead,
        write("HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope"),
    ])
    .await;
    let response = fetch(&server.url("/missing"), "Content-Length: 4").await;
    let response = response.expect("a 404 is an answer from the server, so get() returns Ok");
    assert_eq!(
        (
            response.status,
            response.reason.as_str(),
            response.body.as_slice()
        ),
        (404, "Not Found", &b"nope"[..]),
        "the status code, the whole reason phrase, and the body"
    );
}

#[support::test(start_paused = true)]
async fn rejects_a_garbage_answer() {
    let server = Fixture::start(vec![Step::ReadHead, write("SSH-2.0-OpenSSH\r\n\r\n")]).await;
    let result = fetch(&server.url("/"), "the server closed the connection").await;
    assert!(
        matches!(result, Err(FetchError::BadResponse(_))),
        "an answer that does not start with `HTTP/1.x <code>` is `FetchError::BadResponse`, got {result:?}"
    );
}

#[support::test(start_paused = true)]
async fn failures_are_errors_not_panics() {
    let https = finishes(get("https://example.com/")).await;
    assert!(
        matches!(https, Err(FetchError::BadUrl(_))),
        "only http:// URLs can be fetched over a raw TcpStream: expected BadUrl, got {https:?}"
    );
    let refused = finishes(get(&format!("http://{}/", refused_addr()))).await;
    assert!(
        matches!(&refused, Err(FetchError::Io(err)) if err.kind() == std::io::ErrorKind::ConnectionRefused),
        "nothing listens there: expected FetchError::Io(ConnectionRefused), got {refused:?}"
    );
}
