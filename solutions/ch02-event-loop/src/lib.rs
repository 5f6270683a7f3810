//! Chapter 2: the event loop — reference solution.

pub mod callbacks;
pub mod executor;
pub mod flavours;
pub mod in_thread;
pub mod offload;
pub mod runtime;
