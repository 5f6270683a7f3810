//! Chapter 9 tests: one module per exercise, named like the exercise.
//! Time is paused in every async test. The pages come from a real HTTP
//! server on 127.0.0.1 (`support::site`), whose slow pages wait on tokio's
//! clock, so timeouts and delays are exact; nothing leaves this machine.

mod common;

mod crawl;
mod fetch;
mod links;
mod polite;
mod stats;
