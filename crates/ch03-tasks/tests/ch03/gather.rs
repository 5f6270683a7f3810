use std::future::Future;
use std::time::Duration;

use ch03_tasks::gather::{TaskError, gather};
use pretty_assertions::assert_eq;
use support::{assert_elapsed, secs, timed};

use crate::common::panic_text;

/// What a job does at the end of its time.
#[derive(Clone, Copy)]
enum Then {
    Succeed,
    Fail,
    PanicWithStr,
    PanicWithString,
}

async fn job(name: &'static str, duration: Duration, then: Then) -> Result<String, String> {
    tokio::time::sleep(duration).await;
    match then {
        Then::Succeed => Ok(format!("{name} done")),
        Then::Fail => Err(format!("{name} failed")),
        Then::PanicWithStr => panic!("disk on fire"),
        Then::PanicWithString => panic!("{name} panicked"),
    }
}

/// Runs `gather` in a task of its own, so that a panic escaping it fails
/// the test with a message instead of crashing it.
async fn gather_guarded<F>(futures: Vec<F>) -> Vec<Result<String, TaskError<String>>>
where
    F: Future<Output = Result<String, String>> + Send + 'static,
{
    match timed(tokio::spawn(gather(futures))).await.0 {
        Ok(results) => results,
        Err(error) => {
            let message = panic_text(&*error.into_panic());
            panic!(
                "gather() itself panicked: {message}\nA task's panic must come back as \
                 TaskError::Panicked: the JoinError from awaiting its handle is a value, do not unwrap it"
            )
        }
    }
}

#[support::test(start_paused = true)]
async fn one_result_per_future_in_order() {
    let results = gather_guarded(vec![
        job("A", secs(3), Then::Succeed),
        job("B", secs(1), Then::Fail),
        job("C", secs(2), Then::Succeed),
    ])
    .await;
    assert_eq!(
        results,
        [
            Ok("A done".to_string()),
            Err(TaskError::Failed("B failed".to_string())),
            Ok("C done".to_string()),
        ],
        "one result per future, in the order of the futures; a failure is that future's result \
         and does not stop the others"
    );
}

#[support::test(start_paused = true)]
async fn all_run_at_once_and_a_failure_does_not_end_the_wait() {
    let futures = vec![
        job("A", secs(1), Then::Fail),
        job("B", secs(4), Then::Succeed),
        job("C", secs(2), Then::Succeed),
    ];
    let (results, took) = timed(gather(futures)).await;
    assert_elapsed(
        "gather() of futures taking 1 s (failing), 4 s and 2 s (spawn them all first, \
         then wait for every one, failed or not)",
        took,
        secs(4),
    );
    assert_eq!(results.len(), 3, "one result per future");
}

#[support::test(start_paused = true)]
async fn a_panic_becomes_an_error_value() {
    let results = gather_guarded(vec![
        job("A", secs(1), Then::Succeed),
        job("B", secs(2), Then::PanicWithStr),
        job("C", secs(3), Then::Succeed),
    ])
    .await;
    assert_eq!(
        results,
        [
            Ok("A done".to_string()),
            Err(TaskError::Panicked("disk on fire".to_string())),
            Ok("C done".to_string()),
        ],
        "the panicking task's result is TaskError::Panicked with the panic's message \
         (`JoinError::into_panic`, then downcast the payload to `&str`), and the others still finish"
    );
}

#[support::test(start_paused = true)]
async fn a_formatted_panic_message_is_kept() {
    let results = gather_guarded(vec![job("B", secs(1), Then::PanicWithString)]).await;
    assert_eq!(
        results,
        [Err(TaskError::Panicked("B panicked".to_string()))],
        "`panic!(\"{{name}} panicked\")` carries a `String`, not a `&str`: try both downcasts"
    );
}
