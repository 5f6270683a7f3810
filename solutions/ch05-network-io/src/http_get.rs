//! Exercise `http_get`: HTTP/1.1 GET over a raw `TcpStream`.

use std::fmt;
use std::io;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

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

pub async fn get(url: &str) -> Result<Response, FetchError> {
    let target = parse_url(url)?;
    let mut stream = TcpStream::connect(&target.address).await?;
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        target.path, target.host
    );
    stream.write_all(request.as_bytes()).await?;

    // A buffered reader frames the head line by line, however the bytes
    // were split into packets, and keeps any body bytes read along with it.
    let mut reader = BufReader::new(stream);
    let status_line = read_head_line(&mut reader).await?;
    let (status, reason) = parse_status_line(&status_line)?;

    let mut headers = Vec::new();
    loop {
        let line = read_head_line(&mut reader).await?;
        if line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| FetchError::BadResponse(format!("not a header: {line:?}")))?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }

    let length = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .map(|(_, value)| value.parse::<usize>())
        .transpose()
        .map_err(|_| FetchError::BadResponse("Content-Length is not a number".into()))?;
    let mut body = Vec::new();
    match length {
        // Exactly that many bytes: the server may keep the connection open.
        Some(length) => {
            body.resize(length, 0);
            reader.read_exact(&mut body).await?;
        }
        // No length: the body ends when the server closes the connection.
        None => {
            reader.read_to_end(&mut body).await?;
        }
    }
    Ok(Response {
        status,
        reason,
        headers,
        body,
    })
}

/// One line of the response head, without its `\r\n`.
async fn read_head_line(reader: &mut BufReader<TcpStream>) -> Result<String, FetchError> {
    let mut raw = Vec::new();
    if reader.read_until(b'\n', &mut raw).await? == 0 {
        return Err(FetchError::BadResponse(
            "the connection closed inside the head".into(),
        ));
    }
    let line = String::from_utf8(raw)
        .map_err(|_| FetchError::BadResponse("the head is not text".into()))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// `HTTP/1.1 200 OK` → `(200, "OK")`.
fn parse_status_line(line: &str) -> Result<(u16, String), FetchError> {
    let bad = || FetchError::BadResponse(format!("not a status line: {line:?}"));
    let mut parts = line.splitn(3, ' ');
    let version = parts.next().ok_or_else(bad)?;
    if !version.starts_with("HTTP/1.") {
        return Err(bad());
    }
    let status = parts
        .next()
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(bad)?;
    let reason = parts.next().unwrap_or("").to_string();
    Ok((status, reason))
}
