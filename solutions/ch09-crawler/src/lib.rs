//! Chapter 9: a web crawler. Reference solution.

pub mod crawl;
pub mod fetch;
pub mod links;
pub mod polite;
pub mod stats;
