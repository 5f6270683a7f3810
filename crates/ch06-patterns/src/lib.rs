//! Chapter 6: patterns.
//!
//! Each module is one exercise; `cargo xtask check ch06` tells you which one
//! to do next. Read the chapter's README.md first.

// The stubs do not use their arguments yet; your solutions will.
#![allow(unused_variables)]

pub mod bounded_queue;
pub mod join;
pub mod many_to_many;
pub mod monitor;
pub mod pipeline;
pub mod shutdown;
pub mod worker_pool;
