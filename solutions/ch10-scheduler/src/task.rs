//! What a task is, how it ended, and why a submission can be refused.
//!
//! Given code: every exercise uses these types, none of them is yours to
//! write.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use futures::future::BoxFuture;

use crate::retry::Retry;

/// One attempt at a task's work: a boxed future that ends in `Ok(())` or an
/// error message.
pub type TaskFuture = BoxFuture<'static, Result<(), String>>;

/// A task's work: called once per attempt, so a retried task runs afresh.
pub type TaskFn = Box<dyn FnMut() -> TaskFuture + Send>;

/// A task to submit to a [`Scheduler`](crate::scheduler::Scheduler): its
/// work and the rules for running it. Build one with [`Task::new`] and the
/// builder methods.
///
/// ```
/// # use std::time::Duration;
/// # use ch10_scheduler::task::Task;
/// let report = Task::new("report", || async { Ok(()) })
///     .priority(5)
///     .after(&["fetch", "parse"])
///     .timeout(Duration::from_secs(30));
/// assert_eq!(report.deps, ["fetch", "parse"]);
/// ```
pub struct Task {
    /// Unique among the tasks of one scheduler; dependencies refer to it.
    pub name: String,
    /// Higher runs first; tasks of equal priority run in submission order.
    pub priority: i32,
    /// Do not start before this long after submission.
    pub delay: Option<Duration>,
    /// Names of the tasks that must succeed before this one may start.
    pub deps: Vec<String>,
    /// Each attempt is stopped (and counts as failed) after this long.
    pub timeout: Option<Duration>,
    /// Try again after a failed attempt, and how long to wait first.
    pub retry: Option<Retry>,
    /// The work itself.
    pub run: TaskFn,
}

impl Task {
    /// A task named `name` whose work is `work`, called once per attempt:
    /// priority 0, no delay, no dependencies, no timeout, no retries.
    pub fn new<F, Fut>(name: &str, mut work: F) -> Task
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = Result<(), String>> + Send + 'static,
    {
        Task {
            name: name.to_string(),
            priority: 0,
            delay: None,
            deps: Vec::new(),
            timeout: None,
            retry: None,
            run: Box::new(move || Box::pin(work())),
        }
    }

    pub fn priority(mut self, priority: i32) -> Task {
        self.priority = priority;
        self
    }

    pub fn delay(mut self, delay: Duration) -> Task {
        self.delay = Some(delay);
        self
    }

    /// Adds dependencies: this task starts only after every one of them
    /// has succeeded. They may be submitted before or after this task.
    pub fn after(mut self, deps: &[&str]) -> Task {
        self.deps.extend(deps.iter().map(|d| d.to_string()));
        self
    }

    pub fn timeout(mut self, timeout: Duration) -> Task {
        self.timeout = Some(timeout);
        self
    }

    pub fn retry(mut self, retry: Retry) -> Task {
        self.retry = Some(retry);
        self
    }
}

impl fmt::Debug for Task {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Task")
            .field("name", &self.name)
            .field("priority", &self.priority)
            .field("delay", &self.delay)
            .field("deps", &self.deps)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// How a task ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Its work returned `Ok(())`.
    Succeeded,
    /// Its last attempt returned this error.
    Failed(String),
    /// Its last attempt ran out of time.
    TimedOut,
    /// It was cancelled, or a task it depends on did not succeed (or was
    /// never submitted).
    Cancelled,
}

/// Why [`Scheduler::submit`](crate::scheduler::Scheduler::submit) refused
/// a task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubmitError {
    /// A task with this name was already submitted.
    Duplicate(String),
    /// The task's dependencies lead back to itself. The path starts and
    /// ends with the refused task and follows dependencies: `["c", "b",
    /// "a", "c"]` means c depends on b, b on a, and a on c.
    Cycle(Vec<String>),
}

impl fmt::Display for SubmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SubmitError::Duplicate(name) => {
                write!(f, "a task named `{name}` was already submitted")
            }
            SubmitError::Cycle(path) => write!(f, "dependency cycle: {}", path.join(" -> ")),
        }
    }
}

impl std::error::Error for SubmitError {}
