//! Exercise `timing`: measure a piece of async work, however it ends.

use std::fmt::Display;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How a timed piece of work ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The body returned `Ok`.
    Succeeded,
    /// The body returned `Err`; the error's `Display` text.
    Failed(String),
    /// The body panicked.
    Panicked,
    /// The future was dropped before the body finished.
    Cancelled,
}

/// One measurement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub name: String,
    pub took: Duration,
    pub outcome: Outcome,
}

/// Where measurements go. Given: clones share one list.
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    records: Arc<Mutex<Vec<Record>>>,
}

impl Recorder {
    /// A recorder with no records yet.
    pub fn new() -> Recorder {
        Recorder::default()
    }

    /// Adds a record. It does not wait, so it may be called from `drop`.
    pub fn record(&self, record: Record) {
        self.records.lock().unwrap().push(record);
    }

    /// Every record so far, oldest first.
    pub fn records(&self) -> Vec<Record> {
        self.records.lock().unwrap().clone()
    }
}

/// Awaits `body` and adds exactly one [`Record`] named `name` to
/// `recorder`: how long the body ran and how it ended. Returns what the body
/// returned.
///
/// The record must be written whatever happens: when the body returns
/// `Ok` or `Err`, when it panics (record [`Outcome::Panicked`], then let the
/// panic carry on to the caller), and when the whole `timed_scope` future is
/// dropped before the body is done ([`Outcome::Cancelled`], with the time
/// until the drop).
///
/// Measure virtual time: `tokio::time::Instant`, not `std::time::Instant`.
///
/// ```no_run
/// # use ch07_resources::timing::{Recorder, timed_scope};
/// # async fn demo() {
/// let recorder = Recorder::new();
/// let answer = timed_scope(&recorder, "query", async { Ok::<_, String>(42) }).await;
/// assert_eq!(answer, Ok(42));
/// assert_eq!(recorder.records().len(), 1);
/// # }
/// ```
pub async fn timed_scope<T, E: Display>(
    recorder: &Recorder,
    name: &str,
    body: impl Future<Output = Result<T, E>>,
) -> Result<T, E> {
    todo!()
}
