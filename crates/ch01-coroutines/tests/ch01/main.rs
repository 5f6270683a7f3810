//! Chapter 1 tests: one module per exercise, named like the exercise.
//! Time is paused in every test, so sleeps are instant and exact.

mod fibonacci;
mod jobs;
mod lazy;
mod scoped;
mod squares;
mod ticks;
