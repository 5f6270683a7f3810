//! Exercise `line_server`: a line-based TCP server.

use std::io;
use std::net::SocketAddr;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running server: the address it listens on, and the way to stop it.
/// Given: use it, do not change it.
#[derive(Debug)]
pub struct ServerHandle {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl ServerHandle {
    /// Wraps a server task that listens on `addr` and stops (closing every
    /// connection, then returning) once `stop`'s receiver fires, or once
    /// this sender is dropped.
    pub fn new(addr: SocketAddr, stop: oneshot::Sender<()>, task: JoinHandle<()>) -> ServerHandle {
        ServerHandle { addr, stop, task }
    }

    /// Where clients connect.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Asks the server to stop and waits until its task has ended. A panic
    /// inside the server task is passed on to the caller.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        match self.task.await {
            Err(err) if err.is_panic() => std::panic::resume_unwind(err.into_panic()),
            _ => {}
        }
    }
}

/// Starts a line-based server on `127.0.0.1:0` (a free port the system
/// picks) and returns at once with its [`ServerHandle`]; the server runs in
/// a spawned task.
///
/// The protocol: a client sends lines ending in `"\n"` (a `"\r"` before it
/// is dropped), and gets one reply line per request, also ending in `"\n"`:
///
/// - `time` → `time <seconds since 1970-01-01 UTC>`, e.g. `time 1764000000`;
/// - `quit` → `bye`, then the server closes this connection;
/// - any other line `L` → `echo: L`.
///
/// TCP delivers a stream of bytes, not messages: one line may arrive in
/// several reads, and one read may hold several lines. Many clients are
/// served at once, each in a task of its own, so a client that is slow to
/// finish its line never delays another.
///
/// When the handle's stop signal fires, the server stops accepting, closes
/// every open connection, and its task ends.
///
/// ```no_run
/// # use ch05_network_io::line_server::start;
/// # async fn demo() -> std::io::Result<()> {
/// let server = start().await?;
/// let mut socket = tokio::net::TcpStream::connect(server.addr()).await?;
/// // write "hello\n", read back "echo: hello\n"
/// server.shutdown().await;
/// # Ok(()) }
/// ```
pub async fn start() -> io::Result<ServerHandle> {
    todo!()
}
