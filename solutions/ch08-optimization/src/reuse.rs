//! Exercise `reuse`: a few connections for many jobs.

use std::collections::VecDeque;
use std::sync::Mutex;

use futures::future::join_all;

/// An open connection: runs one query at a time.
// Used through generics on one task, so the futures need not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Connection {
    async fn query(&mut self, job: u32) -> String;
}

/// Opens connections.
#[allow(async_fn_in_trait)]
pub trait Connect {
    type Conn: Connection;
    async fn connect(&self) -> Self::Conn;
}

/// One worker per connection; each takes the next waiting job until none
/// is left, so a connection is opened once and used many times.
pub async fn run_jobs<C: Connect>(connector: &C, jobs: &[u32], connections: usize) -> Vec<String> {
    let waiting: Mutex<VecDeque<(usize, u32)>> =
        Mutex::new(jobs.iter().copied().enumerate().collect());
    let worker = async || {
        let mut conn = connector.connect().await;
        let mut answers = Vec::new();
        loop {
            // Take the job and let go of the lock before awaiting the query.
            let next = waiting.lock().unwrap().pop_front();
            let Some((index, job)) = next else { break };
            answers.push((index, conn.query(job).await));
        }
        answers
    };
    let workers = connections.min(jobs.len());
    let mut answers: Vec<(usize, String)> = join_all((0..workers).map(|_| worker()))
        .await
        .into_iter()
        .flatten()
        .collect();
    answers.sort_by_key(|(index, _)| *index);
    answers.into_iter().map(|(_, answer)| answer).collect()
}
