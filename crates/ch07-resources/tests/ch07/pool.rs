use std::sync::Arc;

use ch07_resources::pool::{Manager, Pool};
use pretty_assertions::assert_eq;
use support::{Gauge, GaugeGuard, Wakeups, assert_elapsed, finishes, join, millis, secs, timed};

/// A connection: live (in the gauge) from the moment it starts connecting
/// until it is dropped.
struct Conn {
    id: usize,
    _live: GaugeGuard,
}

/// Opens connections that take one second to connect, and counts them.
struct Fake {
    live: Gauge,
}

impl Manager for Fake {
    type Connection = Conn;

    async fn connect(&self) -> Conn {
        let live = self.live.enter();
        let id = self.live.total();
        tokio::time::sleep(secs(1)).await;
        Conn { id, _live: live }
    }
}

fn pool(max_size: usize) -> (Arc<Pool<Fake>>, Gauge) {
    let live = Gauge::new();
    let fake = Fake { live: live.clone() };
    (Arc::new(Pool::new(fake, max_size)), live)
}

#[support::test(start_paused = true)]
async fn pool_reuses_a_returned_connection() {
    let (pool, live) = pool(2);
    let (first, took) = timed(pool.get()).await;
    assert_elapsed(
        "the first get(), which opens a connection (1 s)",
        took,
        secs(1),
    );
    let id = first.id;
    drop(first);
    let (second, took) = timed(pool.get()).await;
    assert_eq!(
        (second.id, live.total()),
        (id, 1),
        "a connection given back by dropping its guard must be lent again, not replaced by a new one (the guard's `Drop` puts it back in the pool)"
    );
    assert_elapsed("get() with an idle connection in the pool", took, secs(0));
}

#[support::test(start_paused = true)]
async fn pool_never_opens_more_than_max_when_50_callers_race() {
    let (pool, live) = pool(3);
    let work = async {
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let pool = Arc::clone(&pool);
                tokio::spawn(async move {
                    let conn = pool.get().await;
                    tokio::time::sleep(secs(1)).await;
                    conn.id
                })
            })
            .collect();
        let mut served = 0;
        for task in tasks {
            join(task).await;
            served += 1;
        }
        served
    };
    let (served, took) = timed(work).await;
    assert_eq!(served, 50, "every caller gets a connection");
    assert!(
        live.max() <= 3,
        "{} connections were live at once with a maximum of 3: the pool checks its size, awaits connect(), then adds, so racing callers all pass the check (count a connection before awaiting connect, e.g. with a `Semaphore` permit)",
        live.max()
    );
    assert_eq!(
        live.total(),
        3,
        "3 connections are enough for 50 callers: returned connections must be reused"
    );
    assert_elapsed(
        "50 callers holding a connection 1 s each, 3 at a time (1 s to connect, then 17 rounds)",
        took,
        secs(18),
    );
}

#[support::test(start_paused = true)]
async fn pool_serves_a_waiter_the_moment_a_connection_returns() {
    let (pool, live) = pool(1);
    let held = finishes(pool.get()).await;
    let holder = tokio::spawn(async move {
        tokio::time::sleep(millis(1234)).await;
        drop(held);
    });
    let wakeups = Wakeups::start();
    let (waiter, took) = timed(pool.get()).await;
    join(holder).await;
    wakeups.assert_at_most(
        "get() waited 1.234 s for a connection to come back",
        10,
        "let the returning connection wake the waiter (a `Semaphore` permit given back by the \
         guard's `Drop`), instead of sleeping in short steps and looking again",
    );
    assert_elapsed(
        "get() waiting for a connection given back after 1.234 s (a waiter must be woken when it comes back, not sleep-poll in 10 ms steps)",
        took,
        millis(1234),
    );
    assert_eq!(live.total(), 1, "the waiter gets the returned connection");
    drop(waiter);
}

#[support::test(start_paused = true)]
async fn pool_forgets_a_caller_that_gave_up_waiting() {
    let (pool, live) = pool(1);
    let held = finishes(pool.get()).await;
    let gave_up = tokio::time::timeout(secs(1), pool.get()).await;
    assert!(
        gave_up.is_err(),
        "the only connection is lent out, so get() must wait"
    );
    drop(held);
    let (again, took) = timed(pool.get()).await;
    assert_elapsed(
        "get() after the connection came back, with a caller that gave up earlier (a cancelled waiter must not keep a place or a connection)",
        took,
        secs(0),
    );
    assert_eq!(live.total(), 1, "the returned connection is lent again");
    drop(again);
}
