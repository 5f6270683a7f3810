//! Chapter 4 tests: one module per exercise, named like the exercise.
//!
//! Every test works in its own `tempfile::TempDir`, removed when the test
//! ends, pass or fail. Time is paused, but tokio's file operations run on
//! blocking threads and take no virtual time, so these tests check
//! contents, errors and order, not durations.

mod common;

mod counts;
mod durable;
mod many;
mod progress;
mod text;
mod users;
