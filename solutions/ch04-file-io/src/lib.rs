//! Chapter 4: file I/O — reference solution.

pub mod counts;
pub mod durable;
pub mod many;
pub mod progress;
pub mod text;
pub mod users;
