//! Exercise `http_get`: HTTP/1.1 GET over a raw `TcpStream`.

// Given in src/http.rs: the response and error types, and `parse_url`.
pub use crate::http::{FetchError, Response, Target, parse_url};

/// Fetches `url` (`http://host[:port][/path]`) with an HTTP/1.1 GET over a
/// plain `tokio::net::TcpStream`, and returns the parsed response.
///
/// The request is `GET <path> HTTP/1.1`, a `Host` header (see [`Target`]),
/// `Connection: close`, and the blank line that ends the head; every line
/// ends with `"\r\n"`.
///
/// The response is a status line (`HTTP/1.1 200 OK`), header lines
/// (`Name: value`), a blank line, then the body:
///
/// - with a `Content-Length` header (its name in any case), the body is
///   exactly that many bytes, and the server may keep the connection open
///   after them;
/// - without one, the body is everything until the server closes the
///   connection. (Servers in this chapter never use chunked encoding.)
///
/// The bytes can arrive cut anywhere: a header split over two packets, the
/// head and the start of the body in one. The body is bytes and need not be
/// UTF-8. Every failure is an `Err`, never a panic: a URL [`parse_url`]
/// rejects is `BadUrl`, a connect or read failure `Io`, an answer that is
/// not `HTTP/1.x <code> [reason]` or a head cut short is `BadResponse`.
/// A 404 is a response like any other: `Ok`.
///
/// ```no_run
/// # use ch05_network_io::http_get::get;
/// # async fn demo() -> Result<(), ch05_network_io::http_get::FetchError> {
/// let response = get("http://127.0.0.1:8080/index.html").await?;
/// println!("{} {}: {} bytes", response.status, response.reason, response.body.len());
/// # Ok(()) }
/// ```
pub async fn get(url: &str) -> Result<Response, FetchError> {
    todo!()
}
