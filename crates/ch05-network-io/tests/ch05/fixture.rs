//! A scripted one-connection server for the client exercises: it accepts a
//! single connection and plays its steps in order, so a test decides
//! exactly how the bytes are cut into writes and when they arrive.
//!
//! Also the helpers every test of the chapter shares: bounded real-time
//! waits ([`within`]), starting a server under test ([`started`]) and an
//! address where nothing listens ([`refused_addr`]). No tests here.

use std::net::SocketAddr;
use std::time::Duration;

use ch05_network_io::line_server::ServerHandle;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// One thing the server does.
#[derive(Clone, Debug)]
pub enum Step {
    /// Read one line from the client and record it (without its `\n`).
    ReadLine,
    /// Read an HTTP request head, up to and including the blank line, and
    /// record it whole.
    ReadHead,
    /// Write these bytes in one write.
    Write(Vec<u8>),
    /// Wait this long (virtual time) before the next step.
    Sleep(Duration),
}

pub fn write(bytes: impl AsRef<[u8]>) -> Step {
    Step::Write(bytes.as_ref().to_vec())
}

/// A scripted server; its task is aborted when this is dropped, so no test
/// leaves a server behind.
pub struct Fixture {
    pub addr: SocketAddr,
    task: Option<JoinHandle<Vec<String>>>,
}

impl Fixture {
    /// Accepts one connection, plays `steps`, then closes the connection.
    pub async fn start(steps: Vec<Step>) -> Fixture {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            let (socket, _) = listener.accept().await.unwrap();
            // Every write leaves at once, as the script says.
            socket.set_nodelay(true).unwrap();
            let (reader, mut writer) = socket.into_split();
            let mut reader = BufReader::new(reader);
            let mut received = Vec::new();
            for step in steps {
                match step {
                    Step::ReadLine => {
                        let mut line = String::new();
                        reader.read_line(&mut line).await.unwrap();
                        received.push(line.trim_end_matches('\n').to_string());
                    }
                    Step::ReadHead => {
                        let mut head = String::new();
                        loop {
                            let mut line = String::new();
                            if reader.read_line(&mut line).await.unwrap() == 0 {
                                break;
                            }
                            head.push_str(&line);
                            if line == "\r\n" || line == "\n" {
                                break;
                            }
                        }
                        received.push(head);
                    }
                    Step::Write(bytes) => {
                        writer.write_all(&bytes).await.unwrap();
                        writer.flush().await.unwrap();
                    }
                    Step::Sleep(duration) => tokio::time::sleep(duration).await,
                }
            }
            received
        });
        Fixture {
            addr,
            task: Some(task),
        }
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Waits until the script has been played, and returns what the server
    /// read, one entry per `ReadLine` or `ReadHead`.
    pub async fn received(mut self) -> Vec<String> {
        self.task.take().unwrap().await.unwrap()
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if let Some(task) = &self.task {
            task.abort();
        }
    }
}

/// An address where nothing listens: connecting to it is refused.
pub fn refused_addr() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap()
}

/// How long the real-time tests wait on the network before they call it a
/// hang: far more than loopback ever needs, and still a short test.
pub const PATIENCE: Duration = Duration::from_secs(1);

/// Awaits `fut` for at most [`PATIENCE`] of real time; after that the test
/// fails, saying what it was waiting for.
pub async fn within<F: std::future::Future>(what: &str, fut: F) -> F::Output {
    match tokio::time::timeout(PATIENCE, fut).await {
        Ok(output) => output,
        Err(_) => panic!("{what} did not happen within {PATIENCE:?}"),
    }
}

/// Awaits a server's `start()` (within [`PATIENCE`]) and returns its handle;
/// an error from `start()` fails the test, saying so.
pub async fn started(
    start: impl std::future::Future<Output = std::io::Result<ServerHandle>>,
) -> ServerHandle {
    within("start()", start)
        .await
        .unwrap_or_else(|err| panic!("start() failed to start a server on 127.0.0.1:0: {err}"))
}
