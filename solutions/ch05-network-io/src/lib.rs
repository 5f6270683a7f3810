//! Chapter 5 reference solution: network I/O.

pub mod chat;
pub mod fetch_many;
pub mod http_get;
pub mod line_client;
pub mod line_server;
