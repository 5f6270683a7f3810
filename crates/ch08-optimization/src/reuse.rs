//! Exercise `reuse`: a few connections for many jobs.

/// An open connection: runs one query at a time.
// Used through generics on one task, so the futures need not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Connection {
    async fn query(&mut self, job: u32) -> String;
}

/// Opens connections. Opening one is slow: far slower than a query.
#[allow(async_fn_in_trait)]
pub trait Connect {
    type Conn: Connection;
    async fn connect(&self) -> Self::Conn;
}

/// Runs `query(job)` for every job, over at most `connections` connections
/// opened with `connector`, and returns the answers in the order of `jobs`.
///
/// Opening a connection per job is the slow, wasteful way: 20 jobs would
/// open 20 connections. Open at most `connections` (and never more than
/// there are jobs), keep each one for as long as jobs remain, and run the
/// connections at the same time: each one takes the next job still waiting.
/// Every connection is dropped (closed) before `run_jobs` returns.
///
/// No task is needed: one future per connection, run together with
/// `futures::future::join_all`, sharing the queue of jobs.
///
/// ```no_run
/// # use ch08_optimization::reuse::{Connect, Connection, run_jobs};
/// # struct Conn;
/// # impl Connection for Conn { async fn query(&mut self, job: u32) -> String { job.to_string() } }
/// # struct Db;
/// # impl Connect for Db { type Conn = Conn; async fn connect(&self) -> Conn { Conn } }
/// # async fn demo() {
/// let answers = run_jobs(&Db, &[1, 2, 3], 2).await; // two connections opened
/// assert_eq!(answers, ["1", "2", "3"]);
/// # }
/// ```
pub async fn run_jobs<C: Connect>(connector: &C, jobs: &[u32], connections: usize) -> Vec<String> {
    todo!()
}
