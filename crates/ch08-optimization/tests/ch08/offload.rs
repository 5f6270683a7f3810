//! These tests run on the real clock (`#[support::test]`, not paused): the
//! work runs on real threads, and on paused time the clock would jump ahead
//! while a thread tokio does not know about is busy. Every wait is bounded
//! and only runs out when the code under test is wrong; no test measures
//! how long anything took.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use ch08_optimization::offload::{offload, offload_all};
use futures::FutureExt;
use pretty_assertions::assert_eq;
use support::{Kind, fail, join};

/// How long a piece of work waits for something that should happen at once.
const PATIENCE: Duration = Duration::from_secs(2);

/// How long a whole call may take before the test gives up on it.
const CAP: Duration = Duration::from_secs(30);

/// Awaits `fut` on the real clock, failing after [`CAP`] instead of hanging.
async fn within<F: Future>(what: &str, fut: F) -> F::Output {
    match tokio::time::timeout(CAP, fut).await {
        Ok(output) => output,
        Err(_) => fail(
            Kind::TimedOut,
            format!("{what} did not finish within {CAP:?} of real time: it never completed"),
        ),
    }
}

#[support::test]
async fn offload_returns_the_result_of_the_work() {
    let work = || (1..=1_000_000u64).map(|n| n % 7).sum::<u64>();
    let sum = within("offload()", offload(work)).await;
    assert_eq!(sum, 2_999_998, "offload() returns what the work returned");
}

#[support::test]
async fn offload_keeps_the_runtime_responsive() {
    let (ping, pong) = mpsc::channel();
    // An ordinary async task on the runtime: it can only run if the
    // runtime's thread is free.
    let other_task = tokio::spawn(async move {
        tokio::task::yield_now().await;
        ping.send("ping").expect("the work is waiting");
    });
    let work = move || match pong.recv_timeout(PATIENCE) {
        Ok(message) => message.len(),
        Err(_) => panic!(
            "the work waited 2 s for a message from another task on the runtime, and it never came: \
             the work blocked the runtime's thread, so no other task could run. \
             Run it with `tokio::task::spawn_blocking` and await the handle."
        ),
    };
    let length = within("offload()", offload(work)).await;
    join(other_task).await;
    assert_eq!(length, 4, "offload() returns what the work returned");
}

/// The text of a panic's payload, if it has one.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
}

#[support::test]
async fn offload_lets_the_work_panic_through_as_it_was() {
    let work = || -> u32 { panic!("bad input") };
    let caught = within(
        "offload() of work that panics",
        AssertUnwindSafe(offload(work)).catch_unwind(),
    )
    .await;
    let payload = match caught {
        Ok(value) => panic!("the work panicked, but offload() returned {value}"),
        Err(payload) => payload,
    };
    match panic_message(&*payload) {
        Some("bad input") => {}
        Some(other) if other.contains("bad input") => panic!(
            "the work's panic reached the caller as another panic: {other:?}. Re-raise the \
             work's own panic with `std::panic::resume_unwind(error.into_panic())` instead of \
             `unwrap()`ing the `JoinError`"
        ),
        // Not the work's panic at all (a `todo!()`, ...): let it speak.
        _ => std::panic::resume_unwind(payload),
    }
}

#[support::test]
async fn offload_all_returns_the_results_in_the_order_of_the_jobs() {
    let jobs: Vec<_> = (1..=6u64).map(|n| move || n * 10).collect();
    let results = within("offload_all()", offload_all(jobs, 2)).await;
    assert_eq!(
        results,
        [10, 20, 30, 40, 50, 60],
        "one result per job, in the order of the jobs"
    );
}

/// Where the jobs of `offload_all` run: it counts them, and holds them at
/// its door until a task on the runtime opens it.
#[derive(Default)]
struct Room {
    state: Mutex<Inside>,
    changed: Condvar,
}

#[derive(Clone, Copy, Debug, Default)]
struct Inside {
    now: usize,
    most: usize,
    open: bool,
    /// The door stayed shut for so long that a job opened it itself.
    forced: bool,
}

