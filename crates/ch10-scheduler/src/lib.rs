//! Chapter 10: an async task scheduler.
//!
//! Each module is one exercise; `cargo xtask check ch10` tells you which one
//! to do next. Read the chapter's README.md first. `task` is given: the
//! types every exercise shares.

// The stubs do not use their arguments yet; your solutions will.
#![allow(unused_variables)]

pub mod attempt;
pub mod cancel;
pub mod graph;
pub mod queue;
pub mod retry;
pub mod scheduler;
pub mod stats;
pub mod task;
pub mod timers;
