//! Chapter 3: tasks.
//!
//! Each module is one exercise; `cargo xtask check ch03` tells you which one
//! to do next. Read the chapter's README.md first.

// The stubs do not use their arguments yet; your solutions will.
#![allow(unused_variables)]

pub mod cancel;
pub mod first_error;
pub mod gather;
pub mod group;
pub mod promise;
pub mod spawning;
pub mod timeouts;
