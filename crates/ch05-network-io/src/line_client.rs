//! Exercise `line_client`: the client side of a line protocol.

use std::io;
use std::net::SocketAddr;

/// A connection to a line-based server such as the one of `line_server`.
///
/// Add the fields you need: the connection, split into a half to read
/// replies from and a half to write requests to. The read half must keep,
/// from one call to the next, whatever arrived after the line it returned.
#[derive(Debug)]
pub struct LineClient {}

impl LineClient {
    /// Connects to `addr`.
    pub async fn connect(addr: SocketAddr) -> io::Result<LineClient> {
        todo!()
    }

    /// Sends `line` (which holds no newline) followed by `"\n"`.
    pub async fn send(&mut self, line: &str) -> io::Result<()> {
        todo!()
    }

    /// The next line the server sent, without its `"\n"`, however the bytes
    /// were cut into packets; `Ok(None)` once the server has closed the
    /// connection.
    pub async fn recv(&mut self) -> io::Result<Option<String>> {
        todo!()
    }

    /// Sends `line` and returns the server's reply. If the server closes
    /// the connection instead of replying, that is an error of kind
    /// `io::ErrorKind::UnexpectedEof`.
    ///
    /// ```no_run
    /// # use ch05_network_io::line_client::LineClient;
    /// # async fn demo(addr: std::net::SocketAddr) -> std::io::Result<()> {
    /// let mut client = LineClient::connect(addr).await?;
    /// assert_eq!(client.request("hello").await?, "echo: hello");
    /// # Ok(()) }
    /// ```
    pub async fn request(&mut self, line: &str) -> io::Result<String> {
        todo!()
    }
}

/// Connects to `addr`, sends each line in turn (waiting for its reply
/// before sending the next), and returns the replies in order.
///
/// ```no_run
/// # use ch05_network_io::line_client::send_lines;
/// # async fn demo(addr: std::net::SocketAddr) -> std::io::Result<()> {
/// let replies = send_lines(addr, &["hi", "quit"]).await?;
/// assert_eq!(replies, ["echo: hi", "bye"]);
/// # Ok(()) }
/// ```
pub async fn send_lines(addr: SocketAddr, lines: &[&str]) -> io::Result<Vec<String>> {
    todo!()
}
