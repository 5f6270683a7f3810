//! Chapter 9: a web crawler.
//!
//! Each module is one exercise; `cargo xtask check ch09` tells you which one
//! to do next. Read the chapter's README.md first.

// The stubs do not use their arguments yet; your solutions will.
#![allow(unused_variables)]

pub mod crawl;
pub mod fetch;
pub mod links;
pub mod polite;
pub mod stats;
