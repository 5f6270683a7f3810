use std::net::{Ipv4Addr, SocketAddr};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ch02_event_loop::runtime::{run, run_multi_thread};
use pretty_assertions::assert_eq;
use support::{millis, secs};
use tokio::runtime::{Handle, RuntimeFlavor};
use tokio::time::Instant;

use crate::common::panic_text;

/// Runs `f`; if it panics because a driver is missing, says which builder
/// call was forgotten.
fn with_driver_advice<T>(f: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(output) => output,
        Err(panic) if panic_text(&*panic).contains("disabled") => panic!(
            "{}\nThe runtime was built without its drivers: the timer driver wakes \
             sleeping tasks and the I/O driver wakes tasks waiting on sockets. \
             Call `.enable_all()` on the builder before `.build()`.",
            panic_text(&*panic)
        ),
        Err(panic) => resume_unwind(panic),
    }
}

/// Uses both drivers: a two-second timer and a socket.
async fn sleep_and_bind() {
    tokio::time::sleep(secs(2)).await;
    let any_port = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    tokio::net::TcpListener::bind(any_port)
        .await
        .expect("binding 127.0.0.1:0");
}

#[support::test]
fn run_returns_the_output_of_the_future() {
    let answer = run(async { 6 * 7 });
    assert_eq!(answer, 42, "run() returns what the future returned");
}

#[support::test]
fn run_builds_a_current_thread_runtime() {
    let flavor = run(async { Handle::current().runtime_flavor() });
    assert_eq!(
        flavor,
        RuntimeFlavor::CurrentThread,
        "run() is asyncio.run: one thread, one loop. Build it with `Builder::new_current_thread()`"
    );
}

#[support::test]
fn run_enables_the_timer_and_io_drivers() {
    let took = with_driver_advice(|| {
        run(async {
            // Paused time: the two-second sleep below costs nothing.
            tokio::time::pause();
            let start = Instant::now();
            sleep_and_bind().await;
            // Whole seconds: a clock paused mid-run rounds timers up to the
            // next millisecond.
            start.elapsed().as_secs()
        })
    });
    assert_eq!(took, 2, "a two-second sleep inside run() takes two seconds");
}

#[support::test]
fn run_cancels_the_tasks_left_behind() {
    /// Sets its flag when dropped, that is when its task is cancelled.
    struct Guard(Arc<AtomicBool>);
    impl Drop for Guard {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    let cancelled = Arc::new(AtomicBool::new(false));
    let guard = Guard(Arc::clone(&cancelled));
    run(async move {
        tokio::spawn(async move {
            let _guard = guard;
            std::future::pending::<()>().await;
        });
    });
    assert!(
        cancelled.load(Ordering::SeqCst),
        "run() returned while a task it left behind was still alive: the runtime \
         must be dropped before run() returns (that shuts it down and cancels its \
         tasks, as asyncio.run closes its loop). Build a new runtime in every call; \
         do not keep one in a static."
    );
}

#[support::test]
fn run_multi_thread_starts_the_asked_number_of_workers() {
    // Two counts: the default (one worker per core) is at most one of them,
    // whatever machine this runs on.
    for asked in [1, 3] {
        let (flavor, workers) = run_multi_thread(asked, async {
            let handle = Handle::current();
            (handle.runtime_flavor(), handle.metrics().num_workers())
        });
        assert_eq!(
            flavor,
            RuntimeFlavor::MultiThread,
            "run_multi_thread() builds its runtime with `Builder::new_multi_thread()`"
        );
        assert_eq!(
            workers, asked,
            "run_multi_thread({asked}, ..) needs exactly {asked} worker thread(s): \
             `worker_threads(workers)` (without it, tokio starts one per core)"
        );
    }
}

#[support::test]
fn run_multi_thread_enables_the_timer_and_io_drivers() {
    let answer = with_driver_advice(|| {
        run_multi_thread(2, async {
            // A multi-thread runtime cannot pause its clock: this sleeps one
            // real millisecond, only to prove that the timer driver is on.
            tokio::time::sleep(millis(1)).await;
            let any_port = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
            tokio::net::TcpListener::bind(any_port)
                .await
                .expect("binding 127.0.0.1:0");
            "slept and bound"
        })
    });
    assert_eq!(
        answer, "slept and bound",
        "run_multi_thread() returns what the future returned"
    );
}
