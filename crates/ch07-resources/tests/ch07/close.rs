use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ch07_resources::close::Closing;
use ch07_resources::scope::Resource;
use pretty_assertions::assert_eq;
use support::{EventLog, assert_elapsed, secs, timed};

use crate::common::at;

/// A file whose release (flush and close) takes one second.
struct File {
    log: EventLog,
    writes: u32,
}

impl Resource for File {
    async fn release(self) {
        tokio::time::sleep(secs(1)).await;
        self.log
            .push(format!("released after {} writes", self.writes));
    }
}

fn file(log: &EventLog) -> File {
    File {
        log: log.clone(),
        writes: 0,
    }
}

#[support::test(start_paused = true)]
async fn close_releases_before_returning() {
    let log = EventLog::new();
    let mut closing = Closing::new(file(&log));
    closing.get_mut().writes += 2;
    let (_, took) = timed(closing.close()).await;
    assert_eq!(
        log.timeline(),
        at(&[(1, "released after 2 writes")]),
        "close() releases the resource it owns (with the changes made through get_mut)"
    );
    assert_elapsed(
        "close() of a resource whose release takes 1 s: it returns once the release is done",
        took,
        secs(1),
    );
}

#[support::test(start_paused = true)]
async fn close_then_drop_releases_only_once() {
    let log = EventLog::new();
    timed(Closing::new(file(&log)).close()).await;
    tokio::time::sleep(secs(5)).await;
    assert_eq!(
        log.events(),
        ["released after 0 writes"],
        "close() consumed the value and its `Drop` ran afterwards: it must see the release was already done and do nothing (keep the resource in an `Option` and `take` it)"
    );
}

#[support::test(start_paused = true)]
async fn close_falls_back_to_drop_inside_a_runtime() {
    let log = EventLog::new();
    let mut closing = Closing::new(file(&log));
    closing.get_mut().writes += 1;
    drop(closing);
    assert!(
        log.is_empty(),
        "the release takes 1 s and `drop` cannot wait for it on the runtime's thread"
    );
    tokio::time::sleep(secs(5)).await;
    assert_eq!(
        log.timeline(),
        at(&[(1, "released after 1 writes")]),
        "dropped without close() inside a runtime, the release must still run: spawn it with `tokio::spawn` from `Drop`"
    );
}

/// A resource for a test without a runtime: its release yields instead of
/// sleeping, so it needs no timer.
struct Counted(Arc<AtomicUsize>);

impl Resource for Counted {
    async fn release(self) {
        tokio::task::yield_now().await;
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[support::test]
fn close_falls_back_to_drop_outside_a_runtime() {
    let released = Arc::new(AtomicUsize::new(0));
    let closing = Closing::new(Counted(Arc::clone(&released)));
    drop(closing);
    assert_eq!(
        released.load(Ordering::SeqCst),
        1,
        "dropped outside any runtime, there is nothing to spawn on: `Drop` must run the release to the end itself, on a current-thread runtime it builds (`tokio::runtime::Handle::try_current` tells you which case you are in)"
    );
}
