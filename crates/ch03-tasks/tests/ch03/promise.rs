// The stub's halves hold nothing to drop yet; dropping them is what these
// tests are about.
#![allow(clippy::drop_non_drop)]

use std::panic::{AssertUnwindSafe, catch_unwind};

use ch03_tasks::promise::{PromiseError, promise};
use pretty_assertions::assert_eq;
use support::{assert_elapsed, secs, timed};

#[support::test(start_paused = true)]
async fn value_set_later_wakes_the_waiter() {
    let (setter, answer) = promise::<u32, String>();
    tokio::spawn(async move {
        tokio::time::sleep(secs(2)).await;
        setter.set_result(42);
    });
    let (result, took) = timed(answer).await;
    assert_eq!(
        result,
        Ok(42),
        "the promise resolves to the value passed to set_result()"
    );
    assert!(
        took <= secs(2),
        "the value was set at 2 s, but the waiter saw it only at {took:?}, when something \
         else happened to poll it: a lost wakeup. Before `poll` returns `Pending`, the waker \
         must be left with whatever sets the value (poll the oneshot receiver itself: \
         `try_recv` only peeks and registers nothing)"
    );
    assert_elapsed("awaiting a promise set after 2 s", took, secs(2));
}

#[support::test(start_paused = true)]
async fn error_set_later_reaches_the_waiter() {
    let (setter, answer) = promise::<u32, String>();
    tokio::spawn(async move {
        tokio::time::sleep(secs(1)).await;
        setter.set_error("no route to host".to_string());
    });
    let (result, _) = timed(answer).await;
    assert_eq!(
        result,
        Err(PromiseError::Failed("no route to host".to_string())),
        "an error passed to set_error() reaches the waiter as PromiseError::Failed"
    );
}

#[support::test(start_paused = true)]
async fn value_set_before_anyone_waits_is_kept() {
    let (setter, answer) = promise::<&str, String>();
    setter.set_result("early");
    tokio::time::sleep(secs(1)).await;
    let (result, took) = timed(answer).await;
    assert_eq!(
        result,
        Ok("early"),
        "a value set before the promise is awaited must be kept for the waiter, not lost"
    );
    assert_elapsed("awaiting a promise that was already set", took, secs(0));
}

#[support::test(start_paused = true)]
async fn dropped_setter_is_an_error_not_a_hang() {
    let (setter, answer) = promise::<u32, String>();
    tokio::spawn(async move {
        tokio::time::sleep(secs(3)).await;
        drop(setter);
    });
    let (result, took) = timed(answer).await;
    assert_eq!(
        result,
        Err(PromiseError::Abandoned),
        "a setter dropped without setting anything must end the wait with PromiseError::Abandoned"
    );
    assert_elapsed(
        "awaiting a promise whose setter is dropped after 3 s",
        took,
        secs(3),
    );
}

#[support::test(start_paused = true)]
async fn setting_after_the_waiter_left_is_harmless() {
    let (setter, answer) = promise::<u32, String>();
    drop(answer);
    let outcome = catch_unwind(AssertUnwindSafe(|| setter.set_result(7)));
    assert!(
        outcome.is_ok(),
        "set_result() panicked because nobody waits for the promise any more: \
         that is normal (the waiter gave up), so ignore the failed send instead of unwrapping it"
    );
    let (setter, answer) = promise::<u32, String>();
    drop(answer);
    let outcome = catch_unwind(AssertUnwindSafe(|| setter.set_error("late".to_string())));
    assert!(
        outcome.is_ok(),
        "set_error() panicked because nobody waits for the promise any more: ignore the failed send"
    );
}
