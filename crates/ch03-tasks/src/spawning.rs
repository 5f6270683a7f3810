//! Exercise `spawning`: tasks that run on their own.

use std::future::Future;

/// Runs every future as a tokio task of its own, all started at once, and
/// returns their outputs in the order of `futures`: the order they were
/// spawned in, not the order they finished in.
///
/// Each future must run in its own task (`tokio::spawn`), not inside the
/// caller's task. Futures of 3 s, 1 s and 2 s take 3 s in all. If a task
/// panics, `spawn_all` panics too (the `gather` exercise does better).
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch03_tasks::spawning::spawn_all;
/// # async fn demo() {
/// let slow = |name: &'static str, secs| async move {
///     tokio::time::sleep(Duration::from_secs(secs)).await;
///     name
/// };
/// let names = spawn_all(vec![slow("A", 3), slow("B", 1)]).await;
/// assert_eq!(names, ["A", "B"]); // after 3 s, though B finished first
/// # }
/// ```
pub async fn spawn_all<F>(futures: Vec<F>) -> Vec<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    todo!()
}
