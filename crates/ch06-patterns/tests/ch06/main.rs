//! Chapter 6 tests: one module per exercise, named like the exercise.
//! Time is paused in every test, so sleeps are instant and exact.

mod bounded_queue;
mod join;
mod many_to_many;
mod monitor;
mod pipeline;
mod shutdown;
mod worker_pool;
