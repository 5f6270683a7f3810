//! Exercise `scheduler`: the event loop that ties the pieces together.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::{Notify, watch};
use tokio::task::{AbortHandle, JoinSet};
use tokio::time::{Instant, sleep_until};

use crate::attempt::attempt;
use crate::graph::{Admission, Graph};
use crate::queue::ReadyQueue;
use crate::stats::Stats;
use crate::task::{Outcome, SubmitError, Task, TaskFuture};
use crate::timers::Timers;

/// Runs submitted tasks, at most `limit` at a time.
#[derive(Debug)]
pub struct Scheduler {
    pub(crate) shared: Arc<Shared>,
}

/// What the scheduler and every handle share.
#[derive(Debug)]
pub(crate) struct Shared {
    state: Mutex<State>,
    // Wakes the loop in `run_until_settled` when something changed that it
    // cannot see by itself: a submission or a cancellation. Finishing tasks
    // and timers wake it on their own.
    changed: Notify,
}

impl Shared {
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        // Never held across an `.await`, so a std mutex is the right tool.
        self.state.lock().unwrap()
    }

    pub(crate) fn wake(&self) {
        // `notify_one` keeps a permit when the loop is not waiting yet, so a
        // change made just before it waits is not lost.
        self.changed.notify_one();
    }
}

#[derive(Debug)]
pub(crate) struct State {
    limit: usize,
    tasks: HashMap<String, Entry>,
    ready: ReadyQueue,
    timers: Timers,
    graph: Graph,
    pub(crate) counts: Stats,
}

#[derive(Debug)]
struct Entry {
    task: Task,
    not_before: Option<Instant>,
    phase: Phase,
    failures: u32,
    outcome: watch::Sender<Option<Outcome>>,
}

#[derive(Debug)]
enum Phase {
    /// Some dependency has not succeeded yet.
    Waiting,
    /// On the timers: a delayed start or the pause before a retry.
    Delayed,
    /// In the ready queue, waiting for a slot.
    Ready,
    /// An attempt is running; the handle stops it.
    Running(AbortHandle),
    Settled,
}

impl Scheduler {
    pub fn new(limit: usize) -> Scheduler {
        assert!(limit > 0, "a scheduler needs at least one slot");
        let state = State {
            limit,
            tasks: HashMap::new(),
            ready: ReadyQueue::new(),
            timers: Timers::new(),
            graph: Graph::new(),
            counts: Stats::default(),
        };
        Scheduler {
            shared: Arc::new(Shared {
                state: Mutex::new(state),
                changed: Notify::new(),
            }),
        }
    }

    pub fn submit(&self, task: Task) -> Result<TaskHandle, SubmitError> {
        let name = task.name.clone();
        let mut state = self.shared.lock();
        // The graph refuses duplicates and cycles before anything changes.
        let admission = state.graph.add(&name, &task.deps)?;
        let (sender, receiver) = watch::channel(None);
        let entry = Entry {
            not_before: task.delay.map(|delay| Instant::now() + delay),
            task,
            phase: Phase::Waiting,
            failures: 0,
            outcome: sender,
        };
        state.tasks.insert(name.clone(), entry);
        state.counts.submitted += 1;
        match admission {
            Admission::Ready => state.release(&name),
            Admission::Waiting => {}
            Admission::Cancelled => state.settle(&name, Outcome::Cancelled),
        }
        drop(state);
        self.shared.wake();
        Ok(TaskHandle {
            name,
            outcome: receiver,
            shared: Arc::clone(&self.shared),
        })
    }

    pub async fn run_until_settled(&self) {
        let mut running = JoinSet::new();
        let mut names = HashMap::new();
        loop {
            let deadline = {
                let mut state = self.shared.lock();
                let now = Instant::now();
                while let Some(name) = state.timers.pop_due(now) {
                    state.make_ready(&name);
                }
                while running.len() < state.limit {
                    let Some(name) = state.ready.pop() else { break };
                    let Some((work, timeout)) = state.begin(&name) else {
                        continue;
                    };
                    let abort = running.spawn(attempt(work, timeout));
                    names.insert(abort.id(), name.clone());
                    state.running(&name, abort);
                }
                if running.is_empty() && state.ready.is_empty() && state.timers.is_empty() {
                    // Nothing runs and nothing will start by itself: whatever
                    // still waits depends on a task that will never come.
                    state.abandon_waiting();
                    return;
                }
                state.timers.next_deadline()
            };
            // Sleep until something happens: a task ends, the next timer is
            // due, or a handle or `submit` changed the state. Never a poll.
            tokio::select! {
                Some(joined) = running.join_next_with_id() => {
                    let (id, outcome) = match joined {
                        Ok((id, outcome)) => (id, Some(outcome)),
                        Err(error) if error.is_panic() => {
                            (error.id(), Some(Outcome::Failed("the task panicked".into())))
                        }
                        // Aborted by `cancel`, which already settled it.
                        Err(error) => (error.id(), None),
                    };
                    let name = names.remove(&id).expect("every spawned attempt has a name");
                    if let Some(outcome) = outcome {
                        self.shared.lock().attempt_done(&name, outcome);
                    }
                }
                () = self.shared.changed.notified() => {}
                () = sleep_until(deadline.unwrap_or_else(Instant::now)), if deadline.is_some() => {}
            }
        }
    }
}

