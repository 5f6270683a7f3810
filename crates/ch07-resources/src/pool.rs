//! Exercise `pool`: a bounded connection pool with guards.

use std::future::Future;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

/// Makes new connections for a [`Pool`]. Connecting takes time.
pub trait Manager: Send + Sync + 'static {
    type Connection: Send + 'static;
    fn connect(&self) -> impl Future<Output = Self::Connection> + Send;
}

/// A pool of at most `max_size` connections, shared by many tasks (wrap it
/// in an `Arc`).
///
/// [`Pool::get`] hands out an idle connection if there is one, opens a new
/// one if fewer than `max_size` are live, and otherwise waits until a
/// connection comes back. The connection is lent as a [`Pooled`] guard that
/// puts it back in the pool when dropped.
///
/// Three rules, each broken by the pool of the Python/asyncio version:
/// - **Never more than `max_size` live**, even when 50 callers race. Count a
///   connection as live from the moment you *decide* to open it, before the
///   `connect().await`: checking the size, awaiting, then adding lets every
///   caller pass the check together.
/// - **Waiters wake when a connection returns**, at that very instant; no
///   polling loop of short sleeps.
/// - A caller that gives up waiting (its `get` future is dropped) leaves no
///   trace.
///
/// `tokio::sync::Semaphore` with `max_size` permits does the counting, the
/// waiting and the waking. Replace the placeholder field with the fields
/// you need.
///
/// ```no_run
/// # use ch07_resources::pool::{Manager, Pool};
/// # struct Db;
/// # impl Manager for Db { type Connection = String; async fn connect(&self) -> String { "conn".into() } }
/// # async fn demo() {
/// let pool = Pool::new(Db, 5);
/// let conn = pool.get().await; // opens one
/// assert_eq!(conn.len(), 4);   // a `Pooled` derefs to the connection
/// drop(conn);                  // back in the pool
/// let again = pool.get().await; // the same one, at once
/// # }
/// ```
pub struct Pool<M: Manager> {
    _todo: PhantomData<M>,
}

impl<M: Manager> Pool<M> {
    /// An empty pool that will open at most `max_size` (at least 1)
    /// connections with `manager`.
    pub fn new(manager: M, max_size: usize) -> Pool<M> {
        todo!()
    }

    /// Lends a connection: an idle one, a new one, or the next one to come
    /// back.
    pub async fn get(&self) -> Pooled<M> {
        todo!()
    }
}

/// A connection lent by a [`Pool`]; dropping it gives the connection back.
/// Replace the placeholder field with the fields you need.
pub struct Pooled<M: Manager> {
    _todo: PhantomData<M>,
}

impl<M: Manager> Deref for Pooled<M> {
    type Target = M::Connection;

    fn deref(&self) -> &M::Connection {
        todo!()
    }
}

impl<M: Manager> DerefMut for Pooled<M> {
    fn deref_mut(&mut self) -> &mut M::Connection {
        todo!()
    }
}

impl<M: Manager> Drop for Pooled<M> {
    fn drop(&mut self) {
        todo!()
    }
}
