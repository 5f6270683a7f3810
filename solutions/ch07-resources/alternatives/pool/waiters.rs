//! Exercise `pool`: a std mutex over the count, the idle connections and a
//! queue of waiters. A returned connection goes to the first caller still
//! waiting; a caller that gave up is skipped.

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

/// Counts a connection being opened; gives its place back if the opening
/// is abandoned.
struct Opening<'a, M: Manager>(Option<&'a Shared<M>>);

impl<M: Manager> Drop for Opening<'_, M> {
    fn drop(&mut self) {
        if let Some(shared) = self.0 {
            shared.state.lock().unwrap().live -= 1;
        }
    }
}

impl<M: Manager> Pool<M> {
    pub fn new(manager: M, max_size: usize) -> Pool<M> {
        Pool {
            shared: Arc::new(Shared {
                manager,
                max_size: max_size.max(1),
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
                // Counted before the await: nobody else can take this place.
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
            Next::Open => {
                let mut opening = Opening(Some(&*self.shared));
                let connection = self.shared.manager.connect().await;
                opening.0 = None;
                connection
            }
            Next::Wait(receiver) => receiver.await.expect("the pool hands one over"),
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
        let Some(mut connection) = self.connection.take() else {
            return;
        };
        let mut state = self.shared.state.lock().unwrap();
        while let Some(waiter) = state.waiters.pop_front() {
            // A waiter that gave up dropped its receiver: try the next one.
            match waiter.send(connection) {
                Ok(()) => return,
                Err(back) => connection = back,
            }
        }
        state.idle.push(connection);
    }
}
