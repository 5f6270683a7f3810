//! Chapter 10 tests: one module per exercise, named like the exercise.
//! Time is paused in every async test, so sleeps are instant and exact.

mod work;

mod attempt;
mod cancel;
mod graph;
mod queue;
mod retry;
mod scheduler;
mod stats;
mod timers;
