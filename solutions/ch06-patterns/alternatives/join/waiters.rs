//! Exercise `join`: a count behind a std mutex, and the joiners' oneshot
//! senders, all answered when the count reaches zero.

use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

#[derive(Debug, Default)]
struct State {
    unfinished: usize,
    joiners: Vec<oneshot::Sender<()>>,
}

#[derive(Debug)]
pub struct Tracker {
    state: Arc<Mutex<State>>,
}

#[derive(Debug)]
pub struct Ticket {
    state: Arc<Mutex<State>>,
}

impl Tracker {
    pub fn new() -> Tracker {
        Tracker {
            state: Arc::default(),
        }
    }

    pub fn add(&self) -> Ticket {
        self.state.lock().unwrap().unfinished += 1;
        Ticket {
            state: Arc::clone(&self.state),
        }
    }

    pub fn unfinished(&self) -> usize {
        self.state.lock().unwrap().unfinished
    }

    pub async fn join(&self) {
        let done = {
            let mut state = self.state.lock().unwrap();
            if state.unfinished == 0 {
                return;
            }
            let (sender, done) = oneshot::channel();
            state.joiners.push(sender);
            done
        };
        let _ = done.await;
    }
}

impl Default for Tracker {
    fn default() -> Tracker {
        Tracker::new()
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut state = self.state.lock().unwrap();
        state.unfinished -= 1;
        if state.unfinished == 0 {
            for joiner in state.joiners.drain(..) {
                let _ = joiner.send(());
            }
        }
    }
}
