//! Exercise `line_client`, wrongly: a new buffered reader for every reply.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

/// A connection to a line-based server.
#[derive(Debug)]
pub struct LineClient {
    reader: OwnedReadHalf,
    writer: OwnedWriteHalf,
}

impl LineClient {
    pub async fn connect(addr: SocketAddr) -> io::Result<LineClient> {
        let (reader, writer) = TcpStream::connect(addr).await?.into_split();
        Ok(LineClient { reader, writer })
    }

    /// One `write_all` of the whole line and its newline: `write` alone may
    /// write only part of it.
    pub async fn send(&mut self, line: &str) -> io::Result<()> {
        self.writer.write_all(format!("{line}\n").as_bytes()).await
    }

    /// A fresh buffer for each reply: whatever it read past the line is
    /// dropped with it.
    pub async fn recv(&mut self) -> io::Result<Option<String>> {
        BufReader::new(&mut self.reader).lines().next_line().await
    }

    pub async fn request(&mut self, line: &str) -> io::Result<String> {
        self.send(line).await?;
        self.recv().await?.ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the server closed the connection before replying",
            )
        })
    }
}

pub async fn send_lines(addr: SocketAddr, lines: &[&str]) -> io::Result<Vec<String>> {
    let mut client = LineClient::connect(addr).await?;
    let mut replies = Vec::with_capacity(lines.len());
    for line in lines {
        replies.push(client.request(line).await?);
    }
    Ok(replies)
}
