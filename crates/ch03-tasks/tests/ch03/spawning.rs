use std::collections::HashSet;
use std::future::Future;
use std::time::Duration;

use ch03_tasks::spawning::spawn_all;
use pretty_assertions::assert_eq;
use support::{assert_elapsed, secs, timed};

async fn job(name: &'static str, duration: Duration) -> &'static str {
    tokio::time::sleep(duration).await;
    name
}

/// Finishing order (B, C, A) differs from the spawn order (A, B, C).
fn three_jobs() -> Vec<impl Future<Output = &'static str> + Send> {
    vec![job("A", secs(3)), job("B", secs(1)), job("C", secs(2))]
}

#[support::test(start_paused = true)]
async fn results_come_back_in_spawn_order() {
    let (names, _) = timed(spawn_all(three_jobs())).await;
    assert_eq!(
        names,
        ["A", "B", "C"],
        "results follow the order of the futures, not the order they finished in \
         (B finishes first): await the handles in the order you spawned them"
    );
}

#[support::test(start_paused = true)]
async fn tasks_run_at_the_same_time() {
    let (_, took) = timed(spawn_all(three_jobs())).await;
    assert_elapsed(
        "spawn_all() of futures taking 3 s, 1 s and 2 s (spawn every task before awaiting any handle)",
        took,
        secs(3),
    );
}

#[support::test(start_paused = true)]
async fn every_future_runs_in_a_task_of_its_own() {
    let whoami = || async { tokio::task::try_id() };
    let (ids, _) = timed(spawn_all(vec![whoami(), whoami(), whoami()])).await;
    assert!(
        ids.iter().all(Option::is_some),
        "a future ran outside any spawned task ({ids:?}): give each one to `tokio::spawn` \
         instead of polling it in the caller's task (as `join_all` would)"
    );
    let distinct: HashSet<_> = ids.iter().collect();
    assert_eq!(
        distinct.len(),
        3,
        "the three futures should run in three different tasks, but ran in {ids:?}: spawn each one separately"
    );
}
