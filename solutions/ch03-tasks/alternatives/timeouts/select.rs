//! Exercise `timeouts` with `select!`: the future races a timer.

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, sleep, sleep_until};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimedOut;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfTime {
    pub completed: usize,
}

/// Whichever branch is ready first wins; the other is dropped.
pub async fn within<F: Future>(limit: Duration, fut: F) -> Result<F::Output, TimedOut> {
    tokio::select! {
        output = fut => Ok(output),
        () = sleep(limit) => Err(TimedOut),
    }
}

/// One timer for the whole run, raced by each step in turn.
pub async fn all_within<F: Future>(
    budget: Duration,
    steps: Vec<F>,
) -> Result<Vec<F::Output>, OutOfTime> {
    let out_of_time = sleep_until(Instant::now() + budget);
    tokio::pin!(out_of_time);
    let mut outputs = Vec::with_capacity(steps.len());
    for step in steps {
        tokio::select! {
            output = step => outputs.push(output),
            () = &mut out_of_time => {
                return Err(OutOfTime { completed: outputs.len() });
            }
        }
    }
    Ok(outputs)
}
