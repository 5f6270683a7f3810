use std::net::SocketAddr;
use std::time::{SystemTime, UNIX_EPOCH};

use ch05_network_io::line_server::start;
use pretty_assertions::assert_eq;
use support::millis;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

use crate::fixture::{PATIENCE, started, within};

// These tests run on real time, not paused time: with real sockets the
// kernel may hold a small write back for some milliseconds (Nagle's
// algorithm), and a paused clock would jump over that wait to the next
// timeout. Every wait is bounded by `PATIENCE` (one second), and the few
// pauses are 20 ms.

/// The test's own client: raw writes, replies read line by line.
struct Raw {
    replies: Lines<BufReader<OwnedReadHalf>>,
    writer: OwnedWriteHalf,
}

impl Raw {
    async fn connect(addr: SocketAddr) -> Raw {
        let stream = TcpStream::connect(addr).await.unwrap_or_else(|err| {
            panic!(
                "cannot connect to the server at {addr}: {err}. Does the accept loop keep \
                 the listener alive until the server is shut down?"
            )
        });
        stream.set_nodelay(true).unwrap();
        let (reader, writer) = stream.into_split();
        Raw {
            replies: BufReader::new(reader).lines(),
            writer,
        }
    }

    /// Writes `bytes` in one write, exactly as given.
    async fn write(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    /// The next reply line; a server that never sends one fails the test.
    async fn reply(&mut self, waiting_for: &str) -> String {
        match tokio::time::timeout(PATIENCE, self.replies.next_line()).await {
            Ok(Ok(Some(line))) => line,
            Ok(Ok(None)) => {
                panic!("the server closed the connection instead of answering {waiting_for}")
            }
            Ok(Err(err)) => panic!("reading the reply to {waiting_for} failed: {err}"),
            Err(_) => panic!(
                "no reply line to {waiting_for} in time: does every reply end with \"\\n\"? \
                 Does the server frame requests by lines (not one `read` per message)?"
            ),
        }
    }
}

#[support::test]
async fn echoes_each_line() {
    let server = started(start()).await;
    let mut client = Raw::connect(server.addr()).await;
    client.write("hello\n").await;
    assert_eq!(
        client.reply("\"hello\"").await,
        "echo: hello",
        "any line other than `time` and `quit` is answered `echo: <line>`"
    );
    client.write("two words\n").await;
    assert_eq!(
        client.reply("\"two words\"").await,
        "echo: two words",
        "the whole line is echoed, spaces included"
    );
    within("shutdown()", server.shutdown()).await;
}

#[support::test]
async fn frames_a_line_split_over_several_writes() {
    let server = started(start()).await;
    let mut client = Raw::connect(server.addr()).await;
    // Each pause lets the server read what has arrived so far: a server that
    // treats one `read` as one message answers "hel" on its own.
    for piece in ["hel", "lo\nwor", "ld", "\n"] {
        client.write(piece).await;
        tokio::time::sleep(millis(20)).await;
    }
    let replies = [
        client.reply("\"hello\"").await,
        client.reply("\"world\"").await,
    ];
    assert_eq!(
        replies,
        ["echo: hello", "echo: world"],
        "TCP is a byte stream: a line may arrive in pieces. Buffer until \"\\n\" \
         (`BufReader::lines`) instead of answering each `read`"
    );
    within("shutdown()", server.shutdown()).await;
}

#[support::test]
async fn answers_lines_packed_into_one_write() {
    let server = started(start()).await;
    let mut client = Raw::connect(server.addr()).await;
    client.write("a\nb\r\nc\n").await;
    let replies = [
        client.reply("\"a\"").await,
        client.reply("\"b\"").await,
        client.reply("\"c\"").await,
    ];
    assert_eq!(
        replies,
        ["echo: a", "echo: b", "echo: c"],
        "three lines in one write are three requests (and a trailing \"\\r\" is not part of the line)"
    );
    within("shutdown()", server.shutdown()).await;
}

#[support::test]
async fn tells_the_time() {
    let server = started(start()).await;
    let mut client = Raw::connect(server.addr()).await;
    client.write("time\n").await;
    let reply = client.reply("\"time\"").await;
    let seconds: u64 = reply
        .strip_prefix("time ")
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("expected \"time <seconds since 1970>\", got {reply:?}"));
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(
        seconds.abs_diff(now) <= 5,
        "`time` answered {seconds}, but the Unix time is {now}: use `SystemTime::now()`"
    );
    within("shutdown()", server.shutdown()).await;
}

#[support::test]
async fn says_bye_with_a_newline_and_closes() {
    let server = started(start()).await;
    let mut client = Raw::connect(server.addr()).await;
    client.write("quit\n").await;
    let mut rest = Vec::new();
    let read =
        tokio::time::timeout(PATIENCE, client.replies.get_mut().read_to_end(&mut rest)).await;
    assert!(
        read.is_ok(),
        "after `quit` the server must close the connection; it is still open after a second"
    );
    assert_eq!(
        String::from_utf8_lossy(&rest),
        "bye\n",
        "the answer to `quit` is \"bye\" and, like every reply, ends with a newline \
         (a client reading lines waits forever for a last line without one)"
    );
    within("shutdown()", server.shutdown()).await;
}

#[support::test]
async fn idle_client_does_not_delay_others() {
    let server = started(start()).await;
    // The first client connects and sends half a line, then goes quiet.
    let mut idle = Raw::connect(server.addr()).await;
    idle.write("I am still typ").await;
    let mut clients = Vec::new();
    for i in 0..3 {
        clients.push(Raw::connect(server.addr()).await);
        clients[i].write(&format!("client {i}\n")).await;
    }
    for (i, client) in clients.iter_mut().enumerate() {
        let reply = tokio::time::timeout(PATIENCE, client.replies.next_line()).await;
        assert!(
            matches!(&reply, Ok(Ok(Some(line))) if *line == format!("echo: client {i}")),
            "client {i} got {reply:?} while another client sat idle: serve every connection \
             in a task of its own (`tokio::spawn`), so one slow client cannot hold up the accept loop"
        );
    }
    // The idle client's line is still answered once it is complete.
    idle.write("ing\n").await;
    assert_eq!(
        idle.reply("the idle client's line").await,
        "echo: I am still typing",
        "the idle client's two pieces make one line, answered once its \"\\n\" arrives"
    );
    within("shutdown()", server.shutdown()).await;
}

#[support::test]
async fn shutdown_closes_connections_and_stops_listening() {
    let server = started(start()).await;
    let addr = server.addr();
    let mut client = Raw::connect(addr).await;
    client.write("ping\n").await;
    assert_eq!(
        client.reply("\"ping\"").await,
        "echo: ping",
        "the server answers before it is shut down"
    );

    let stopped = tokio::time::timeout(PATIENCE, server.shutdown()).await;
    assert!(
        stopped.is_ok(),
        "shutdown() did not return in time: the accept loop must stop when the stop \
         signal fires (`tokio::select!` on it), and open connections must end too"
    );
    let mut rest = Vec::new();
    let closed =
        tokio::time::timeout(PATIENCE, client.replies.get_mut().read_to_end(&mut rest)).await;
    assert!(
        matches!(closed, Ok(Ok(0)) | Ok(Err(_))),
        "after shutdown an open connection must be closed, got {closed:?}: keep the \
         connection tasks in a `JoinSet` and shut it down"
    );
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "after shutdown the server still accepts connections: drop the listener"
    );
}
