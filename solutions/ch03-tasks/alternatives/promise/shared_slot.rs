//! Exercise `promise`, by hand: a slot and a waker shared behind a mutex.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromiseError<E> {
    Failed(E),
    Abandoned,
}

/// What both halves share.
#[derive(Debug)]
struct Shared<T, E> {
    outcome: Option<Result<T, PromiseError<E>>>,
    waiter: Option<Waker>,
}

impl<T, E> Shared<T, E> {
    /// Stores the first outcome only, and wakes the waiter.
    fn settle(&mut self, outcome: Result<T, PromiseError<E>>) {
        if self.outcome.is_none() {
            self.outcome = Some(outcome);
        }
        if let Some(waker) = self.waiter.take() {
            waker.wake();
        }
    }
}

#[derive(Debug)]
pub struct Setter<T, E> {
    shared: Arc<Mutex<Shared<T, E>>>,
}

#[derive(Debug)]
pub struct Promise<T, E> {
    shared: Arc<Mutex<Shared<T, E>>>,
}

pub fn promise<T, E>() -> (Setter<T, E>, Promise<T, E>) {
    let shared = Arc::new(Mutex::new(Shared {
        outcome: None,
        waiter: None,
    }));
    (
        Setter {
            shared: Arc::clone(&shared),
        },
        Promise { shared },
    )
}

impl<T, E> Setter<T, E> {
    pub fn set_result(self, value: T) {
        self.shared.lock().unwrap().settle(Ok(value));
    }

    pub fn set_error(self, error: E) {
        self.shared
            .lock()
            .unwrap()
            .settle(Err(PromiseError::Failed(error)));
    }
}

/// Runs after `set_result` too, where it changes nothing: the first
/// outcome stays.
impl<T, E> Drop for Setter<T, E> {
    fn drop(&mut self) {
        if let Ok(mut shared) = self.shared.lock() {
            shared.settle(Err(PromiseError::Abandoned));
        }
    }
}

impl<T, E> Future for Promise<T, E> {
    type Output = Result<T, PromiseError<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut shared = self.shared.lock().unwrap();
        match shared.outcome.take() {
            Some(outcome) => Poll::Ready(outcome),
            None => {
                shared.waiter = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
