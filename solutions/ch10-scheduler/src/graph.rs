//! Exercise `graph`: who waits for whom.

use std::collections::{HashMap, HashSet};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Waiting,
    Succeeded,
    Failed,
}

#[derive(Debug)]
struct Node {
    deps: Vec<String>,
    unmet: usize,
    state: State,
}

/// The dependency graph of the submitted tasks.
#[derive(Debug, Default)]
pub struct Graph {
    nodes: HashMap<String, Node>,
    // dependency name -> the added tasks that wait for it, in add order. The
    // dependency itself may not be added yet.
    dependents: HashMap<String, Vec<String>>,
}

impl Graph {
    pub fn new() -> Graph {
        Graph::default()
    }

    pub fn add(&mut self, name: &str, deps: &[String]) -> Result<Admission, SubmitError> {
        if self.nodes.contains_key(name) {
            return Err(SubmitError::Duplicate(name.to_string()));
        }
        let mut unique = Vec::new();
        for dep in deps {
            if !unique.contains(dep) {
                unique.push(dep.clone());
            }
        }
        if let Some(cycle) = self.cycle_through(name, &unique) {
            return Err(SubmitError::Cycle(cycle));
        }
        let mut unmet = 0;
        let mut doomed = false;
        for dep in &unique {
            match self.nodes.get(dep).map(|n| n.state) {
                Some(State::Succeeded) => {}
                Some(State::Failed) => doomed = true,
                Some(State::Waiting) | None => unmet += 1,
            }
            self.dependents
                .entry(dep.clone())
                .or_default()
                .push(name.to_string());
        }
        self.nodes.insert(
            name.to_string(),
            Node {
                deps: unique,
                unmet,
                state: State::Waiting,
            },
        );
        Ok(if doomed {
            Admission::Cancelled
        } else if unmet == 0 {
            Admission::Ready
        } else {
            Admission::Waiting
        })
    }

    /// A path `name -> dep -> ... -> name` along dependencies, if adding
    /// `name` with `deps` would close one.
    fn cycle_through(&self, name: &str, deps: &[String]) -> Option<Vec<String>> {
        // Only a task that others already wait for can close a cycle.
        if !self.dependents.contains_key(name) && !deps.iter().any(|d| d == name) {
            return None;
        }
        // Depth-first along dependencies, remembering how we got to each node.
        let mut came_from: HashMap<&str, &str> = HashMap::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut stack: Vec<(&str, &str)> = deps.iter().rev().map(|d| (d.as_str(), name)).collect();
        while let Some((node, parent)) = stack.pop() {
            if node == name {
                // Walk back from the last task to the first dependency.
                let mut chain = Vec::new();
                let mut at = parent;
                while at != name {
                    chain.push(at.to_string());
                    at = came_from[at];
                }
                chain.reverse();
                let mut path = vec![name.to_string()];
                path.extend(chain);
                path.push(name.to_string());
                return Some(path);
            }
            if !seen.insert(node) {
                continue;
            }
            came_from.insert(node, parent);
            if let Some(n) = self.nodes.get(node) {
                stack.extend(n.deps.iter().rev().map(|d| (d.as_str(), node)));
            }
        }
        None
    }

    pub fn succeeded(&mut self, name: &str) -> Vec<String> {
        if let Some(node) = self.nodes.get_mut(name) {
            node.state = State::Succeeded;
        }
        let mut ready = Vec::new();
        for dependent in self.dependents.get(name).into_iter().flatten() {
            let node = self
                .nodes
                .get_mut(dependent)
                .expect("dependents are added tasks");
            if node.state != State::Waiting {
                continue;
            }
            node.unmet -= 1;
            if node.unmet == 0 {
                ready.push(dependent.clone());
            }
        }
        ready
    }

    pub fn failed(&mut self, name: &str) -> Vec<String> {
        if let Some(node) = self.nodes.get_mut(name) {
            node.state = State::Failed;
        }
        // Every task that waits for `name`, directly or not, can never run.
        let mut cancelled = Vec::new();
        let mut stack = vec![name.to_string()];
        while let Some(failed) = stack.pop() {
            for dependent in self.dependents.get(&failed).into_iter().flatten() {
                let node = self
                    .nodes
                    .get_mut(dependent)
                    .expect("dependents are added tasks");
                if node.state == State::Waiting {
                    node.state = State::Failed;
                    cancelled.push(dependent.clone());
                    stack.push(dependent.clone());
                }
            }
        }
        cancelled
    }
}
