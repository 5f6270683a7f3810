use std::net::SocketAddr;

use ch05_network_io::chat::{CAPACITY, start};
use pretty_assertions::assert_eq;
use support::millis;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::mpsc;

use crate::fixture::{PATIENCE, started, within};

// These tests run on real time, not paused time: with real sockets the
// kernel may hold a small write back for some milliseconds (Nagle's
// algorithm), and a paused clock would jump over that wait to the next
// timeout. Every wait is bounded by `PATIENCE` (one second; a welcome of
// several MiB gets `LONG_PATIENCE`), and checking that nothing arrives
// takes 100 ms.

/// A chat client driven by the test.
struct Member {
    name: String,
    lines: Lines<BufReader<OwnedReadHalf>>,
    writer: OwnedWriteHalf,
}

impl Member {
    /// Connects, sends the name, and waits for the welcome.
    async fn join(addr: SocketAddr, name: &str) -> Member {
        let socket = TcpStream::connect(addr).await.unwrap_or_else(|err| {
            panic!(
                "{name} cannot connect to the chat server at {addr}: {err}. Does the accept \
                 loop keep the listener alive until the server is shut down?"
            )
        });
        Member::join_on(socket, name).await
    }

    async fn join_on(socket: TcpStream, name: &str) -> Member {
        socket.set_nodelay(true).unwrap();
        let (reader, writer) = socket.into_split();
        let mut member = Member {
            name: name.to_string(),
            lines: BufReader::new(reader).lines(),
            writer,
        };
        member.say(name).await;
        let welcome = member.next().await;
        assert_eq!(
            welcome,
            format!("welcome {name}"),
            "a client sends its name first, and the server's first line to it is `welcome <name>`"
        );
        member
    }

    async fn say(&mut self, text: &str) {
        self.writer
            .write_all(format!("{text}\n").as_bytes())
            .await
            .unwrap();
    }

    /// The next line this client receives, or a failure.
    async fn next(&mut self) -> String {
        self.next_or(
            "is every client's socket written by a task of its own, subscribed to the room \
             before it is welcomed?",
        )
        .await
    }

    /// The next line this client receives, or a failure that says `hint`
    /// if none comes.
    async fn next_or(&mut self, hint: &str) -> String {
        match tokio::time::timeout(PATIENCE, self.lines.next_line()).await {
            Ok(Ok(Some(line))) => line,
            Ok(Ok(None)) => panic!(
                "{} expected a line, but the server closed the connection",
                self.name
            ),
            Ok(Err(err)) => panic!("{} expected a line, reading failed: {err}", self.name),
            Err(_) => panic!(
                "{} waited a second for a line that never came: {hint}",
                self.name
            ),
        }
    }

    /// Nothing arrives for `self` within 100 ms.
    async fn hears_nothing(&mut self, why: &str) {
        let line = tokio::time::timeout(millis(100), self.lines.next_line()).await;
        assert!(line.is_err(), "{} received {line:?}: {why}", self.name);
    }
}

#[support::test]
async fn a_message_reaches_every_other_client() {
    let server = started(start()).await;
    let mut alice = Member::join(server.addr(), "alice").await;
    let mut bob = Member::join(server.addr(), "bob").await;
    assert_eq!(
        alice.next().await,
        "* bob joined",
        "others are told who joined"
    );
    let mut carol = Member::join(server.addr(), "carol").await;
    assert_eq!(
        alice.next().await,
        "* carol joined",
        "every client already in the room is told who joined"
    );
    assert_eq!(
        bob.next().await,
        "* carol joined",
        "every client already in the room is told who joined"
    );

    alice.say("hello, room").await;
    assert_eq!(
        bob.next().await,
        "alice: hello, room",
        "messages are `<sender>: <text>`"
    );
    assert_eq!(
        carol.next().await,
        "alice: hello, room",
        "a message goes to every other client, not only to one"
    );
    alice
        .hears_nothing("a sender does not get its own message back")
        .await;
    within("shutdown()", server.shutdown()).await;
}

#[support::test]
async fn a_silent_client_still_receives() {
    let server = started(start()).await;
    let mut listener = Member::join(server.addr(), "listener").await;
    let mut talker = Member::join(server.addr(), "talker").await;
    // The listener never writes again: the server must push to it anyway.
    let only_listens = "a client that only listens must still get every message: wait for its \
                        socket and for the room at the same time (`tokio::select!`), not for \
                        its next line first";
    assert_eq!(
        listener.next_or(only_listens).await,
        "* talker joined",
        "others are told who joined"
    );
    for i in 0..3 {
        talker.say(&format!("news {i}")).await;
    }
    for i in 0..3 {
        assert_eq!(
            listener.next_or(only_listens).await,
            format!("talker: news {i}"),
            "{only_listens}"
        );
    }
    talker.hears_nothing("nobody else spoke").await;
    within("shutdown()", server.shutdown()).await;
}

