//! Chapter 1: coroutines.
//!
//! Each module is one exercise; `cargo xtask check ch01` tells you which one
//! to do next. Read the chapter's README.md first.

// The stubs do not use their arguments yet; your solutions will.
#![allow(unused_variables)]

pub mod fibonacci;
pub mod jobs;
pub mod lazy;
pub mod scoped;
pub mod squares;
pub mod ticks;
