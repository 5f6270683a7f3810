//! Exercise `graph`: the tasks in the order they were added, each with its
//! dependencies and state. Dependents are found by scanning that list, and
//! a cycle by a recursive walk that keeps its path.

use std::collections::{HashMap, HashSet};

use crate::task::SubmitError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    Ready,
    Waiting,
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
    name: String,
    deps: Vec<String>,
    state: State,
}

#[derive(Debug, Default)]
pub struct Graph {
    /// In the order they were added.
    nodes: Vec<Node>,
    index: HashMap<String, usize>,
}

impl Graph {
    pub fn new() -> Graph {
        Graph::default()
    }

    fn state(&self, name: &str) -> Option<State> {
        self.index.get(name).map(|&i| self.nodes[i].state)
    }

    pub fn add(&mut self, name: &str, deps: &[String]) -> Result<Admission, SubmitError> {
        if self.index.contains_key(name) {
            return Err(SubmitError::Duplicate(name.to_string()));
        }
        let mut path = vec![name.to_string()];
        let mut visited = HashSet::new();
        for dep in deps {
            if self.leads_to(dep, name, &mut path, &mut visited) {
                return Err(SubmitError::Cycle(path));
            }
        }
        let states: Vec<Option<State>> = deps.iter().map(|d| self.state(d)).collect();
        self.index.insert(name.to_string(), self.nodes.len());
        self.nodes.push(Node {
            name: name.to_string(),
            deps: deps.to_vec(),
            state: State::Waiting,
        });
        Ok(if states.contains(&Some(State::Failed)) {
            Admission::Cancelled
        } else if states.iter().all(|s| *s == Some(State::Succeeded)) {
            Admission::Ready
        } else {
            Admission::Waiting
        })
    }

    /// Whether `from` leads back to `target` along dependencies; if so,
    /// `path` ends with the way there.
    fn leads_to(
        &self,
        from: &str,
        target: &str,
        path: &mut Vec<String>,
        visited: &mut HashSet<String>,
    ) -> bool {
        path.push(from.to_string());
        if from == target {
            return true;
        }
        if visited.insert(from.to_string()) {
            if let Some(&i) = self.index.get(from) {
                for dep in &self.nodes[i].deps {
                    if self.leads_to(dep, target, path, visited) {
                        return true;
                    }
                }
            }
        }
        path.pop();
        false
    }

    pub fn succeeded(&mut self, name: &str) -> Vec<String> {
        let Some(&i) = self.index.get(name) else {
            return Vec::new();
        };
        self.nodes[i].state = State::Succeeded;
        let ready: Vec<String> = self
            .nodes
            .iter()
            .filter(|node| node.state == State::Waiting && node.deps.iter().any(|d| d == name))
            .filter(|node| {
                node.deps
                    .iter()
                    .all(|d| self.state(d) == Some(State::Succeeded))
            })
            .map(|node| node.name.clone())
            .collect();
        ready
    }

    pub fn failed(&mut self, name: &str) -> Vec<String> {
        if let Some(&i) = self.index.get(name) {
            self.nodes[i].state = State::Failed;
        }
        let mut doomed: Vec<String> = Vec::new();
        let mut failed = vec![name.to_string()];
        while let Some(failure) = failed.pop() {
            for i in 0..self.nodes.len() {
                let node = &mut self.nodes[i];
                if node.state == State::Waiting && node.deps.contains(&failure) {
                    node.state = State::Failed;
                    doomed.push(node.name.clone());
                    failed.push(node.name.clone());
                }
            }
        }
        doomed
    }
}
