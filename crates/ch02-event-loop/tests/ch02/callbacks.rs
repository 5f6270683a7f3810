use std::time::Duration;

use ch02_event_loop::callbacks::{call_later, call_soon};
use pretty_assertions::assert_eq;
use support::{EventLog, Ticker, fail_no_time_passed, finishes, millis, secs};
use tokio::task::JoinHandle;

/// A callback that writes `event` to `log`.
fn push(log: &EventLog, event: &'static str) -> impl FnOnce() + Send + 'static {
    let log = log.clone();
    move || log.push(event)
}

/// Waits for every handle, failing clearly if a callback panicked or hung.
async fn wait_all(handles: Vec<JoinHandle<()>>) {
    for handle in handles {
        finishes(handle).await.expect("a callback's task failed");
    }
}

fn at(events: &[(Duration, &str)]) -> Vec<(Duration, String)> {
    events.iter().map(|(t, e)| (*t, e.to_string())).collect()
}

/// Fails, as never waited or blocked, if a delayed callback ran at time zero.
#[track_caller]
fn assert_no_callback_at_zero(log: &EventLog, delayed: &[&str], delay: Duration) {
    for (at, event) in log.timeline() {
        if at.is_zero() && delayed.contains(&event.as_str()) {
            fail_no_time_passed(
                &format!(
                    "the delayed callback {event:?} ran at 0 s of virtual time: the delay \
                     was not awaited on the runtime's timer. Wait with \
                     `tokio::time::sleep(delay).await` inside the spawned task, then call \
                     the callback."
                ),
                delay,
            );
        }
    }
}

#[support::test(start_paused = true)]
async fn call_soon_does_not_call_the_callback_itself() {
    let log = EventLog::new();
    let handle = call_soon(push(&log, "callback"));
    log.push("call_soon returned");
    wait_all(vec![handle]).await;
    assert_eq!(
        log.events(),
        ["call_soon returned", "callback"],
        "call_soon() must only schedule the callback, not call it: spawn a task that \
         calls it, and the runtime runs that task after the caller yields"
    );
}

#[support::test(start_paused = true)]
async fn call_later_fires_after_its_delay() {
    let log = EventLog::new();
    let handle = call_later(millis(300), push(&log, "fired"));
    log.push("call_later returned");
    wait_all(vec![handle]).await;
    assert_no_callback_at_zero(&log, &["fired"], millis(300));
    assert_eq!(
        log.timeline(),
        at(&[(secs(0), "call_later returned"), (millis(300), "fired")]),
        "call_later() returns at once, and the callback runs `delay` later"
    );
}

#[support::test(start_paused = true)]
async fn callbacks_fire_in_deadline_order() {
    let log = EventLog::new();
    let handles = vec![
        call_later(millis(300), push(&log, "third")),
        call_later(millis(100), push(&log, "first")),
        call_soon(push(&log, "soon")),
        call_later(millis(200), push(&log, "second")),
    ];
    wait_all(handles).await;
    assert_no_callback_at_zero(&log, &["first", "second", "third"], millis(100));
    assert_eq!(
        log.timeline(),
        at(&[
            (secs(0), "soon"),
            (millis(100), "first"),
            (millis(200), "second"),
            (millis(300), "third"),
        ]),
        "callbacks run in the order of their deadlines, each at its own deadline, \
         not in the order they were scheduled (each call_later needs a timer of its own)"
    );
}

#[support::test(start_paused = true)]
async fn waiting_callbacks_leave_the_loop_free() {
    let ticker = Ticker::start(millis(100));
    let log = EventLog::new();
    let handle = call_later(millis(500), push(&log, "fired"));
    wait_all(vec![handle]).await;
    // Ticks at 100..400 ms come before the callback; the one at 500 ms may
    // land on either side of it.
    ticker.assert_ticked("a call_later(500 ms) was waiting", 4);
    assert_eq!(
        log.timeline(),
        at(&[(millis(500), "fired")]),
        "the callback runs once, after its delay"
    );
}

#[support::test(start_paused = true)]
async fn aborting_the_handle_cancels_the_callback() {
    let log = EventLog::new();
    let handle = call_later(secs(1), push(&log, "fired"));
    tokio::time::sleep(millis(500)).await;
    handle.abort();
    tokio::time::sleep(secs(2)).await;
    assert_no_callback_at_zero(&log, &["fired"], secs(1));
    assert!(
        log.is_empty(),
        "the callback ran although its handle was aborted before the deadline: return \
         the JoinHandle of the very task that sleeps and then calls `f`, so aborting \
         it cancels both"
    );
}
