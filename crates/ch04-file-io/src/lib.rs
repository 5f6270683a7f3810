//! Chapter 4: file I/O.
//!
//! Each module is one exercise; `cargo xtask check ch04` tells you which one
//! to do next. Read the chapter's README.md first.

// The stubs do not use their arguments yet; your solutions will.
#![allow(unused_variables)]

pub mod counts;
pub mod durable;
pub mod many;
pub mod progress;
pub mod text;
pub mod users;
