//! Exercise `gather` with a JoinSet: tasks tagged with their index.

use std::any::Any;
use std::future::Future;

use tokio::task::{Id, JoinSet};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskError<E> {
    Failed(E),
    Panicked(String),
}

pub async fn gather<T, E, F>(futures: Vec<F>) -> Vec<Result<T, TaskError<E>>>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let mut slots: Vec<Option<Result<T, TaskError<E>>>> = futures.iter().map(|_| None).collect();
    // A panicking task never returns its index: find it by its task id.
    let mut indices: Vec<(Id, usize)> = Vec::new();
    let mut tasks = JoinSet::new();
    for (index, fut) in futures.into_iter().enumerate() {
        let handle = tasks.spawn(async move { (index, fut.await) });
        indices.push((handle.id(), index));
    }
    while let Some(joined) = tasks.join_next_with_id().await {
        match joined {
            Ok((_, (index, Ok(value)))) => slots[index] = Some(Ok(value)),
            Ok((_, (index, Err(error)))) => slots[index] = Some(Err(TaskError::Failed(error))),
            Err(error) => {
                let id = error.id();
                let index = indices.iter().find(|(i, _)| *i == id).map(|(_, n)| *n);
                let message = match error.try_into_panic() {
                    Ok(payload) => panic_message(payload),
                    Err(_) => "cancelled".to_string(),
                };
                if let Some(index) = index {
                    slots[index] = Some(Err(TaskError::Panicked(message)));
                }
            }
        }
    }
    slots.into_iter().flatten().collect()
}

fn panic_message(payload: Box<dyn Any + Send>) -> String {
    match payload.downcast_ref::<&str>() {
        Some(text) => text.to_string(),
        None => payload
            .downcast_ref::<String>()
            .cloned()
            .unwrap_or_else(|| "unknown panic".to_string()),
    }
}
