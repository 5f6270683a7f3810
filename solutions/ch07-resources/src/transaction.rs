//! Exercise `transaction`: commit on success, roll back on failure.

/// What went wrong talking to the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbError(pub String);

/// A database connection that can run a transaction.
// Used through generics on one task, so the futures need not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Connection {
    async fn begin(&mut self) -> Result<(), DbError>;
    async fn commit(&mut self) -> Result<(), DbError>;
    async fn rollback(&mut self) -> Result<(), DbError>;
}

/// Match on the body's result instead of using `?` on it: both outcomes
/// must reach the end of the transaction.
pub async fn transaction<C, T>(
    conn: &mut C,
    body: impl AsyncFnOnce(&mut C) -> Result<T, DbError>,
) -> Result<T, DbError>
where
    C: Connection,
{
    conn.begin().await?;
    match body(conn).await {
        Ok(value) => {
            conn.commit().await?;
            Ok(value)
        }
        Err(error) => {
            // The body's error is the cause; a failed rollback must not
            // replace it.
            let _ = conn.rollback().await;
            Err(error)
        }
    }
}
