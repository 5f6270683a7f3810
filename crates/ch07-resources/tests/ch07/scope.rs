use std::panic::AssertUnwindSafe;

use ch07_resources::scope::{Resource, scope};
use futures::FutureExt;
use pretty_assertions::assert_eq;
use support::{EventLog, assert_elapsed, finishes, secs, timed};

use crate::common::{at, expect_panic};

/// A connection that takes a second to open and another to release, and
/// logs both.
struct Conn {
    log: EventLog,
}

impl Resource for Conn {
    async fn release(self) {
        tokio::time::sleep(secs(1)).await;
        self.log.push("released");
    }
}

async fn open(log: &EventLog) -> Result<Conn, String> {
    tokio::time::sleep(secs(1)).await;
    log.push("acquired");
    Ok(Conn { log: log.clone() })
}

#[support::test(start_paused = true)]
async fn scope_releases_after_the_body_succeeds() {
    let log = EventLog::new();
    let (result, took) = timed(scope(open(&log), async |conn: &mut Conn| {
        tokio::time::sleep(secs(2)).await;
        conn.log.push("body done");
        Ok::<_, String>(42)
    }))
    .await;
    assert_eq!(result, Ok(42), "scope() returns what the body returned");
    assert_eq!(
        log.timeline(),
        at(&[(1, "acquired"), (3, "body done"), (4, "released")]),
        "acquire, then the body, then the release, each awaited in turn"
    );
    assert_elapsed(
        "scope() (acquire 1 s, body 2 s, release 1 s): it returns only once the release is done",
        took,
        secs(4),
    );
}

#[support::test(start_paused = true)]
async fn scope_releases_when_the_body_fails() {
    let log = EventLog::new();
    let (result, _) = timed(scope(open(&log), async |conn: &mut Conn| {
        conn.log.push("body failed");
        Err::<u32, _>("no such table".to_string())
    }))
    .await;
    assert_eq!(
        result,
        Err("no such table".to_string()),
        "scope() returns the body's error unchanged"
    );
    assert_eq!(
        log.events(),
        ["acquired", "body failed", "released"],
        "the resource must be released when the body fails (`?` on the body's result returns before the release)"
    );
}

#[support::test(start_paused = true)]
async fn scope_returns_a_failed_acquire_without_running_the_body() {
    let log = EventLog::new();
    let body_log = log.clone();
    let (result, _) = timed(scope(
        async { Err::<Conn, _>("refused".to_string()) },
        async move |_conn: &mut Conn| {
            body_log.push("body");
            Ok(1)
        },
    ))
    .await;
    assert_eq!(
        result,
        Err("refused".to_string()),
        "a failed acquire is returned as the error"
    );
    assert!(
        log.is_empty(),
        "with nothing acquired, nothing runs and nothing is released"
    );
}

#[support::test(start_paused = true)]
async fn scope_releases_before_a_panic_reaches_the_caller() {
    let log = EventLog::new();
    let running = scope(open(&log), async |_conn: &mut Conn| {
        tokio::time::sleep(secs(1)).await;
        if true {
            panic!("body panicked");
        }
        Ok::<(), String>(())
    });
    let (caught, took) = timed(AssertUnwindSafe(running).catch_unwind()).await;
    match caught {
        Ok(result) => panic!(
            "the body panicked, but scope() returned {result:?}: the panic must reach the caller"
        ),
        Err(payload) => expect_panic(payload, "body panicked"),
    }
    assert_eq!(
        log.timeline(),
        at(&[(1, "acquired"), (3, "released")]),
        "when the body panics, the release must be awaited before the panic goes on (catch it with `FutureExt::catch_unwind`, release, then `resume_unwind`)"
    );
    assert_elapsed(
        "acquire 1 s, body 1 s then a panic, release 1 s",
        took,
        secs(3),
    );
}

#[support::test(start_paused = true)]
async fn scope_releases_when_dropped_midway() {
    let log = EventLog::new();
    let running = scope(open(&log), async |conn: &mut Conn| {
        tokio::time::sleep(secs(10)).await;
        conn.log.push("body done");
        Ok::<(), String>(())
    });
    let cut = finishes(tokio::time::timeout(secs(3), running)).await;
    assert!(
        cut.is_err(),
        "the body takes 10 s, so the 3 s timeout must cut it off"
    );
    // Give a release handed to the runtime the time to finish.
    tokio::time::sleep(secs(5)).await;
    assert_eq!(
        log.timeline(),
        at(&[(1, "acquired"), (4, "released")]),
        "scope() was dropped at 3 s, in the middle of its body: the release must still happen (a guard whose `Drop` spawns it with `tokio::spawn`), taking its 1 s"
    );
}
