//! An ordered event log stamped with virtual time.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

/// A shared, ordered record of what happened and when.
///
/// Clones share one log. Each entry carries the virtual time since the log
/// was created, so tests can check both order and timing.
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)] async fn main() {
/// let log = support::EventLog::new();
/// log.push("start");
/// tokio::time::sleep(support::secs(2)).await;
/// log.push("end");
/// assert_eq!(log.events(), ["start", "end"]);
/// assert_eq!(log.timeline(), [(support::secs(0), "start".to_string()), (support::secs(2), "end".to_string())]);
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct EventLog {
    start: Instant,
    entries: Arc<Mutex<Vec<(Duration, String)>>>,
}

impl EventLog {
    pub fn new() -> Self {
        EventLog {
            start: Instant::now(),
            entries: Arc::default(),
        }
    }

    /// Records `event` at the current virtual time.
    pub fn push(&self, event: impl Into<String>) {
        let at = self.start.elapsed();
        self.entries.lock().unwrap().push((at, event.into()));
    }

    /// The events so far, in the order they were pushed.
    pub fn events(&self) -> Vec<String> {
        self.timeline().into_iter().map(|(_, e)| e).collect()
    }

    /// The events so far with the virtual time each one happened at.
    pub fn timeline(&self) -> Vec<(Duration, String)> {
        self.entries.lock().unwrap().clone()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.lock().unwrap().is_empty()
    }
}

impl Default for EventLog {
    fn default() -> Self {
        Self::new()
    }
}