// Several worker threads and twenty newcomers: the everyday case of the join
// race. A server that welcomes a client before it subscribes it usually wins
// this race; `a_client_is_in_the_room_while_its_welcome_is_on_the_way` is
// the test that always catches it.
#[support::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_hears_everything_said_after_its_welcome() {
    let server = started(start()).await;
    let mut alice = Member::join(server.addr(), "alice").await;
    for round in 0..20 {
        let name = format!("newcomer{round}");
        let mut newcomer = Member::join(server.addr(), &name).await;
        // Alice speaks the moment the newcomer has its welcome, and before
        // she has even seen it join.
        alice.say(&format!("hi {name}")).await;
        assert_eq!(
            newcomer.next().await,
            format!("alice: hi {name}"),
            "a client that has its welcome is in the room: register (subscribe) it before \
             sending the welcome, or early messages are lost"
        );
        assert_eq!(
            alice.next().await,
            format!("* {name} joined"),
            "alice is told that {name} joined (her own message is not sent back to her)"
        );
        // Each newcomer leaves after its round, so that none of them
        // collects the traffic of the rounds after it.
        drop(newcomer);
        assert_eq!(
            alice
                .next_or("when a client disconnects the others are told `* <name> left`")
                .await,
            format!("* {name} left"),
            "when a client disconnects the others are told `* <name> left`"
        );
    }
    within("shutdown()", server.shutdown()).await;
}

/// Reads `lines` in a task of its own, so that the server never waits for
/// this client, and hands them over one by one.
fn hear_in_background(
    mut lines: Lines<BufReader<OwnedReadHalf>>,
) -> mpsc::UnboundedReceiver<String> {
    let (heard, hearing) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok(Some(line)) = lines.next_line().await {
            if heard.send(line).is_err() {
                break;
            }
        }
    });
    hearing
}

/// A name so long that its welcome cannot fit into the sockets' buffers
/// (with the systems' default limits, 4 MiB at most): the server is still
/// writing the welcome while the client reads its first bytes.
const LONG_NAME: usize = 8 << 20;

/// How long the long welcome, and the news of it, may take to cross: a
/// few MiB through a small receive buffer, on a machine that may be busy.
const LONG_PATIENCE: std::time::Duration = std::time::Duration::from_secs(5);

#[support::test]
async fn a_client_is_in_the_room_while_its_welcome_is_on_the_way() {
    let server = started(start()).await;
    let mut alice = Member::join(server.addr(), "alice").await;
    let witness = Member::join(server.addr(), "witness").await;
    assert_eq!(
        alice.next().await,
        "* witness joined",
        "others are told who joined"
    );
    let _alice_hears = hear_in_background(alice.lines);
    let mut witness_hears = hear_in_background(witness.lines);

    // The newcomer reads only the start of its welcome, and nothing more
    // until alice's message is in the room.
    let name = format!("newcomer-{}", "x".repeat(LONG_NAME));
    let socket = TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let stream = within("connect()", socket.connect(server.addr()))
        .await
        .expect("the newcomer cannot connect");
    let (reader, mut writer) = stream.into_split();
    writer
        .write_all(format!("{name}\n").as_bytes())
        .await
        .unwrap();
    let mut reader = BufReader::new(reader);
    let mut start_of_welcome = [0; 8];
    within(
        "the start of the welcome",
        reader.read_exact(&mut start_of_welcome),
    )
    .await
    .expect("the newcomer's connection failed before its welcome");
    assert_eq!(
        &start_of_welcome, b"welcome ",
        "a client sends its name first, and the server's first line to it is `welcome <name>`"
    );

    alice.writer.write_all(b"hi newcomer\n").await.unwrap();
    // The witness hearing it proves the message is in the room.
    loop {
        match tokio::time::timeout(LONG_PATIENCE, witness_hears.recv()).await {
            Ok(Some(line)) if line == "alice: hi newcomer" => break,
            Ok(Some(line)) if line.starts_with("* newcomer-") => {}
            other => panic!(
                "the witness expected alice's message, and got {:?}",
                other.map(|line| line.map(|l| l.chars().take(40).collect::<String>()))
            ),
        }
    }

    // Only now does the newcomer read the rest of its welcome, then the room.
    let mut rest = String::new();
    tokio::time::timeout(LONG_PATIENCE, reader.read_line(&mut rest))
        .await
        .unwrap_or_else(|_| panic!("the rest of the welcome did not come within {LONG_PATIENCE:?}"))
        .expect("the newcomer's connection failed during its welcome");
    assert!(
        rest == format!("{name}\n"),
        "the welcome is `welcome <name>`, with the whole name"
    );
    let heard = tokio::time::timeout(PATIENCE, reader.lines().next_line()).await;
    assert!(
        matches!(&heard, Ok(Ok(Some(line))) if line == "alice: hi newcomer"),
        "alice spoke while the newcomer's welcome was on its way, and the newcomer got \
         {heard:?} instead of her message: the join race. A client whose welcome has begun \
         is in the room: subscribe it before writing the welcome, not after"
    );
    drop(writer);
    within("shutdown()", server.shutdown()).await;
}

