//! Chapter 6: patterns — reference solution.

pub mod bounded_queue;
pub mod join;
pub mod many_to_many;
pub mod monitor;
pub mod pipeline;
pub mod shutdown;
pub mod worker_pool;
