//! Exercise `pipeline`: stages joined by bounded channels, failing cleanly.

use std::future::Future;
use std::sync::Arc;

use futures::FutureExt;
use futures::future::BoxFuture;

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

/// Runs `inputs` through `stages` in order: every input goes through stage
/// 0, its output through stage 1, and so on; returns the last stage's
/// outputs in the order of the inputs. With no stages, the inputs are the
/// outputs.
///
/// Every stage runs in a task of its own, joined to the next by a channel
/// of [`CAPACITY`] items, so all stages work at the same time on different
/// items.
///
/// When a stage returns an error, the pipeline stops without deadlock: the
/// failing stage stops, the stages before it stop (their next send fails),
/// the stages after it finish the items they already have and stop, and
/// `run_pipeline` returns `Err` with the failing stage's index, the input
/// it failed on and its message.
///
/// ```no_run
/// # use ch06_patterns::pipeline::{run_pipeline, stage};
/// # async fn demo() {
/// let double = stage(|x| async move { Ok(x * 2) });
/// let positive = stage(|x| async move { if x > 0 { Ok(x) } else { Err("zero".to_string()) } });
/// assert_eq!(run_pipeline(vec![1, 2], vec![double, positive]).await, Ok(vec![2, 4]));
/// # }
/// ```
pub async fn run_pipeline(inputs: Vec<u64>, stages: Vec<Stage>) -> Result<Vec<u64>, StageFailed> {
    todo!()
}
