//! Exercise `line_server` with plain spawned tasks and a watch channel
//! that tells every connection to close.

use std::io;
use std::net::SocketAddr;
use std::time::{SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch};
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

/// Every connection task watches the stop signal itself; the server keeps
/// their handles and waits for them all after the accept loop.
pub async fn start() -> io::Result<ServerHandle> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let (closing, closed) = watch::channel(false);
    let task = tokio::spawn(async move {
        let mut handles: Vec<JoinHandle<()>> = Vec::new();
        tokio::pin!(stopped);
        loop {
            tokio::select! {
                _ = &mut stopped => break,
                accepted = listener.accept() => {
                    if let Ok((socket, _)) = accepted {
                        let mut closed = closed.clone();
                        handles.push(tokio::spawn(async move {
                            tokio::select! {
                                _ = serve_client(socket) => {}
                                _ = closed.wait_for(|closing| *closing) => {}
                            }
                        }));
                        handles.retain(|handle| !handle.is_finished());
                    }
                }
            }
        }
        drop(listener);
        let _ = closing.send(true);
        for handle in handles {
            let _ = handle.await;
        }
    });
    Ok(ServerHandle::new(addr, stop, task))
}

/// The reply to one request line, and whether to close afterwards.
fn reply(line: &str) -> (String, bool) {
    match line {
        "quit" => ("bye".to_string(), true),
        "time" => {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            (format!("time {now}"), false)
        }
        other => (format!("echo: {other}"), false),
    }
}

/// `lines()` frames the byte stream: however the bytes arrived, each
/// `next_line` is one whole line.
async fn serve_client(socket: TcpStream) -> io::Result<()> {
    let (reader, mut writer) = socket.into_split();
    let mut lines = BufReader::new(reader).lines();
    while let Some(line) = lines.next_line().await? {
        let line = line.strip_suffix('\r').unwrap_or(&line);
        let (answer, close) = reply(line);
        // Every reply ends with a newline, the last one too.
        writer.write_all(format!("{answer}\n").as_bytes()).await?;
        if close {
            break;
        }
    }
    writer.shutdown().await
}
