//! Exercise `pool`: the Python/asyncio version's pool. If the pool is not full, open a
//! connection and add it; otherwise poll every 10 ms for an idle one.

use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

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
    size: AtomicUsize,
    idle: Mutex<Vec<M::Connection>>,
}

impl<M: Manager> Pool<M> {
    pub fn new(manager: M, max_size: usize) -> Pool<M> {
        Pool {
            shared: Arc::new(Shared {
                manager,
                max_size,
                size: AtomicUsize::new(0),
                idle: Mutex::new(Vec::new()),
            }),
        }
    }

    pub async fn get(&self) -> Pooled<M> {
        loop {
            let idle = self.shared.idle.lock().unwrap().pop();
            if let Some(connection) = idle {
                return self.lend(connection);
            }
            if self.shared.size.load(Ordering::SeqCst) < self.shared.max_size {
                let connection = self.shared.manager.connect().await;
                self.shared.size.fetch_add(1, Ordering::SeqCst);
                return self.lend(connection);
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    fn lend(&self, connection: M::Connection) -> Pooled<M> {
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
            self.shared.idle.lock().unwrap().push(connection);
        }
    }
}
