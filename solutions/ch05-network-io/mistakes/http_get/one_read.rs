//! Exercise `http_get`, wrongly: one read is taken for the whole response.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub use crate::http::{FetchError, Response, Target, parse_url};

pub async fn get(url: &str) -> Result<Response, FetchError> {
    let target = parse_url(url)?;
    let mut stream = TcpStream::connect(&target.address).await?;
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        target.path, target.host
    );
    stream.write_all(request.as_bytes()).await?;
    let mut buffer = vec![0; 64 * 1024];
    let read = stream.read(&mut buffer).await?;
    let raw = &buffer[..read];
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| FetchError::BadResponse("no end of head".into()))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.splitn(3, ' ');
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/1.") {
        return Err(FetchError::BadResponse(status_line.to_string()));
    }
    let status = parts
        .next()
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| FetchError::BadResponse(status_line.to_string()))?;
    let reason = parts.next().unwrap_or("").to_string();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect();
    Ok(Response {
        status,
        reason,
        headers,
        body: raw[split + 4..].to_vec(),
    })
}
