//! Chapter 2: the event loop.
//!
//! Each module is one exercise; `cargo xtask check ch02` tells you which one
//! to do next. Read the chapter's README.md first.

// The stubs do not use their arguments yet; your solutions will.
#![allow(unused_variables)]

pub mod callbacks;
pub mod executor;
pub mod flavours;
pub mod in_thread;
pub mod offload;
pub mod runtime;
