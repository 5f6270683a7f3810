//! Exercise `pool`: `max_size` slots travel through a channel, first in,
//! first out, so a returned connection queues behind the empty slots. A slot is
//! empty until its connection is opened; taking a slot is the right to
//! hold a connection, and the guard sends the slot back when dropped.

use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};

pub trait Manager: Send + Sync + 'static {
    type Connection: Send + 'static;
    fn connect(&self) -> impl Future<Output = Self::Connection> + Send;
}

pub struct Pool<M: Manager> {
    manager: Arc<M>,
    back: mpsc::Sender<Option<M::Connection>>,
    slots: Mutex<mpsc::Receiver<Option<M::Connection>>>,
}

/// A slot taken from the pool; dropped, it goes back with what it holds.
struct Slot<M: Manager> {
    connection: Option<M::Connection>,
    back: mpsc::Sender<Option<M::Connection>>,
}

impl<M: Manager> Drop for Slot<M> {
    fn drop(&mut self) {
        // The channel holds every slot, so there is always room.
        let _ = self.back.try_send(self.connection.take());
    }
}

impl<M: Manager> Pool<M> {
    pub fn new(manager: M, max_size: usize) -> Pool<M> {
        let max_size = max_size.max(1);
        let (back, slots) = mpsc::channel(max_size);
        for _ in 0..max_size {
            back.try_send(None).expect("room for every slot");
        }
        Pool {
            manager: Arc::new(manager),
            back,
            slots: Mutex::new(slots),
        }
    }

    pub async fn get(&self) -> Pooled<M> {
        let taken = self.slots.lock().await.recv().await;
        let mut slot = Slot {
            connection: taken.expect("the pool keeps a sender"),
            back: self.back.clone(),
        };
        if slot.connection.is_none() {
            // Cancelled here, the empty slot goes back by itself.
            slot.connection = Some(self.manager.connect().await);
        }
        Pooled { slot }
    }
}

pub struct Pooled<M: Manager> {
    slot: Slot<M>,
}

impl<M: Manager> Deref for Pooled<M> {
    type Target = M::Connection;

    fn deref(&self) -> &M::Connection {
        self.slot
            .connection
            .as_ref()
            .expect("present until dropped")
    }
}

impl<M: Manager> DerefMut for Pooled<M> {
    fn deref_mut(&mut self) -> &mut M::Connection {
        self.slot
            .connection
            .as_mut()
            .expect("present until dropped")
    }
}

impl<M: Manager> Drop for Pooled<M> {
    fn drop(&mut self) {
        // The slot's own Drop sends it back, connection and all.
    }
}
