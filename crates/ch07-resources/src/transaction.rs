//! Exercise `transaction`: commit on success, roll back on failure.

/// What went wrong talking to the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbError(pub String);

/// A database connection that can run a transaction. Every call takes time
/// and may fail.
// Used through generics on one task, so the futures need not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Connection {
    async fn begin(&mut self) -> Result<(), DbError>;
    async fn commit(&mut self) -> Result<(), DbError>;
    async fn rollback(&mut self) -> Result<(), DbError>;
}

/// Runs `body` inside a transaction on `conn`, like Python's
/// `async with conn.transaction(): ...`.
///
/// - `begin` first. If it fails, return its error: the body does not run,
///   and there is nothing to commit or roll back.
/// - If the body returns `Ok(value)`, `commit`, then return `Ok(value)`; if
///   the commit fails, return the commit's error: the work is not saved.
/// - If the body returns `Err(error)`, `rollback`, then return the body's
///   `error`, even when the rollback fails too (the body's error is the
///   cause the caller needs to see).
///
/// ```no_run
/// # use ch07_resources::transaction::{Connection, DbError, transaction};
/// # async fn demo(conn: &mut impl Connection) {
/// let saved = transaction(conn, async |_conn| Ok::<_, DbError>("saved")).await;
/// assert_eq!(saved, Ok("saved")); // and the transaction was committed
/// # }
/// ```
pub async fn transaction<C, T>(
    conn: &mut C,
    body: impl AsyncFnOnce(&mut C) -> Result<T, DbError>,
) -> Result<T, DbError>
where
    C: Connection,
{
    todo!()
}
