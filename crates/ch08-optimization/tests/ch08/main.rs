//! Chapter 8 tests: one module per exercise, named like the exercise.
//! Time is paused in every test, so sleeps are instant and exact, and every
//! optimization is proven by counting: calls, connections, tasks in flight.

mod batch;
mod cache;
mod limit;
mod offload;
mod rate;
mod reuse;
