//! Exercise `attempt`: one try at a task's work, under its timeout.

use std::time::Duration;

use crate::task::{Outcome, TaskFuture};

pub async fn attempt(work: TaskFuture, timeout: Option<Duration>) -> Outcome {
    let result = match timeout {
        // When time is up, `timeout` drops `work`: that is what stops it.
        Some(limit) => match tokio::time::timeout(limit, work).await {
            Ok(result) => result,
            Err(_elapsed) => return Outcome::TimedOut,
        },
        None => work.await,
    };
    match result {
        Ok(()) => Outcome::Succeeded,
        Err(error) => Outcome::Failed(error),
    }
}
