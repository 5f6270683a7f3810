//! Exercise `chat` with a room task: it owns one bounded queue per client
//! and hands every message to every other queue. A full queue means a
//! client fell more than CAPACITY behind: the room lets it go.

use std::collections::HashMap;
use std::io;
use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinSet;

use crate::line_server::ServerHandle;

pub const CAPACITY: usize = 16;

/// What the client tasks tell the room.
enum Event {
    Joined {
        id: u64,
        name: String,
        inbox: mpsc::Sender<Arc<str>>,
        /// Answered once the client is in the room.
        ready: oneshot::Sender<()>,
    },
    Said(u64, Arc<str>),
    Left(u64),
}

pub async fn start() -> io::Result<ServerHandle> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (events, room) = mpsc::unbounded_channel();
    let (stop, mut stopped) = oneshot::channel();
    let task = tokio::spawn(async move {
        let mut tasks = JoinSet::new();
        tasks.spawn(run_room(room));
        let mut next_id = 0;
        loop {
            tokio::select! {
                _ = &mut stopped => break,
                accepted = listener.accept() => {
                    if let Ok((socket, _)) = accepted {
                        next_id += 1;
                        let events = events.clone();
                        tasks.spawn(async move {
                            let _ = serve_client(next_id, socket, events).await;
                        });
                    }
                }
            }
        }
        drop(listener);
        tasks.shutdown().await;
    });
    Ok(ServerHandle::new(addr, stop, task))
}

/// The room: who is in it, and a queue to each of them.
async fn run_room(mut events: mpsc::UnboundedReceiver<Event>) {
    let mut members: HashMap<u64, (String, mpsc::Sender<Arc<str>>)> = HashMap::new();
    while let Some(event) = events.recv().await {
        let (from, text) = match event {
            Event::Joined {
                id,
                name,
                inbox,
                ready,
            } => {
                let text: Arc<str> = format!("* {name} joined").into();
                members.insert(id, (name, inbox));
                let _ = ready.send(());
                (id, text)
            }
            Event::Said(id, text) => (id, text),
            Event::Left(id) => match members.remove(&id) {
                Some((name, _)) => (id, format!("* {name} left").into()),
                None => continue,
            },
        };
        // A queue that is full, or gone, loses its place in the room:
        // dropping its sender tells that client's task to say goodbye.
        members.retain(|id, (_, inbox)| *id == from || inbox.try_send(Arc::clone(&text)).is_ok());
    }
}

async fn serve_client(
    id: u64,
    socket: TcpStream,
    room: mpsc::UnboundedSender<Event>,
) -> io::Result<()> {
    let (reader, mut writer) = socket.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(name) = lines.next_line().await? else {
        return Ok(());
    };
    let (inbox, mut messages) = mpsc::channel(CAPACITY);
    let (ready, in_room) = oneshot::channel();
    let joined = Event::Joined {
        id,
        name: name.clone(),
        inbox,
        ready,
    };
    if room.send(joined).is_err() || in_room.await.is_err() {
        return Ok(());
    }
    writer
        .write_all(format!("welcome {name}\n").as_bytes())
        .await?;
    let result = loop {
        tokio::select! {
            line = lines.next_line() => match line {
                Ok(Some(line)) => {
                    let _ = room.send(Event::Said(id, format!("{name}: {line}").into()));
                }
                Ok(None) => break Ok(()),
                Err(err) => break Err(err),
            },
            message = messages.recv() => match message {
                Some(text) => {
                    if let Err(err) = writer.write_all(format!("{text}\n").as_bytes()).await {
                        break Err(err);
                    }
                }
                // The room let this client go: it fell behind.
                None => {
                    let _ = writer.write_all(b"* too slow, disconnected\n").await;
                    break Ok(());
                }
            },
        }
    };
    let _ = room.send(Event::Left(id));
    result
}
