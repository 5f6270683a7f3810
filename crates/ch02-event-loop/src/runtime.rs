//! Exercise `runtime`: start the event loop yourself.

use std::future::Future;

/// Python's `asyncio.run(main())`: builds a new **current-thread** runtime
/// with its drivers enabled (timers and I/O), runs `fut` to completion on
/// the calling thread, shuts the runtime down and returns `fut`'s output.
///
/// Every call builds a runtime of its own and drops it before returning, so
/// tasks that `fut` spawned and never waited for are cancelled, as
/// `asyncio.run` cancels the tasks left on its loop.
///
/// Call it from plain synchronous code (`main`, a test, a thread), never
/// from inside another runtime.
///
/// ```no_run
/// # use ch02_event_loop::runtime::run;
/// let answer = run(async {
///     tokio::time::sleep(std::time::Duration::from_millis(10)).await;
///     6 * 7
/// });
/// assert_eq!(answer, 42);
/// ```
pub fn run<F: Future>(fut: F) -> F::Output {
    todo!()
}

/// The same on a **multi-thread** runtime with exactly `workers` worker
/// threads (`workers` is at least 1), drivers enabled. `fut` itself is still
/// polled on the calling thread; tasks it spawns run on the workers.
///
/// ```no_run
/// # use ch02_event_loop::runtime::run_multi_thread;
/// let answer = run_multi_thread(4, async {
///     tokio::spawn(async { 6 * 7 }).await.unwrap()
/// });
/// assert_eq!(answer, 42);
/// ```
pub fn run_multi_thread<F: Future>(workers: usize, fut: F) -> F::Output {
    todo!()
}
