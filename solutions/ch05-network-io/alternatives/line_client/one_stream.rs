//! Exercise `line_client` without splitting: one `BufReader` around the
//! whole stream, written through `get_mut`.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

#[derive(Debug)]
pub struct LineClient {
    stream: BufReader<TcpStream>,
}

impl LineClient {
    pub async fn connect(addr: SocketAddr) -> io::Result<LineClient> {
        Ok(LineClient {
            stream: BufReader::new(TcpStream::connect(addr).await?),
        })
    }

    pub async fn send(&mut self, line: &str) -> io::Result<()> {
        let stream = self.stream.get_mut();
        stream.write_all(line.as_bytes()).await?;
        stream.write_all(b"\n").await
    }

    pub async fn recv(&mut self) -> io::Result<Option<String>> {
        let mut line = String::new();
        match self.stream.read_line(&mut line).await? {
            0 => Ok(None),
            _ => Ok(Some(line.trim_end_matches(['\r', '\n']).to_string())),
        }
    }

    pub async fn request(&mut self, line: &str) -> io::Result<String> {
        self.send(line).await?;
        match self.recv().await? {
            Some(reply) => Ok(reply),
            None => Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "no reply before the connection closed",
            )),
        }
    }
}

pub async fn send_lines(addr: SocketAddr, lines: &[&str]) -> io::Result<Vec<String>> {
    let mut client = LineClient::connect(addr).await?;
    let mut replies = Vec::new();
    for line in lines {
        replies.push(client.request(line).await?);
    }
    Ok(replies)
}
