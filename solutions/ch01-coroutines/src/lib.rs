//! Chapter 1: coroutines — reference solution.

pub mod fibonacci;
pub mod jobs;
pub mod lazy;
pub mod scoped;
pub mod squares;
pub mod ticks;
