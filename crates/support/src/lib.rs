//! Test helpers shared by every chapter of awaitlings.
//!
//! Students never edit this crate; chapter tests use it to stay short and to
//! fail with messages that say what went wrong.
//!
//! Every helper assumes the test runs on paused (virtual) time, as
//! `#[support::test(start_paused = true)]` gives it: sleeps cost nothing and
//! durations are exact.
//!
//! Every chapter test is written `#[support::test]` (with `#[tokio::test]`'s
//! options): the [`harness`] runs it and reports its verdict to
//! `cargo xtask`. A helper that diagnoses a failure (a deadline, blocking,
//! busy polling) says so with [`fail`] and a [`Kind`], never with a phrase
//! the runner would have to look for.

mod blocking;
mod gauge;
pub mod harness;
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
pub use harness::fail;
pub use log::EventLog;
pub use polls::{CountPolls, count_polls};
pub use support_macros::test;
pub use task::join;
pub use thread::on_thread;
pub use time::{DEADLINE, assert_elapsed, fail_no_time_passed, finishes, timed};
pub use verdict::Kind;
pub use wakeups::Wakeups;

/// Shorthand for a whole number of seconds.
pub fn secs(n: u64) -> std::time::Duration {
    std::time::Duration::from_secs(n)
}

/// Shorthand for a whole number of milliseconds.
pub fn millis(n: u64) -> std::time::Duration {
    std::time::Duration::from_millis(n)
}
