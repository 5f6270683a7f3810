//! Exercise `timing`: measure a piece of async work, however it ends.

use std::fmt::Display;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

/// How a timed piece of work ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Succeeded,
    Failed(String),
    Panicked,
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

    pub fn record(&self, record: Record) {
        self.records.lock().unwrap().push(record);
    }

    pub fn records(&self) -> Vec<Record> {
        self.records.lock().unwrap().clone()
    }
}

/// Writes its record when dropped. Dropping happens on every path out of
/// `timed_scope`: the normal end, a panic unwinding through it, and the
/// future itself being dropped. Recording does not await, so `Drop` can.
struct Stopwatch<'a> {
    recorder: &'a Recorder,
    name: &'a str,
    start: Instant,
    outcome: Option<Outcome>,
}

impl Drop for Stopwatch<'_> {
    fn drop(&mut self) {
        let outcome = self.outcome.take().unwrap_or(if std::thread::panicking() {
            Outcome::Panicked
        } else {
            Outcome::Cancelled
        });
        self.recorder.record(Record {
            name: self.name.to_string(),
            took: self.start.elapsed(),
            outcome,
        });
    }
}

pub async fn timed_scope<T, E: Display>(
    recorder: &Recorder,
    name: &str,
    body: impl Future<Output = Result<T, E>>,
) -> Result<T, E> {
    let mut stopwatch = Stopwatch {
        recorder,
        name,
        start: Instant::now(),
        outcome: None,
    };
    let result = body.await;
    stopwatch.outcome = Some(match &result {
        Ok(_) => Outcome::Succeeded,
        Err(error) => Outcome::Failed(error.to_string()),
    });
    result
}
