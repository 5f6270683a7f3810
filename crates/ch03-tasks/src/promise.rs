//! Exercise `promise`: a value that someone else sets, later.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Why a [`Promise`] resolved without a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromiseError<E> {
    /// The setter called [`Setter::set_error`] with this error.
    Failed(E),
    /// The setter was dropped without setting anything: no value will ever
    /// come, so waiting longer would hang.
    Abandoned,
}

/// The setting half of a promise. Whoever holds it decides the outcome,
/// once: both setters take `self`, so a second call cannot compile.
///
/// Replace the placeholder field with the ones you need.
#[derive(Debug)]
pub struct Setter<T, E> {
    _replace_me: PhantomData<fn() -> (T, E)>,
}

/// The waiting half of a promise: a future that resolves to the value or
/// the error the [`Setter`] sets, or to [`PromiseError::Abandoned`] if the
/// setter is dropped without setting anything.
///
/// Replace the placeholder field with the ones you need.
#[derive(Debug)]
pub struct Promise<T, E> {
    _replace_me: PhantomData<fn() -> (T, E)>,
}

/// Makes a connected [`Setter`] and [`Promise`], like Python's
/// `loop.create_future()`: one side sets the outcome, the other awaits it.
///
/// ```no_run
/// # use ch03_tasks::promise::{promise, PromiseError};
/// # async fn demo() {
/// let (setter, answer) = promise::<u32, String>();
/// tokio::spawn(async move { setter.set_result(42) });
/// assert_eq!(answer.await, Ok(42));
///
/// let (setter, answer) = promise::<u32, String>();
/// drop(setter);
/// assert_eq!(answer.await, Err(PromiseError::Abandoned));
/// # }
/// ```
pub fn promise<T, E>() -> (Setter<T, E>, Promise<T, E>) {
    todo!()
}

impl<T, E> Setter<T, E> {
    /// Resolves the promise with `value`. If nobody waits for the promise
    /// any more (it was dropped), the value is simply discarded: that is
    /// not an error, and must not panic.
    pub fn set_result(self, value: T) {
        todo!()
    }

    /// Resolves the promise with `error`, which the waiter receives as
    /// [`PromiseError::Failed`]. Like `set_result`, never panics.
    pub fn set_error(self, error: E) {
        todo!()
    }
}

impl<T, E> Future for Promise<T, E> {
    type Output = Result<T, PromiseError<E>>;

    /// Ready once the setter has set a value or an error, or was dropped.
    /// Until then `Pending`, with a wake-up arranged for when that happens.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!()
    }
}
