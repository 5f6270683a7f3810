//! A real-time deadline for code that runs on a thread of its own.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use verdict::Kind;

use crate::harness::fail;

/// Runs `f` on a new thread and returns what it returned, failing the test
/// if it has not finished after `limit` of real time.
///
/// For code that builds its own runtime or parks threads, where no virtual
/// clock exists: a missing wake-up would hang the whole test run, and this
/// turns it into a failure that names `what` and says `hint`. The limit is
/// only ever spent on a failing test; code that works returns at once.
///
/// A panic inside `f` is raised again in the caller, with the same payload,
/// so its message (a `todo!()` too) is the test's failure.
///
/// ```
/// let answer = support::on_thread("adding", "", support::secs(2), || 40 + 2);
/// assert_eq!(answer, 42);
/// ```
#[track_caller]
pub fn on_thread<T, F>(what: &str, hint: &str, limit: Duration, f: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let (tx, rx) = mpsc::channel();
    let thread = std::thread::spawn(move || {
        // The receiver is gone only if the test already failed.
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(output) => {
            let _ = thread.join();
            output
        }
        Err(RecvTimeoutError::Disconnected) => match thread.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => unreachable!("the thread ended without sending its result"),
        },
        Err(RecvTimeoutError::Timeout) => fail(
            Kind::TimedOut,
            format!(
                "{what} did not finish within {limit:?} of real time: it never completed.\n{hint}"
            ),
        ),
    }
}
