//! Chapter 7 tests: one module per exercise, named like the exercise.
//! Time is paused in every test, so sleeps are instant and exact.

mod common;

mod close;
mod nested;
mod pool;
mod scope;
mod timing;
mod transaction;