#[support::test]
async fn keeps_each_senders_order() {
    let server = started(start()).await;
    let mut alice = Member::join(server.addr(), "alice").await;
    let mut bob = Member::join(server.addr(), "bob").await;
    assert_eq!(
        alice.next().await,
        "* bob joined",
        "others are told who joined"
    );
    // Ten lines in one write: the server must split them, in order.
    let burst: String = (0..10).map(|i| format!("a{i}\n")).collect();
    alice.writer.write_all(burst.as_bytes()).await.unwrap();
    for i in 0..5 {
        bob.say(&format!("b{i}")).await;
    }
    let mut from_alice = Vec::new();
    for _ in 0..10 {
        from_alice.push(bob.next().await);
    }
    let expected: Vec<String> = (0..10).map(|i| format!("alice: a{i}")).collect();
    assert_eq!(
        from_alice, expected,
        "every line of alice's, in the order she sent them"
    );
    let mut from_bob = Vec::new();
    for _ in 0..5 {
        from_bob.push(alice.next().await);
    }
    let expected: Vec<String> = (0..5).map(|i| format!("bob: b{i}")).collect();
    assert_eq!(
        from_bob, expected,
        "every line of bob's, in the order he sent them"
    );
    within("shutdown()", server.shutdown()).await;
}

#[support::test]
async fn a_client_that_leaves_is_removed() {
    let server = started(start()).await;
    let mut alice = Member::join(server.addr(), "alice").await;
    let bob = Member::join(server.addr(), "bob").await;
    assert_eq!(
        alice.next().await,
        "* bob joined",
        "others are told who joined"
    );
    drop(bob);
    assert_eq!(
        alice
            .next_or("when a client disconnects the others are told `* <name> left`")
            .await,
        "* bob left",
        "when a client disconnects the others are told `* <name> left`"
    );
    let mut carol = Member::join(server.addr(), "carol").await;
    assert_eq!(
        alice.next().await,
        "* carol joined",
        "others are told who joined, also after someone left"
    );
    alice.say("still here").await;
    assert_eq!(
        carol.next().await,
        "alice: still here",
        "the room keeps working after a client left: a write to a closed client must not end \
         anyone else's task"
    );
    within("shutdown()", server.shutdown()).await;
}

#[support::test]
async fn a_slow_client_does_not_stall_the_others() {
    let server = started(start()).await;
    // The slow client has a tiny receive buffer and stops reading after its
    // welcome, so the server's writes to it soon cannot go on.
    let socket = TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut slow = Member::join_on(socket.connect(server.addr()).await.unwrap(), "slow").await;
    let mut alice = Member::join(server.addr(), "alice").await;
    let mut bob = Member::join(server.addr(), "bob").await;
    assert_eq!(
        alice.next().await,
        "* bob joined",
        "others are told who joined"
    );

    // Far more than the socket buffers and the room's CAPACITY together: the
    // slow client falls behind for good.
    let chunk = "x".repeat(64 * 1024);
    let count = 128 + CAPACITY;
    for i in 0..count {
        alice.say(&format!("{i} {chunk}")).await;
        let heard = bob.next().await;
        assert!(
            heard.starts_with(&format!("alice: {i} ")),
            "bob expected alice's message {i}: a client that stopped reading must not hold up \
             the others (give each client its own writer and a bounded queue, never await one \
             client's socket in the loop that serves everyone)"
        );
    }

    // Now the slow client reads what reached it: a prefix of alice's
    // messages, in order, then a notice, then the end of the connection.
    let mut got = Vec::new();
    loop {
        match tokio::time::timeout(PATIENCE, slow.lines.next_line()).await {
            Ok(Ok(Some(line))) => got.push(line),
            Ok(_) => break,
            Err(_) => panic!(
                "the slow client read {} lines, then nothing came for a second and the connection \
                 stayed open: a client that falls more than CAPACITY messages behind must be \
                 told `* too slow, disconnected` and disconnected",
                got.len()
            ),
        }
    }
    assert_eq!(
        got.first().map(String::as_str),
        Some("* alice joined"),
        "the slow client first hears alice join"
    );
    assert_eq!(
        got.last().map(String::as_str),
        Some("* too slow, disconnected"),
        "the last line a lagging client gets says why it is dropped"
    );
    assert_eq!(
        got.get(1).map(String::as_str),
        Some("* bob joined"),
        "then it hears bob join: a client is disconnected only once it has really fallen \
         more than CAPACITY messages behind"
    );
    let messages = &got[2..got.len() - 1];
    assert!(
        messages.len() < count,
        "the slow client got all {count} messages: it was never dropped"
    );
    for (i, line) in messages.iter().enumerate() {
        assert!(
            line.starts_with(&format!("alice: {i} ")),
            "a dropped client gets a prefix of the messages in order, no gaps: line {i} is {:?}",
            &line[..line.len().min(30)]
        );
    }
    within("shutdown()", server.shutdown()).await;
}
