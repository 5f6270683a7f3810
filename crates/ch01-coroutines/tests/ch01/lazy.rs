use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ch01_coroutines::lazy::{count_later, defer};
use pretty_assertions::assert_eq;
use support::{EventLog, finishes, secs};

#[support::test(start_paused = true)]
async fn count_later_counts_only_when_awaited() {
    let counter = Arc::new(AtomicUsize::new(0));
    let later = count_later(Arc::clone(&counter));
    tokio::time::sleep(secs(1)).await;
    assert_eq!(
        counter.load(Ordering::SeqCst),
        0,
        "calling count_later() already changed the counter: the work must happen inside the future, only once it is awaited"
    );
    assert_eq!(
        finishes(later).await,
        1,
        "the awaited future returns the counter's new value"
    );
    assert_eq!(
        counter.load(Ordering::SeqCst),
        1,
        "awaiting the future adds one to the counter"
    );
}

#[support::test(start_paused = true)]
async fn futures_count_in_the_order_they_are_awaited() {
    let counter = Arc::new(AtomicUsize::new(0));
    let first_built = count_later(Arc::clone(&counter));
    let second_built = count_later(Arc::clone(&counter));
    let dropped = count_later(Arc::clone(&counter));
    drop(dropped);
    assert_eq!(
        finishes(second_built).await,
        1,
        "the future awaited first must count first, whichever was built first"
    );
    assert_eq!(
        finishes(first_built).await,
        2,
        "the second future awaited counts to 2"
    );
    assert_eq!(
        counter.load(Ordering::SeqCst),
        2,
        "a future dropped without being awaited must never count"
    );
}

#[support::test(start_paused = true)]
async fn defer_calls_the_closure_only_when_awaited() {
    let log = EventLog::new();
    let closure_log = log.clone();
    let deferred = defer(move || {
        closure_log.push("closure called");
        6 * 7
    });
    log.push("future built");
    let answer = finishes(deferred).await;
    assert_eq!(
        log.events(),
        ["future built", "closure called"],
        "defer() must not call the closure itself: move it into the future and call it there"
    );
    assert_eq!(answer, 42, "the future resolves to the closure's result");
}
