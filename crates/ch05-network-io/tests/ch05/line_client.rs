use std::io::ErrorKind;

use ch05_network_io::line_client::{LineClient, send_lines};
use pretty_assertions::assert_eq;
use support::millis;

use crate::fixture::{Fixture, PATIENCE, Step, within, write};

// These tests run on real time, not paused time: with real sockets the
// kernel may hold a small write back for some milliseconds (Nagle's
// algorithm), and a paused clock would jump over that wait to the next
// timeout. Every wait is bounded by `PATIENCE` (one second).

#[support::test]
async fn sends_each_line_with_a_newline() {
    let server = Fixture::start(vec![Step::ReadLine, Step::ReadLine]).await;
    let mut client = within("connect()", LineClient::connect(server.addr))
        .await
        .expect("LineClient::connect() to the test server failed");
    within("send()", client.send("hello"))
        .await
        .expect("send() failed while the server was reading");
    within("send()", client.send("second line"))
        .await
        .expect("send() failed while the server was reading");
    let received = tokio::time::timeout(PATIENCE, server.received()).await;
    assert_eq!(
        received.ok(),
        Some(vec!["hello".to_string(), "second line".to_string()]),
        "send() writes the line followed by \"\\n\", nothing else (the server saw no complete lines \
         if this is None)"
    );
}

#[support::test]
async fn recv_joins_a_reply_sent_in_pieces() {
    let server = Fixture::start(vec![
        Step::ReadLine,
        write("echo: he"),
        Step::Sleep(millis(10)),
        write("llo"),
        Step::Sleep(millis(10)),
        write("\n"),
    ])
    .await;
    let mut client = within("connect()", LineClient::connect(server.addr))
        .await
        .expect("LineClient::connect() to the test server failed");
    let reply = within("request()", client.request("hello"))
        .await
        .expect("request() failed although the server answered");
    assert_eq!(
        reply, "echo: hello",
        "a reply can arrive in several pieces: read up to the newline (`BufReader::lines`), \
         not one `read`"
    );
}

#[support::test]
async fn keeps_replies_that_arrive_together() {
    let server = Fixture::start(vec![
        Step::ReadLine,
        Step::ReadLine,
        write("first\nsecond\n"),
    ])
    .await;
    let mut client = within("connect()", LineClient::connect(server.addr))
        .await
        .expect("LineClient::connect() to the test server failed");
    within("send()", client.send("a"))
        .await
        .expect("send() failed while the server was reading");
    within("send()", client.send("b"))
        .await
        .expect("send() failed while the server was reading");
    let first = within("recv()", client.recv())
        .await
        .expect("recv() failed: a closed connection is Ok(None), not an error");
    let second = tokio::time::timeout(PATIENCE, client.recv()).await;
    assert_eq!(
        first.as_deref(),
        Some("first"),
        "two replies in one packet are two lines: recv() returns one line, without its newline"
    );
    assert!(
        matches!(&second, Ok(Ok(Some(line))) if line == "second"),
        "the second reply arrived in the same packet as the first and must not be lost, got \
         {second:?}: keep one `BufReader` for the whole connection, in the struct"
    );
}

#[support::test]
async fn recv_returns_none_when_the_server_closes() {
    let server = Fixture::start(vec![Step::ReadLine, write("bye\n")]).await;
    let mut client = within("connect()", LineClient::connect(server.addr))
        .await
        .expect("LineClient::connect() to the test server failed");
    let reply = within("request()", client.request("quit"))
        .await
        .expect("request() failed although the server answered");
    assert_eq!(
        reply, "bye",
        "request() returns the server's reply line, without its newline"
    );
    let end = within("recv()", client.recv())
        .await
        .expect("recv() failed: a closed connection is Ok(None), not an error");
    assert_eq!(
        end, None,
        "once the server has closed the connection, recv() returns Ok(None)"
    );
}

#[support::test]
async fn request_fails_when_the_server_hangs_up() {
    let server = Fixture::start(vec![Step::ReadLine]).await;
    let mut client = within("connect()", LineClient::connect(server.addr))
        .await
        .expect("LineClient::connect() to the test server failed");
    let result = within("request()", client.request("anyone there?")).await;
    match result {
        Err(err) => assert_eq!(
            err.kind(),
            ErrorKind::UnexpectedEof,
            "a request the server closed on without answering is an `UnexpectedEof` error"
        ),
        Ok(reply) => panic!(
            "the server closed the connection without replying, yet request() returned \
             Ok({reply:?}): that is an `UnexpectedEof` error, not an empty reply"
        ),
    }
}

#[support::test]
async fn send_lines_collects_every_reply_in_order() {
    let server = Fixture::start(vec![
        Step::ReadLine,
        write("one"),
        Step::Sleep(millis(5)),
        write("\n"),
        Step::ReadLine,
        write("two\n"),
        Step::ReadLine,
        write("three\n"),
    ])
    .await;
    let replies = within("send_lines()", send_lines(server.addr, &["1", "2", "3"])).await;
    assert_eq!(
        replies.expect("send_lines() failed although the server answered every line"),
        ["one", "two", "three"],
        "one reply per line, in order"
    );
    assert_eq!(
        within("the server reading", server.received()).await,
        ["1", "2", "3"],
        "every line reaches the server"
    );
}
