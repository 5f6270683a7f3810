//! Exercise `http_get`: HTTP/1.1 GET over a raw `TcpStream`.

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

pub use crate::http::{FetchError, Response, Target, parse_url};

/// Read the head line by line, then the body by Content-Length or to the
/// close: one `read` is never one message.
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
