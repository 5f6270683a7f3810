//! Exercise `promise`: an unbounded mpsc channel that carries one message.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::sync::mpsc;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromiseError<E> {
    Failed(E),
    Abandoned,
}

#[derive(Debug)]
pub struct Setter<T, E> {
    tx: mpsc::UnboundedSender<Result<T, E>>,
}

#[derive(Debug)]
pub struct Promise<T, E> {
    rx: mpsc::UnboundedReceiver<Result<T, E>>,
}

pub fn promise<T, E>() -> (Setter<T, E>, Promise<T, E>) {
    let (tx, rx) = mpsc::unbounded_channel();
    (Setter { tx }, Promise { rx })
}

impl<T, E> Setter<T, E> {
    pub fn set_result(self, value: T) {
        // Fails only when the promise is gone.
        let _ = self.tx.send(Ok(value));
    }

    pub fn set_error(self, error: E) {
        let _ = self.tx.send(Err(error));
    }
}

impl<T, E> Future for Promise<T, E> {
    type Output = Result<T, PromiseError<E>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // `None`: every sender is gone, and none sent anything.
        self.rx.poll_recv(cx).map(|message| match message {
            Some(Ok(value)) => Ok(value),
            Some(Err(error)) => Err(PromiseError::Failed(error)),
            None => Err(PromiseError::Abandoned),
        })
    }
}
