//! Chapter 7: resources.
//!
//! Each module is one exercise; `cargo xtask check ch07` tells you which one
//! to do next. Read the chapter's README.md first.

// The stubs do not use their arguments yet; your solutions will.
#![allow(unused_variables)]

pub mod close;
pub mod nested;
pub mod pool;
pub mod scope;
pub mod timing;
pub mod transaction;
