use ch08_optimization::reuse::{Connect, Connection, run_jobs};
use pretty_assertions::assert_eq;
use support::{Gauge, GaugeGuard, assert_elapsed, millis, timed};

/// Live (in the gauge) from the start of `connect` until dropped.
struct Conn {
    _live: GaugeGuard,
}

impl Connection for Conn {
    async fn query(&mut self, job: u32) -> String {
        tokio::time::sleep(millis(100)).await;
        format!("answer {job}")
    }
}

/// Connecting takes 200 ms; the gauge counts the connections.
struct Db {
    live: Gauge,
}

impl Connect for Db {
    type Conn = Conn;

    async fn connect(&self) -> Conn {
        let live = self.live.enter();
        tokio::time::sleep(millis(200)).await;
        Conn { _live: live }
    }
}

fn answers(jobs: &[u32]) -> Vec<String> {
    jobs.iter().map(|j| format!("answer {j}")).collect()
}

#[support::test(start_paused = true)]
async fn reuse_runs_twenty_jobs_on_five_connections() {
    let db = Db { live: Gauge::new() };
    let jobs: Vec<u32> = (1..=20).collect();
    let (got, took) = timed(run_jobs(&db, &jobs, 5)).await;
    assert_eq!(
        got,
        answers(&jobs),
        "one answer per job, in the order of the jobs"
    );
    assert_eq!(
        db.live.total(),
        5,
        "20 jobs with 5 connections allowed opened {} connections: open each connection once and keep using it while jobs remain",
        db.live.total()
    );
    assert_eq!(
        db.live.current(),
        0,
        "every connection must be dropped (closed) before run_jobs() returns"
    );
    assert_elapsed(
        "20 jobs of 100 ms on 5 connections that take 200 ms to open (the connections work at the same time)",
        took,
        millis(600),
    );
}

#[support::test(start_paused = true)]
async fn reuse_never_opens_more_connections_than_jobs() {
    let db = Db { live: Gauge::new() };
    let (got, took) = timed(run_jobs(&db, &[7, 8, 9], 5)).await;
    assert_eq!(got, answers(&[7, 8, 9]), "one answer per job, in order");
    assert_eq!(
        db.live.total(),
        3,
        "three jobs need at most three connections: opening one that never gets a job is waste"
    );
    assert_elapsed("3 jobs on 3 connections", took, millis(300));
}

#[support::test(start_paused = true)]
async fn reuse_one_connection_runs_every_job_in_turn() {
    let db = Db { live: Gauge::new() };
    let jobs: Vec<u32> = (1..=20).collect();
    let (got, took) = timed(run_jobs(&db, &jobs, 1)).await;
    assert_eq!(got, answers(&jobs), "one answer per job, in order");
    assert_eq!(
        db.live.total(),
        1,
        "a single connection allowed, a single one opened"
    );
    assert_elapsed(
        "20 jobs of 100 ms on one connection opened once (200 ms)",
        took,
        millis(2200),
    );
}

/// A connection whose query of job `n` takes `n` × 100 ms.
struct Varied;

impl Connection for Varied {
    async fn query(&mut self, job: u32) -> String {
        tokio::time::sleep(millis(100) * job).await;
        format!("answer {job}")
    }
}

/// Connecting takes 200 ms.
struct VariedDb;

impl Connect for VariedDb {
    type Conn = Varied;

    async fn connect(&self) -> Varied {
        tokio::time::sleep(millis(200)).await;
        Varied
    }
}

#[support::test(start_paused = true)]
async fn reuse_a_free_connection_takes_the_next_job() {
    let jobs = [4, 1, 1, 1, 1];
    let (got, took) = timed(run_jobs(&VariedDb, &jobs, 2)).await;
    assert_eq!(got, answers(&jobs), "one answer per job, in order");
    assert_elapsed(
        "jobs of 400, 100, 100, 100 and 100 ms on two connections (one takes the 400 ms job, \
         the other the four short ones in turn: a connection takes the next waiting job when it \
         is free; sharing the jobs out between the connections up front takes longer)",
        took,
        millis(600),
    );
}
