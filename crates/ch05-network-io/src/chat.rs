//! Exercise `chat`: a broadcast chat server over TCP.

use std::io;

use crate::line_server::ServerHandle;

/// How many messages a client may fall behind before it is disconnected.
pub const CAPACITY: usize = 16;

/// Starts a chat server on `127.0.0.1:0` and returns at once with its
/// [`ServerHandle`] (from `line_server`: the stop signal closes every
/// connection and ends the server task).
///
/// The protocol, every line ending in `"\n"`:
///
/// - a client's first line is its name `N`; the server answers it
///   `welcome N` and tells every other client `* N joined`;
/// - every later line `L` from `N` goes to every *other* client as `N: L`,
///   in the order `N` sent them;
/// - when `N` disconnects, every other client gets `* N left`.
///
/// A client is in the room from the moment its welcome starts to go out:
/// every message sent after the first byte of `welcome N` reached it also
/// reaches it. A client that never writes still receives.
///
/// A slow client must not stall the others, so nobody waits for it: the
/// room is a bounded queue (`tokio::sync::broadcast` with [`CAPACITY`])
/// and each client's socket is written by that client's own task. A client
/// that falls more than `CAPACITY` messages behind gets the line
/// `* too slow, disconnected` and is disconnected: it has missed messages,
/// and a room with holes in it would be worse than no room.
///
/// ```no_run
/// # use ch05_network_io::chat::start;
/// # async fn demo() -> std::io::Result<()> {
/// let server = start().await?;
/// // connect two clients to server.addr(), send "alice\n" and "bob\n",
/// // then "hi\n" from alice: bob reads "alice: hi\n"
/// server.shutdown().await;
/// # Ok(()) }
/// ```
pub async fn start() -> io::Result<ServerHandle> {
    todo!()
}
