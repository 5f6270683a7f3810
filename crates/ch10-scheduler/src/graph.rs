//! Exercise `graph`: who waits for whom.

use crate::task::SubmitError;

/// What [`Graph::add`] found about a new task's dependencies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// Every dependency has already succeeded (or there are none).
    Ready,
    /// Some dependency has not finished yet (or was not even added yet).
    Waiting,
    /// A dependency already failed or was cancelled: the task never can run.
    Cancelled,
}

/// The dependency graph of the submitted tasks, by name.
///
/// A task may name dependencies that are not added yet: they are simply not
/// done yet. The graph remembers which tasks succeeded and which failed (or
/// were cancelled), tells the scheduler which tasks a success makes ready,
/// and which tasks a failure dooms. Add the fields you need.
///
/// ```no_run
/// # use ch10_scheduler::graph::{Admission, Graph};
/// let mut graph = Graph::new();
/// assert_eq!(graph.add("test", &["build".to_string()]), Ok(Admission::Waiting));
/// assert_eq!(graph.add("build", &[]), Ok(Admission::Ready));
/// assert_eq!(graph.succeeded("build"), ["test"]);
/// ```
#[derive(Debug, Default)]
pub struct Graph {}

impl Graph {
    /// An empty graph.
    pub fn new() -> Graph {
        todo!()
    }

    /// Adds the task `name`, which waits for every task in `deps`.
    ///
    /// Refuses, leaving the graph as it was:
    /// - a name already added: [`SubmitError::Duplicate`];
    /// - a task whose dependencies lead back to itself, through tasks
    ///   already added: [`SubmitError::Cycle`] with the path, from `name`
    ///   along dependencies back to `name` (`["c", "b", "a", "c"]` when c
    ///   depends on b, b on a and a on c).
    ///
    /// Otherwise says whether the task can run now ([`Admission`]).
    pub fn add(&mut self, name: &str, deps: &[String]) -> Result<Admission, SubmitError> {
        todo!()
    }

    /// Records that `name` succeeded. Returns the tasks that it made ready
    /// (every dependency of theirs has now succeeded), in the order they
    /// were added.
    pub fn succeeded(&mut self, name: &str) -> Vec<String> {
        todo!()
    }

    /// Records that `name` failed or was cancelled. Returns every task that
    /// waits for it, directly or through other tasks, and was not finished:
    /// none of them can ever run, so they count as cancelled from now on.
    /// Each appears once, in any order.
    pub fn failed(&mut self, name: &str) -> Vec<String> {
        todo!()
    }
}
