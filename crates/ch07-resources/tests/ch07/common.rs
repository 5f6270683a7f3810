//! Helpers shared by the chapter's tests (no tests here).

use std::time::Duration;

use support::secs;

/// A timeline from `(seconds, event)` pairs, to compare with
/// `EventLog::timeline`.
pub fn at(events: &[(u64, &str)]) -> Vec<(Duration, String)> {
    events
        .iter()
        .map(|(t, e)| (secs(*t), e.to_string()))
        .collect()
}

/// Re-raises a panic that is not the one a test provoked on purpose, so a
/// `todo!()` (or any other unexpected panic) fails the test as itself.
pub fn expect_panic(payload: Box<dyn std::any::Any + Send>, expected: &str) {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned());
    if message.as_deref() != Some(expected) {
        std::panic::resume_unwind(payload);
    }
}
