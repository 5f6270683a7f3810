//! Chapter 3 tests: one module per exercise, named like the exercise.
//! Time is paused in every test, so sleeps are instant and exact.

mod common;

mod cancel;
mod first_error;
mod gather;
mod group;
mod promise;
mod spawning;
mod timeouts;
