//! Exercise `pool`: a bounded connection pool with guards.

use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Makes new connections for a [`Pool`]. Connecting takes time.
pub trait Manager: Send + Sync + 'static {
    type Connection: Send + 'static;
    fn connect(&self) -> impl Future<Output = Self::Connection> + Send;
}

/// One permit per connection that may be live. A caller holds a permit for
/// as long as it holds a connection, *including while it connects*, so the
/// count can never be passed; waiting for a permit is waiting for a
/// connection to come back, and the semaphore wakes the first waiter.
pub struct Pool<M: Manager> {
    shared: Arc<Shared<M>>,
}

struct Shared<M: Manager> {
    manager: M,
    idle: Mutex<Vec<M::Connection>>,
    permits: Arc<Semaphore>,
}

impl<M: Manager> Pool<M> {
    pub fn new(manager: M, max_size: usize) -> Pool<M> {
        Pool {
            shared: Arc::new(Shared {
                manager,
                idle: Mutex::new(Vec::new()),
                permits: Arc::new(Semaphore::new(max_size)),
            }),
        }
    }

    pub async fn get(&self) -> Pooled<M> {
        let permit = Arc::clone(&self.shared.permits)
            .acquire_owned()
            .await
            .expect("the pool never closes its semaphore");
        // The lock is released before any await.
        let idle = self.shared.idle.lock().unwrap().pop();
        let connection = match idle {
            Some(connection) => connection,
            // Dropping this future during `connect` drops the permit too.
            None => self.shared.manager.connect().await,
        };
        Pooled {
            connection: Some(connection),
            shared: Arc::clone(&self.shared),
            _permit: permit,
        }
    }
}

/// A connection lent by a [`Pool`]; dropping it gives the connection back.
pub struct Pooled<M: Manager> {
    connection: Option<M::Connection>,
    shared: Arc<Shared<M>>,
    // Dropped after `drop` below has put the connection back, so the waiter
    // it wakes finds it idle.
    _permit: OwnedSemaphorePermit,
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
            self.shared.idle.lock().unwrap().push(connection);
        }
    }
}
