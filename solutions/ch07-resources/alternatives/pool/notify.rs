//! Exercise `pool`: a std mutex over the count and the idle connections; a
//! caller that finds neither waits on a `Notify` that every returned
//! connection rings, listening before it looks.

use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

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
    returned: Notify,
}

struct State<C> {
    live: usize,
    idle: Vec<C>,
}

/// Gives a counted place back if the connect it was counted for is
/// abandoned.
struct Place<'a, M: Manager> {
    shared: &'a Shared<M>,
    armed: bool,
}

impl<M: Manager> Drop for Place<'_, M> {
    fn drop(&mut self) {
        if self.armed {
            self.shared.state.lock().unwrap().live -= 1;
            self.shared.returned.notify_one();
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
                }),
                returned: Notify::new(),
            }),
        }
    }

    pub async fn get(&self) -> Pooled<M> {
        let shared = &*self.shared;
        let connection = loop {
            let returned = shared.returned.notified();
            tokio::pin!(returned);
            returned.as_mut().enable();
            let open = {
                let mut state = shared.state.lock().unwrap();
                if let Some(connection) = state.idle.pop() {
                    break connection;
                }
                let open = state.live < shared.max_size;
                if open {
                    state.live += 1;
                }
                open
            };
            if open {
                let mut place = Place {
                    shared,
                    armed: true,
                };
                let connection = shared.manager.connect().await;
                place.armed = false;
                break connection;
            }
            returned.await;
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
        if let Some(connection) = self.connection.take() {
            self.shared.state.lock().unwrap().idle.push(connection);
            self.shared.returned.notify_one();
        }
    }
}
