//! Exercise `pipeline`: stages joined by bounded channels, failing cleanly.

use std::future::Future;
use std::sync::Arc;

use futures::FutureExt;
use futures::future::BoxFuture;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

/// How many items each channel between two stages holds.
pub const CAPACITY: usize = 1;

/// One stage: takes a number, gives a number or an error message.
pub type Stage = Arc<dyn Fn(u64) -> BoxFuture<'static, Result<u64, String>> + Send + Sync>;

/// Makes a [`Stage`] from an async closure.
pub fn stage<F, Fut>(f: F) -> Stage
where
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<u64, String>> + Send + 'static,
{
    Arc::new(move |x| f(x).boxed())
}

/// Which stage failed, on which input, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageFailed {
    pub stage: usize,
    pub input: u64,
    pub message: String,
}

pub async fn run_pipeline(inputs: Vec<u64>, stages: Vec<Stage>) -> Result<Vec<u64>, StageFailed> {
    let mut tasks = JoinSet::new();
    let (source, mut upstream) = mpsc::channel(CAPACITY);
    tasks.spawn(async move {
        for input in inputs {
            // A closed channel means a stage downstream gave up: stop.
            if source.send(input).await.is_err() {
                break;
            }
        }
        Ok(())
    });
    for (index, stage) in stages.into_iter().enumerate() {
        let (tx, rx) = mpsc::channel(CAPACITY);
        let mut input = std::mem::replace(&mut upstream, rx);
        tasks.spawn(async move {
            while let Some(x) = input.recv().await {
                match stage(x).await {
                    Ok(y) => {
                        if tx.send(y).await.is_err() {
                            break;
                        }
                    }
                    // Returning drops both ends: upstream's next send fails
                    // and downstream's receive ends, so nobody is left
                    // waiting on this stage.
                    Err(message) => {
                        return Err(StageFailed {
                            stage: index,
                            input: x,
                            message,
                        });
                    }
                }
            }
            Ok(())
        });
    }

    // Collect while the stages run: waiting for the tasks first would
    // deadlock once the last channel is full.
    let mut outputs = Vec::new();
    while let Some(y) = upstream.recv().await {
        outputs.push(y);
    }
    let mut failure = None;
    while let Some(done) = tasks.join_next().await {
        if let Err(failed) = done.expect("a stage panicked") {
            failure.get_or_insert(failed);
        }
    }
    match failure {
        Some(failed) => Err(failed),
        None => Ok(outputs),
    }
}