impl State {
    /// Every dependency succeeded: wait for the start time, or queue up.
    fn release(&mut self, name: &str) {
        let entry = self.tasks.get_mut(name).expect("known task");
        match entry.not_before {
            Some(at) if at > Instant::now() => {
                entry.phase = Phase::Delayed;
                self.timers.push(at, name);
            }
            _ => self.make_ready(name),
        }
    }

    fn make_ready(&mut self, name: &str) {
        let entry = self.tasks.get_mut(name).expect("known task");
        entry.phase = Phase::Ready;
        self.ready.push(name, entry.task.priority);
    }

    /// Starts an attempt: the task's work and its timeout.
    fn begin(&mut self, name: &str) -> Option<(TaskFuture, Option<Duration>)> {
        let entry = self.tasks.get_mut(name)?;
        if !matches!(entry.phase, Phase::Ready) {
            return None;
        }
        // Calling the closure only builds the attempt's future (futures are
        // lazy): the work itself runs in the spawned task, outside the lock.
        Some(((entry.task.run)(), entry.task.timeout))
    }

    fn running(&mut self, name: &str, abort: AbortHandle) {
        if let Some(entry) = self.tasks.get_mut(name) {
            entry.phase = Phase::Running(abort);
        }
        self.counts.running += 1;
        self.counts.peak_running = self.counts.peak_running.max(self.counts.running);
    }

    fn attempt_done(&mut self, name: &str, outcome: Outcome) {
        let entry = self.tasks.get_mut(name).expect("known task");
        if !matches!(entry.phase, Phase::Running(_)) {
            return; // cancelled while its result was on the way
        }
        self.counts.running -= 1;
        if outcome != Outcome::Succeeded {
            entry.failures += 1;
            let wait = entry
                .task
                .retry
                .and_then(|r| r.delay_before(entry.failures));
            if let Some(wait) = wait {
                // The pause is a timer, not a sleep inside the attempt: the
                // slot is free for others until the retry is due.
                entry.phase = Phase::Delayed;
                self.timers.push(Instant::now() + wait, name);
                self.counts.retries += 1;
                return;
            }
        }
        self.settle(name, outcome);
    }

    /// Records the final outcome and tells the dependents.
    pub(crate) fn settle(&mut self, name: &str, outcome: Outcome) {
        let entry = self.tasks.get_mut(name).expect("known task");
        if matches!(entry.phase, Phase::Settled) {
            return;
        }
        entry.phase = Phase::Settled;
        match outcome {
            Outcome::Succeeded => self.counts.succeeded += 1,
            Outcome::Failed(_) => self.counts.failed += 1,
            Outcome::TimedOut => self.counts.timed_out += 1,
            Outcome::Cancelled => self.counts.cancelled += 1,
        }
        let succeeded = outcome == Outcome::Succeeded;
        entry.outcome.send_replace(Some(outcome));
        if succeeded {
            for dependent in self.graph.succeeded(name) {
                self.release(&dependent);
            }
        } else {
            // Dependents of a task that did not succeed can never run:
            // cancel them now rather than leave them waiting.
            for dependent in self.graph.failed(name) {
                self.settle(&dependent, Outcome::Cancelled);
            }
        }
    }

    /// Takes a task out of whatever queue holds it and settles it as
    /// cancelled. False when it had already settled.
    pub(crate) fn cancel(&mut self, name: &str) -> bool {
        let Some(entry) = self.tasks.get_mut(name) else {
            return false;
        };
        match &entry.phase {
            Phase::Settled => return false,
            Phase::Waiting => {}
            Phase::Delayed => {
                self.timers.remove(name);
            }
            Phase::Ready => {
                self.ready.remove(name);
            }
            Phase::Running(abort) => {
                // Dropping the future is what stops it; its slot frees as
                // soon as the loop collects it.
                abort.abort();
                self.counts.running -= 1;
            }
        }
        self.settle(name, Outcome::Cancelled);
        true
    }

    fn abandon_waiting(&mut self) {
        let waiting: Vec<String> = self
            .tasks
            .iter()
            .filter(|(_, entry)| matches!(entry.phase, Phase::Waiting))
            .map(|(name, _)| name.clone())
            .collect();
        for name in waiting {
            self.settle(&name, Outcome::Cancelled);
        }
    }
}

/// One submitted task: its outcome, and the way to cancel it.
#[derive(Debug)]
pub struct TaskHandle {
    name: String,
    outcome: watch::Receiver<Option<Outcome>>,
    pub(crate) shared: Arc<Shared>,
}

impl TaskHandle {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub async fn outcome(&self) -> Outcome {
        let mut outcome = self.outcome.clone();
        match outcome.wait_for(Option::is_some).await {
            Ok(settled) => settled.clone().expect("waited for Some"),
            // The scheduler is gone: the task will never run.
            Err(_) => Outcome::Cancelled,
        }
    }
}
