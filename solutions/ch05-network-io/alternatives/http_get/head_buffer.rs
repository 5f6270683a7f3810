//! Exercise `http_get`: the head collected in a byte buffer until the blank
//! line; whatever came after it starts the body.

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

    let mut received = Vec::new();
    let end_of_head = loop {
        if let Some(at) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let mut chunk = [0; 4096];
        let read = stream.read(&mut chunk).await?;
        if read == 0 {
            return Err(FetchError::BadResponse(
                "the connection closed inside the head".into(),
            ));
        }
        received.extend_from_slice(&chunk[..read]);
    };
    let head = std::str::from_utf8(&received[..end_of_head])
        .map_err(|_| FetchError::BadResponse("the head is not text".into()))?;
    let mut lines = head.split("\r\n");
    let (status, reason) = status_line(lines.next().unwrap_or(""))?;
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| FetchError::BadResponse(format!("not a header: {line:?}")))?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let mut body = received[end_of_head + 4..].to_vec();
    let length = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .map(|(_, value)| value.parse::<usize>());
    match length {
        Some(Ok(length)) => {
            let have = body.len().min(length);
            body.truncate(have);
            body.resize(length, 0);
            stream.read_exact(&mut body[have..]).await?;
        }
        Some(Err(_)) => {
            return Err(FetchError::BadResponse(
                "Content-Length is not a number".into(),
            ));
        }
        None => {
            stream.read_to_end(&mut body).await?;
        }
    }
    Ok(Response {
        status,
        reason,
        headers,
        body,
    })
}

fn status_line(line: &str) -> Result<(u16, String), FetchError> {
    let bad = || FetchError::BadResponse(format!("not a status line: {line:?}"));
    let (version, rest) = line.split_once(' ').ok_or_else(bad)?;
    if !version.starts_with("HTTP/1.") {
        return Err(bad());
    }
    let (code, reason) = rest.split_once(' ').unwrap_or((rest, ""));
    let status = code.parse().map_err(|_| bad())?;
    Ok((status, reason.to_string()))
}
