//! Exercise `chat`: a broadcast chat server over TCP.

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
    // Subscribe before anyone can learn that this client exists: from the
    // welcome on, nothing sent to the room can miss it.
    let mut inbox = bus.subscribe();
    let _ = bus.send((id, format!("* {name} joined").into()));
    writer
        .write_all(format!("welcome {name}\n").as_bytes())
        .await?;

    // One thing at a time: the next line, then whatever the room said.
    let result = loop {
        match lines.next_line().await {
            Ok(Some(line)) => {
                let _ = bus.send((id, format!("{name}: {line}").into()));
            }
            Ok(None) => break Ok(()),
            Err(err) => break Err(err),
        }
        let mut lagged = false;
        loop {
            match inbox.try_recv() {
                Ok((from, _)) if from == id => {}
                Ok((_, text)) => writer.write_all(format!("{text}\n").as_bytes()).await?,
                Err(broadcast::error::TryRecvError::Lagged(_)) => {
                    lagged = true;
                    break;
                }
                Err(_) => break,
            }
        }
        if lagged {
            let _ = writer.write_all(b"* too slow, disconnected\n").await;
            break Ok(());
        }
    };
    let _ = bus.send((id, format!("* {name} left").into()));
    result
}
