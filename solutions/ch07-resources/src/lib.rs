//! Chapter 7: resources — the reference solution.

pub mod close;
pub mod nested;
pub mod pool;
pub mod scope;
pub mod timing;
pub mod transaction;
