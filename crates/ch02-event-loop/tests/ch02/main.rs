//! Chapter 2 tests: one module per exercise, named like the exercise.
//!
//! Tests that build a runtime of their own are `#[support::test]`s without `async`; where they
//! need a clock they pause it inside that runtime. Tests that run inside a
//! runtime use paused time, so sleeps are instant and exact.

mod common;

mod callbacks;
mod executor;
mod flavours;
mod in_thread;
mod offload;
mod runtime;
