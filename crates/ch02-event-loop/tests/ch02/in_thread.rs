use std::thread::{self, JoinHandle, ThreadId};

use ch02_event_loop::in_thread::spawn_runtime_thread;
use pretty_assertions::assert_eq;
use support::{on_thread, secs};
use tokio::time::Instant;

use crate::common::panic_text;

/// Waits for the thread and returns its future's output; if the thread
/// panicked, fails with the panic's own text.
fn join<T>(handle: JoinHandle<T>) -> T {
    handle.join().unwrap_or_else(|panic| {
        panic!(
            "the thread panicked: {}\nThe runtime on the new thread must be a \
             current-thread runtime with its drivers on: \
             `Builder::new_current_thread().enable_all().build()`.",
            panic_text(&*panic)
        )
    })
}

#[support::test]
fn the_caller_gets_the_result_through_join() {
    let handle = spawn_runtime_thread("loop-result", async {
        // Paused time: the three-second sleep costs nothing. Pausing needs a
        // current-thread runtime, and the sleep needs its timer driver.
        tokio::time::pause();
        let start = Instant::now();
        tokio::time::sleep(secs(3)).await;
        // Whole seconds: a clock paused mid-run rounds timers up to the next
        // millisecond.
        start.elapsed().as_secs()
    });
    let took = join(handle);
    assert_eq!(
        took, 3,
        "join() gives the future's output: here the time its three-second sleep took"
    );
}

#[support::test]
fn the_future_runs_on_the_new_named_thread() {
    let caller = thread::current().id();
    let handle = spawn_runtime_thread("loop-7", async {
        let me = thread::current();
        (me.id(), me.name().map(str::to_string))
    });
    let (ran_on, name): (ThreadId, Option<String>) = join(handle);
    assert_ne!(
        ran_on, caller,
        "the future ran on the caller's thread: build the runtime and call \
         `block_on` inside the new thread's closure, not before spawning it"
    );
    assert_eq!(
        name.as_deref(),
        Some("loop-7"),
        "the new thread carries the given name: `std::thread::Builder::new().name(..)`"
    );
}

#[support::test]
fn the_caller_is_not_blocked_while_the_future_runs() {
    // The future waits for a value that the caller sends only after
    // spawn_runtime_thread() has returned.
    let (tx, rx) = tokio::sync::oneshot::channel::<u32>();
    let handle = on_thread(
        "spawn_runtime_thread(..)",
        "It waited for its future to finish, but that future waits for the caller, \
         who is stuck in the call. Return the thread's JoinHandle at once and leave \
         the waiting to `join()`.",
        secs(5),
        move || spawn_runtime_thread("loop-wait", async move { rx.await.unwrap_or(0) + 1 }),
    );
    tx.send(41)
        .expect("the future stopped waiting for the caller's value");
    assert_eq!(
        join(handle),
        42,
        "the future got the caller's 41 and returned 42"
    );
}
