//! Exercise `promise`, wrongly: a shared slot, and nothing happens when the
//! setter is dropped without setting it.

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
    /// Stores the outcome, and wakes the waiter.
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
