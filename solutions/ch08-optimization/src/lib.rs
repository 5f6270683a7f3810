//! Chapter 8: optimization — the reference solution.

pub mod batch;
pub mod cache;
pub mod limit;
pub mod offload;
pub mod rate;
pub mod reuse;
