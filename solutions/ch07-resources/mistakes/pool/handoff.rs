//! Exercise `pool`: a returned connection goes straight to the first caller
//! in the queue of waiters, whether or not that caller still waits.

use std::collections::VecDeque;
use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

pub trait Manager: Send + Sync + 'static {
    type Connection: Send + 'static;
    fn connect(&self) -> impl Future<Output = Self::Connection> + Send;
}

pub struct Pool<M: Manager> {
    shared: Arc<Shared<M>>,
}

struct Shared<M: Manager> {
    manager: M,
    max_size: usize,
    state: Mutex<State<M::Connection>>,
}

struct State<C> {
    live: usize,
    idle: Vec<C>,
    waiters: VecDeque<oneshot::Sender<C>>,
}

enum Next<C> {
    Idle(C),
    Open,
    Wait(oneshot::Receiver<C>),
}

impl<M: Manager> Pool<M> {
    pub fn new(manager: M, max_size: usize) -> Pool<M> {
        Pool {
            shared: Arc::new(Shared {
                manager,
                max_size,
                state: Mutex::new(State {
                    live: 0,
                    idle: Vec::new(),
                    waiters: VecDeque::new(),
                }),
            }),
        }
    }

    pub async fn get(&self) -> Pooled<M> {
        let next = {
            let mut state = self.shared.state.lock().unwrap();
            if let Some(connection) = state.idle.pop() {
                Next::Idle(connection)
            } else if state.live < self.shared.max_size {
                state.live += 1;
                Next::Open
            } else {
                let (sender, receiver) = oneshot::channel();
                state.waiters.push_back(sender);
                Next::Wait(receiver)
            }
        };
        let connection = match next {
            Next::Idle(connection) => connection,
            Next::Open => self.shared.manager.connect().await,
            Next::Wait(receiver) => receiver.await.expect("a connection is handed over"),
        };
        Pooled {
            connection: Some(connection),
            shared: Arc::clone(&self.shared),
        }
    }
}

pub struct Pooled<M: Manager> {
    connection: Option<M::Connection>,
    shared: Arc<Shared<M>>,
}

impl<M: Manager> Deref for Pooled<M> {
    type Target = M::Connection;

    fn deref(&self) -> &M::Connection {
        self.connection.as_ref().expect("present until dropped")
    }
}

impl<M: Manager> DerefMut for Pooled<M> {
    fn deref_mut(&mut self) -> &mut M::Connection {
        self.connection.as_mut().expect("present until dropped")
    }
}

impl<M: Manager> Drop for Pooled<M> {
    fn drop(&mut self) {
        let Some(connection) = self.connection.take() else {
            return;
        };
        let mut state = self.shared.state.lock().unwrap();
        match state.waiters.pop_front() {
            // The first in line gets it, if it is still there to take it.
            Some(waiter) => {
                if waiter.send(connection).is_err() {
                    state.live -= 1;
                }
            }
            None => state.idle.push(connection),
        }
    }
}
