//! Given code for the `http_get` and `fetch_many` exercises: the response
//! and error types, and a URL parser. Use them; do not change them.

use std::fmt;
use std::io;

/// A parsed HTTP response. Given: use it, do not change it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The status code, such as 200 or 404.
    pub status: u16,
    /// The reason phrase after the code, such as `OK` (may be empty).
    pub reason: String,
    /// Every header in the order received, names as sent, values trimmed.
    pub headers: Vec<(String, String)>,
    /// The body, as raw bytes: it need not be text.
    pub body: Vec<u8>,
}

impl Response {
    /// The value of the first header called `name`, ignoring ASCII case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a fetch failed. Given: use it, do not change it.
#[derive(Debug)]
pub enum FetchError {
    /// Not a URL of the form `http://host[:port][/path]`.
    BadUrl(String),
    /// Connecting, writing or reading failed.
    Io(io::Error),
    /// The server's answer is not an HTTP/1.x response.
    BadResponse(String),
    /// No complete response within the time allowed.
    TimedOut,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::BadUrl(url) => write!(f, "not an http:// URL: {url}"),
            FetchError::Io(err) => write!(f, "i/o error: {err}"),
            FetchError::BadResponse(why) => write!(f, "bad response: {why}"),
            FetchError::TimedOut => write!(f, "timed out"),
        }
    }
}

impl std::error::Error for FetchError {}

impl From<io::Error> for FetchError {
    fn from(err: io::Error) -> FetchError {
        FetchError::Io(err)
    }
}

/// Where a URL points. Given: use it, do not change it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// `host:port`, ready for `TcpStream::connect`.
    pub address: String,
    /// The value of the `Host` header: the host, and the port if the URL had one.
    pub host: String,
    /// The request target: the path and query, at least `/`.
    pub path: String,
}

/// Splits `http://host[:port][/path]` into a [`Target`]. Given: use it, do
/// not change it.
pub fn parse_url(url: &str) -> Result<Target, FetchError> {
    let bad = || FetchError::BadUrl(url.to_string());
    let rest = url.strip_prefix("http://").ok_or_else(bad)?;
    let (authority, path) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, "/"),
    };
    if authority.is_empty() {
        return Err(bad());
    }
    let address = match authority.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok() => {
            authority.to_string()
        }
        Some(_) => return Err(bad()),
        None => format!("{authority}:80"),
    };
    Ok(Target {
        address,
        host: authority.to_string(),
        path: path.to_string(),
    })
}
