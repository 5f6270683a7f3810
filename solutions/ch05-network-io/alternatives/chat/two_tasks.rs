//! Exercise `chat` with two tasks per client: one reads its lines into the
//! room, the other writes the room to its socket.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{broadcast, oneshot};
use tokio::task::JoinSet;

use crate::line_server::ServerHandle;

/// How many messages a client may fall behind before it is disconnected.
pub const CAPACITY: usize = 16;

/// One message on the bus: who sent it, and the line everyone else gets.
type Message = (u64, Arc<str>);

pub async fn start() -> io::Result<ServerHandle> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    // One bounded bus for everyone: `send` never waits, and a receiver that
    // falls more than CAPACITY behind learns it with `Lagged`.
    let (bus, _) = broadcast::channel::<Message>(CAPACITY);
    let (stop, mut stopped) = oneshot::channel();
    let task = tokio::spawn(async move {
        let ids = AtomicU64::new(0);
        let mut clients = JoinSet::new();
        loop {
            tokio::select! {
                _ = &mut stopped => break,
                accepted = listener.accept() => {
                    if let Ok((socket, _)) = accepted {
                        let id = ids.fetch_add(1, Ordering::Relaxed);
                        clients.spawn(serve_client(id, socket, bus.clone()));
                    }
                }
                Some(_) = clients.join_next() => {}
            }
        }
        drop(listener);
        clients.shutdown().await;
    });
    Ok(ServerHandle::new(addr, stop, task))
}

async fn serve_client(
    id: u64,
    socket: TcpStream,
    bus: broadcast::Sender<Message>,
) -> io::Result<()> {
    let (reader, mut writer) = socket.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else {
        return Ok(());
    };
    let mut inbox = bus.subscribe();
    let _ = bus.send((id, format!("* {name} joined").into()));
    writer
        .write_all(format!("welcome {name}\n").as_bytes())
        .await?;
    // The writer: the room to this client's socket, until it lags or the
    // reader below is done.
    let writing = tokio::spawn(async move {
        loop {
            match inbox.recv().await {
                Ok((from, _)) if from == id => {}
                Ok((_, text)) => {
                    if writer
                        .write_all(format!("{text}\n").as_bytes())
                        .await
                        .is_err()
                    {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    let _ = writer.write_all(b"* too slow, disconnected\n").await;
                    // Dropping both halves closes the connection.
                    return;
                }
                Err(broadcast::error::RecvError::Closed) => return,
            }
        }
    });
    let abort_writer = writing.abort_handle();
    // The reader: this client's lines into the room, until it leaves or
    // the writer has let it go.
    tokio::pin!(writing);
    let result = loop {
        tokio::select! {
            line = lines.next_line() => match line {
                Ok(Some(line)) => {
                    let _ = bus.send((id, format!("{name}: {line}").into()));
                }
                Ok(None) => break Ok(()),
                Err(err) => break Err(err),
            },
            _ = &mut writing => break Ok(()),
        }
    };
    abort_writer.abort();
    let _ = bus.send((id, format!("* {name} left").into()));
    result
}
