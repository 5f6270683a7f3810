//! Exercise `offload`: threads of our own, results sent back on oneshots.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

pub async fn offload<T, F>(work: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let (reply, answer) = oneshot::channel();
    std::thread::spawn(move || {
        // The panic is caught here and raised again in the caller.
        let _ = reply.send(catch_unwind(AssertUnwindSafe(work)));
    });
    match answer.await.expect("the thread always sends its outcome") {
        Ok(value) => value,
        Err(panic) => resume_unwind(panic),
    }
}

type Queue<F> = Arc<Mutex<std::vec::IntoIter<(usize, F)>>>;

/// `parallelism` threads of our own, each taking the next job from a shared
/// queue until none is left: a place frees and is filled in one step.
pub async fn offload_all<T, F>(jobs: Vec<F>, parallelism: usize) -> Vec<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let count = jobs.len();
    let queue: Queue<F> = Arc::new(Mutex::new(
        jobs.into_iter().enumerate().collect::<Vec<_>>().into_iter(),
    ));
    let workers: Vec<_> = (0..parallelism.max(1).min(count))
        .map(|_| {
            let queue = Arc::clone(&queue);
            offload(move || {
                let mut done = Vec::new();
                loop {
                    let next = queue.lock().unwrap().next();
                    let Some((index, job)) = next else { break };
                    done.push((index, job()));
                }
                done
            })
        })
        .collect();
    let mut done: Vec<(usize, T)> = futures::future::join_all(workers)
        .await
        .into_iter()
        .flatten()
        .collect();
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}
