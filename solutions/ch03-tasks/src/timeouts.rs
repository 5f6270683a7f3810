//! Exercise `timeouts`: a time limit around a future, and a shared budget.

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, timeout, timeout_at};

/// The future did not finish within its time limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimedOut;

/// The budget of [`all_within`] ran out before every step had finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfTime {
    pub completed: usize,
}

/// `timeout` races the future against a timer; when the timer wins it
/// drops the future, which is how Rust cancels.
pub async fn within<F: Future>(limit: Duration, fut: F) -> Result<F::Output, TimedOut> {
    timeout(limit, fut).await.map_err(|_| TimedOut)
}

/// One deadline for all the steps: a fresh `timeout(budget, ..)` per step
/// would let the whole run take `steps × budget`.
pub async fn all_within<F: Future>(
    budget: Duration,
    steps: Vec<F>,
) -> Result<Vec<F::Output>, OutOfTime> {
    let deadline = Instant::now() + budget;
    let mut outputs = Vec::with_capacity(steps.len());
    for step in steps {
        match timeout_at(deadline, step).await {
            Ok(output) => outputs.push(output),
            Err(_) => {
                return Err(OutOfTime {
                    completed: outputs.len(),
                });
            }
        }
    }
    Ok(outputs)
}
