//! Exercise `chat`, wrongly: every client's socket sits in one shared map,
//! and the task of whoever speaks writes the message to all of them.

use std::collections::HashMap;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::OwnedWriteHalf;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Mutex, oneshot};
use tokio::task::JoinSet;

use crate::line_server::ServerHandle;

pub const CAPACITY: usize = 16;

type Room = Arc<Mutex<HashMap<u64, OwnedWriteHalf>>>;

pub async fn start() -> io::Result<ServerHandle> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let room: Room = Arc::default();
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
                        clients.spawn(serve_client(id, socket, Arc::clone(&room)));
                    }
                }
                Some(_) = clients.join_next() => {}
            }
        }
        drop(listener);
        clients.shutdown().await;
        room.lock().await.clear();
    });
    Ok(ServerHandle::new(addr, stop, task))
}

/// Writes `text` to everyone but `from`, one socket after another.
async fn broadcast(room: &Room, from: u64, text: &str) {
    let mut writers = room.lock().await;
    for (id, writer) in writers.iter_mut() {
        if *id != from {
            let _ = writer.write_all(format!("{text}\n").as_bytes()).await;
        }
    }
}

async fn serve_client(id: u64, socket: TcpStream, room: Room) -> io::Result<()> {
    let (reader, mut writer) = socket.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else {
        return Ok(());
    };
    broadcast(&room, id, &format!("* {name} joined")).await;
    writer
        .write_all(format!("welcome {name}\n").as_bytes())
        .await?;
    room.lock().await.insert(id, writer);
    while let Ok(Some(line)) = lines.next_line().await {
        broadcast(&room, id, &format!("{name}: {line}")).await;
    }
    room.lock().await.remove(&id);
    broadcast(&room, id, &format!("* {name} left")).await;
    Ok(())
}
