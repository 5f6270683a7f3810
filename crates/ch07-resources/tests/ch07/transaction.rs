use ch07_resources::transaction::{Connection, DbError, transaction};
use pretty_assertions::assert_eq;
use support::{EventLog, assert_elapsed, secs, timed};

/// A database where every call takes one second and is logged; any of them
/// can be told to fail.
#[derive(Default)]
struct FakeDb {
    log: EventLog,
    fail: Option<&'static str>,
}

impl FakeDb {
    fn failing(step: &'static str) -> FakeDb {
        FakeDb {
            fail: Some(step),
            ..FakeDb::default()
        }
    }

    async fn step(&mut self, name: &'static str) -> Result<(), DbError> {
        tokio::time::sleep(secs(1)).await;
        if self.fail == Some(name) {
            self.log.push(format!("{name} failed"));
            Err(DbError(format!("{name} failed")))
        } else {
            self.log.push(name);
            Ok(())
        }
    }
}

impl Connection for FakeDb {
    async fn begin(&mut self) -> Result<(), DbError> {
        self.step("begin").await
    }
    async fn commit(&mut self) -> Result<(), DbError> {
        self.step("commit").await
    }
    async fn rollback(&mut self) -> Result<(), DbError> {
        self.step("rollback").await
    }
}

async fn succeed(db: &mut FakeDb) -> Result<u32, DbError> {
    db.log.push("body");
    Ok(7)
}

async fn fail(db: &mut FakeDb) -> Result<u32, DbError> {
    db.log.push("body");
    Err(DbError("constraint violated".into()))
}

#[support::test(start_paused = true)]
async fn transaction_commits_when_the_body_succeeds() {
    let mut db = FakeDb::default();
    let (result, took) = timed(transaction(&mut db, succeed)).await;
    assert_eq!(result, Ok(7), "transaction() returns the body's value");
    assert_eq!(
        db.log.events(),
        ["begin", "body", "commit"],
        "begin, run the body, then commit because it succeeded"
    );
    assert_elapsed("begin, body and commit (1 s each call)", took, secs(2));
}

#[support::test(start_paused = true)]
async fn transaction_rolls_back_when_the_body_fails() {
    let mut db = FakeDb::default();
    let (result, _) = timed(transaction(&mut db, fail)).await;
    assert_eq!(
        result,
        Err(DbError("constraint violated".into())),
        "transaction() returns the body's error unchanged"
    );
    assert_eq!(
        db.log.events(),
        ["begin", "body", "rollback"],
        "a failed body must be rolled back, never committed (`?` on the body's result returns before the rollback)"
    );
}

#[support::test(start_paused = true)]
async fn transaction_reports_a_failed_commit() {
    let mut db = FakeDb::failing("commit");
    let (result, _) = timed(transaction(&mut db, succeed)).await;
    assert_eq!(
        result,
        Err(DbError("commit failed".into())),
        "the body succeeded but the commit failed: nothing was saved, so transaction() must return the commit's error, not Ok"
    );
    assert_eq!(
        db.log.events(),
        ["begin", "body", "commit failed"],
        "begin, the body, then one commit; a failed commit is not followed by anything else"
    );
}

#[support::test(start_paused = true)]
async fn transaction_keeps_the_body_error_when_the_rollback_fails() {
    let mut db = FakeDb::failing("rollback");
    let (result, _) = timed(transaction(&mut db, fail)).await;
    assert_eq!(
        result,
        Err(DbError("constraint violated".into())),
        "when the rollback fails too, the caller must still see the body's error, the cause (`rollback().await?` replaces it)"
    );
    assert_eq!(
        db.log.events(),
        ["begin", "body", "rollback failed"],
        "a failed body is rolled back once (and never committed), even when the rollback fails"
    );
}

#[support::test(start_paused = true)]
async fn transaction_runs_nothing_when_begin_fails() {
    let mut db = FakeDb::failing("begin");
    let (result, _) = timed(transaction(&mut db, succeed)).await;
    assert_eq!(
        result,
        Err(DbError("begin failed".into())),
        "a failed begin is returned as the error"
    );
    assert_eq!(
        db.log.events(),
        ["begin failed"],
        "no transaction was started: the body must not run, and there is nothing to commit or roll back"
    );
}
