//! Chapter 5 tests: one module per exercise, named like the exercise.
//! Every server listens on `127.0.0.1:0` and is shut down by its test.
//! `http_get` and `fetch_many` run on paused time; the tests of the servers
//! and the line client run on real time, every wait bounded (see
//! `fixture::PATIENCE`).

mod fixture;

mod chat;
mod fetch_many;
mod http_get;
mod line_client;
mod line_server;
