//! Chapter 7 tests: one module per exercise, named like the exercise.
//! Time is paused in every test, so sleeps are instant and exact.

mod close;
mod nested;
mod pool;
mod scope;
mod timing;
mod transaction;

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
