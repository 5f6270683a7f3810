use std::panic::AssertUnwindSafe;

use ch07_resources::timing::{Outcome, Record, Recorder, timed_scope};
use futures::FutureExt;
use pretty_assertions::assert_eq;
use support::{assert_elapsed, finishes, secs, timed};

use crate::common::expect_panic;

fn record(name: &str, took: u64, outcome: Outcome) -> Vec<Record> {
    vec![Record {
        name: name.to_string(),
        took: secs(took),
        outcome,
    }]
}

const CLOCK: &str =
    "measure with `tokio::time::Instant`, which follows the runtime's (virtual) clock";

#[support::test(start_paused = true)]
async fn timing_records_a_success_and_its_duration() {
    let recorder = Recorder::new();
    let (result, took) = timed(timed_scope(&recorder, "load", async {
        tokio::time::sleep(secs(3)).await;
        Ok::<_, String>("data")
    }))
    .await;
    assert_eq!(result, Ok("data"), "timed_scope() returns the body's value");
    assert_elapsed("timed_scope() around a 3 s body", took, secs(3));
    assert_eq!(
        recorder.records(),
        record("load", 3, Outcome::Succeeded),
        "one record with the body's duration ({CLOCK}) and its outcome"
    );
}

#[support::test(start_paused = true)]
async fn timing_records_a_failure_and_returns_it() {
    let recorder = Recorder::new();
    let (result, _) = timed(timed_scope(&recorder, "save", async {
        tokio::time::sleep(secs(2)).await;
        Err::<(), _>("disk full")
    }))
    .await;
    assert_eq!(
        result,
        Err("disk full"),
        "timed_scope() returns the body's error unchanged"
    );
    assert_eq!(
        recorder.records(),
        record("save", 2, Outcome::Failed("disk full".into())),
        "a failed body is recorded too, with the error's text (an early return with `?` skips the record)"
    );
}

#[support::test(start_paused = true)]
async fn timing_records_a_panic_and_lets_it_through() {
    let recorder = Recorder::new();
    let scope = timed_scope(&recorder, "parse", async {
        tokio::time::sleep(secs(4)).await;
        if true {
            panic!("bad input");
        }
        Ok::<(), String>(())
    });
    let caught = finishes(AssertUnwindSafe(scope).catch_unwind()).await;
    match caught {
        Ok(result) => panic!(
            "the body panicked, but timed_scope() returned {result:?}: let the panic through"
        ),
        Err(payload) => expect_panic(payload, "bad input"),
    }
    assert_eq!(
        recorder.records(),
        record("parse", 4, Outcome::Panicked),
        "a panicking body must still be recorded, as Panicked: a guard whose `Drop` writes the record runs while the panic unwinds (`std::thread::panicking()` tells you it is)"
    );
}

#[support::test(start_paused = true)]
async fn timing_records_a_cancelled_body() {
    let recorder = Recorder::new();
    let scope = timed_scope(&recorder, "slow", async {
        tokio::time::sleep(secs(10)).await;
        Ok::<(), String>(())
    });
    let cut = finishes(tokio::time::timeout(secs(2), scope)).await;
    assert!(
        cut.is_err(),
        "the body takes 10 s, so the 2 s timeout must cut it off"
    );
    assert_eq!(
        recorder.records(),
        record("slow", 2, Outcome::Cancelled),
        "a timed_scope() dropped midway must record Cancelled with the time until the drop: code after `.await` never runs then, only `Drop` does"
    );
}
