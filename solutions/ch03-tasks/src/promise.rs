//! Exercise `promise`: a value that someone else sets, later.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::sync::oneshot;

/// Why a [`Promise`] resolved without a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromiseError<E> {
    /// The setter called [`Setter::set_error`] with this error.
    Failed(E),
    /// The setter was dropped without setting anything.
    Abandoned,
}

/// The setting half: the sending end of a oneshot channel. Consuming
/// `self` makes "set twice" a compile error.
#[derive(Debug)]
pub struct Setter<T, E> {
    tx: oneshot::Sender<Result<T, E>>,
}

/// The waiting half: the receiving end, which is itself a future.
#[derive(Debug)]
pub struct Promise<T, E> {
    rx: oneshot::Receiver<Result<T, E>>,
}

/// A oneshot channel is exactly an asyncio `Future` split in two.
pub fn promise<T, E>() -> (Setter<T, E>, Promise<T, E>) {
    let (tx, rx) = oneshot::channel();
    (Setter { tx }, Promise { rx })
}

impl<T, E> Setter<T, E> {
    pub fn set_result(self, value: T) {
        // `send` fails only when the receiver is gone: nobody to tell.
        let _ = self.tx.send(Ok(value));
    }

    pub fn set_error(self, error: E) {
        let _ = self.tx.send(Err(error));
    }
}

impl<T, E> Future for Promise<T, E> {
    type Output = Result<T, PromiseError<E>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // The receiver registers our waker; a dropped sender wakes us too,
        // with `RecvError`, so the waiter never hangs.
        Pin::new(&mut self.rx)
            .poll(cx)
            .map(|received| match received {
                Ok(Ok(value)) => Ok(value),
                Ok(Err(error)) => Err(PromiseError::Failed(error)),
                Err(_) => Err(PromiseError::Abandoned),
            })
    }
}