impl Room {
    fn lock(&self) -> MutexGuard<'_, Inside> {
        self.state.lock().unwrap()
    }

    /// One job: come in, wait for the door to open, leave.
    fn attend(&self) {
        let mut inside = self.lock();
        inside.now += 1;
        inside.most = inside.most.max(inside.now);
        self.changed.notify_all();
        let (mut inside, waited) = self
            .changed
            .wait_timeout_while(inside, PATIENCE * 2, |inside| !inside.open)
            .unwrap();
        if waited.timed_out() {
            inside.forced = true;
            inside.open = true;
            self.changed.notify_all();
        }
        inside.now -= 1;
    }

    fn open(&self) {
        self.lock().open = true;
        self.changed.notify_all();
    }
}

#[support::test]
async fn offload_all_runs_as_many_jobs_at_once_as_it_may_and_no_more() {
    let room = Arc::new(Room::default());
    let jobs: Vec<_> = (0..8u64)
        .map(|n| {
            let room = Arc::clone(&room);
            move || {
                room.attend();
                n
            }
        })
        .collect();
    // An ordinary task on the runtime opens the door: it can only run while
    // the runtime's thread is free.
    let doorman = {
        let room = Arc::clone(&room);
        tokio::spawn(async move {
            let start = std::time::Instant::now();
            while room.lock().now < 3 && start.elapsed() < PATIENCE {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            // Jobs started beyond the limit, if any, come in meanwhile.
            tokio::time::sleep(Duration::from_millis(300)).await;
            room.open();
        })
    };
    let results = within("offload_all()", offload_all(jobs, 3)).await;
    join(doorman).await;
    let inside = *room.lock();
    assert!(
        !inside.forced,
        "the jobs waited {:?} for another task on the runtime to let them go, and it never \
         ran: offload_all() blocked the runtime's thread while the jobs ran. Waiting for a job \
         or for a free place must be an `.await` (on a `JoinHandle`, a \
         `tokio::sync::Semaphore`), never a blocking call",
        PATIENCE * 2
    );
    assert!(
        inside.most <= 3,
        "{} jobs ran at once with a parallelism of 3: CPU-bound work gains nothing from more \
         threads than cores. Start a job only when a place is free (a `tokio::sync::Semaphore` \
         with `parallelism` permits, taken before the job is spawned)",
        inside.most
    );
    assert_eq!(
        inside.most, 3,
        "only {} of 3 jobs ran at the same time: start up to `parallelism` jobs before awaiting \
         any of them. Awaiting each job before starting the next, or running them all on one \
         thread, runs them one at a time (as Python's threads do under its GIL, where Rust's \
         really run in parallel)",
        inside.most
    );
    assert_eq!(
        results,
        (0..8).collect::<Vec<u64>>(),
        "one result per job, in the order of the jobs"
    );
}

#[support::test]
async fn offload_all_starts_a_job_as_soon_as_a_place_is_free() {
    // Job 0 runs until job 2 has started; job 1 is quick. With two places,
    // job 2 must start when job 1 ends, while job 0 still runs.
    let started = Arc::new((Mutex::new(false), Condvar::new()));
    let waits_for_job_2 = {
        let started = Arc::clone(&started);
        move || {
            let (flag, changed) = &*started;
            let flag = flag.lock().unwrap();
            let (flag, _) = changed
                .wait_timeout_while(flag, PATIENCE, |started| !*started)
                .unwrap();
            *flag
        }
    };
    let job_2 = {
        let started = Arc::clone(&started);
        move || {
            let (flag, changed) = &*started;
            *flag.lock().unwrap() = true;
            changed.notify_all();
            true
        }
    };
    let jobs: Vec<Box<dyn FnOnce() -> bool + Send>> = vec![
        Box::new(waits_for_job_2),
        Box::new(|| true),
        Box::new(job_2),
    ];
    let results = within("offload_all()", offload_all(jobs, 2)).await;
    assert!(
        results[0],
        "job 2 had not started {PATIENCE:?} after job 1 had finished, while job 0 still ran: \
         a place that frees must go to the next job at once, not wait until every job of its \
         \"wave\" has finished (a `join_all` of chunks), nor until the jobs before it are done \
         (`StreamExt::buffered` keeps a finished job's place until then). A \
         `tokio::sync::Semaphore` hands the place on the moment a job gives it back"
    );
    assert_eq!(results, [true, true, true], "one result per job, in order");
}
