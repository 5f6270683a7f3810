//! Tasks for the tests: they write what they do to an event log.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ch10_scheduler::task::Task;
use support::EventLog;

/// Writes `dropped <name>` if the work is dropped before it ends: that is
/// how a timeout or a cancellation stops a future.
struct Unfinished {
    log: EventLog,
    name: String,
    armed: bool,
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        if self.armed {
            self.log.push(format!("dropped {}", self.name));
        }
    }
}

/// A task whose attempts each log `start <name>`, take `took`, log
/// `end <name>` and return the next of `results` (the last one repeats).
pub fn attempts(log: &EventLog, name: &str, took: Duration, results: &[Result<(), &str>]) -> Task {
    let results: Vec<Result<(), String>> =
        results.iter().map(|r| r.map_err(str::to_string)).collect();
    let calls = Arc::new(AtomicUsize::new(0));
    let (log, label) = (log.clone(), name.to_string());
    Task::new(name, move || {
        let call = calls.fetch_add(1, Ordering::SeqCst);
        let result = results[call.min(results.len() - 1)].clone();
        let (log, name) = (log.clone(), label.clone());
        async move {
            log.push(format!("start {name}"));
            let mut unfinished = Unfinished {
                log: log.clone(),
                name: name.clone(),
                armed: true,
            };
            tokio::time::sleep(took).await;
            unfinished.armed = false;
            log.push(format!("end {name}"));
            result
        }
    })
}

/// A task that takes `took` and succeeds.
pub fn ok(log: &EventLog, name: &str, took: Duration) -> Task {
    attempts(log, name, took, &[Ok(())])
}

/// A task that takes `took` and fails with `error`.
pub fn fails(log: &EventLog, name: &str, took: Duration, error: &str) -> Task {
    attempts(log, name, took, &[Err(error)])
}

/// The virtual times at which `event` was logged.
pub fn times_of(log: &EventLog, event: &str) -> Vec<Duration> {
    log.timeline()
        .into_iter()
        .filter(|(_, e)| e == event)
        .map(|(at, _)| at)
        .collect()
}

/// The one virtual time at which `event` was logged; fails the test with
/// the whole log if it happened never or more than once.
#[track_caller]
pub fn time_of(log: &EventLog, event: &str) -> Duration {
    match times_of(log, event)[..] {
        [at] => at,
        [] => panic!(
            "`{event}` never happened. What did happen: {:?}",
            log.timeline()
        ),
        _ => panic!(
            "`{event}` happened more than once. What did happen: {:?}",
            log.timeline()
        ),
    }
}

/// A timeline from `(milliseconds, event)` pairs.
pub fn at(events: &[(u64, &str)]) -> Vec<(Duration, String)> {
    events
        .iter()
        .map(|(ms, e)| (Duration::from_millis(*ms), e.to_string()))
        .collect()
}
