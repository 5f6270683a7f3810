//! Chapter 3: tasks — reference solution.

pub mod cancel;
pub mod first_error;
pub mod gather;
pub mod group;
pub mod promise;
pub mod spawning;
pub mod timeouts;
