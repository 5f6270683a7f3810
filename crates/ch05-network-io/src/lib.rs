//! Chapter 5: network I/O.
//!
//! Each module is one exercise; `cargo xtask check ch05` tells you which one
//! to do next. Read the chapter's README.md first.

// The stubs do not use their arguments yet; your solutions will.
#![allow(unused_variables)]

pub mod chat;
pub mod fetch_many;
pub mod http;
pub mod http_get;
pub mod line_client;
pub mod line_server;
