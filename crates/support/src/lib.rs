//! Test helpers shared by every chapter of awaitlings.
//!
//! Students never edit this crate; chapter tests use it to stay short and to
//! fail with messages that say what went wrong.
//!
//! Every helper assumes the test runs on paused (virtual) time, as
//! `#[tokio::test(start_paused = true)]` gives it: sleeps cost nothing and
//! durations are exact.
//!
//! Two phrases in failure messages are part of the contract with
//! `cargo xtask`, which reads them to classify a failure:
//! [`TIMED_OUT`] (a future that never finished) and [`BLOCKED`] (code that
//! blocked the runtime's thread).

mod blocking;
mod gauge;
mod log;
mod polls;
mod task;
mod thread;
mod time;
mod wakeups;

// The crawler chapter's HTTP site, compiled only for that chapter.
#[cfg(feature = "site")]
pub mod site;

pub use blocking::Ticker;
pub use gauge::{Gauge, GaugeGuard};
pub use log::EventLog;
pub use polls::{CountPolls, count_polls};
pub use task::join;
pub use thread::on_thread;
pub use time::{DEADLINE, assert_elapsed, finishes, timed};
pub use wakeups::Wakeups;

/// Appears in the message of every failure caused by a future that never
/// finished.
pub const TIMED_OUT: &str = "did not finish within";

/// Appears in the message of every failure caused by blocking the runtime's
/// thread (for example with `std::thread::sleep`).
pub const BLOCKED: &str = "blocked the runtime";

/// Shorthand for a whole number of seconds.
pub fn secs(n: u64) -> std::time::Duration {
    std::time::Duration::from_secs(n)
}

/// Shorthand for a whole number of milliseconds.
pub fn millis(n: u64) -> std::time::Duration {
    std::time::Duration::from_millis(n)
}
