//! These tests wait on real threads, so a few waits are in real time. They
//! are bounded (`recv_timeout`, `wait_timeout`) and only run out when the
//! code under test is wrong: then the test fails after two seconds instead
//! of hanging. (Paused virtual time does not move while a blocking task
//! runs, so it cannot be used to measure one.)

use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use ch08_optimization::offload::{offload, offload_all};
use pretty_assertions::assert_eq;
use support::{finishes, join};

/// How long a piece of work waits for something that should happen at once.
const PATIENCE: Duration = Duration::from_secs(2);

#[support::test(start_paused = true)]
async fn offload_returns_the_result_of_the_work() {
    let sum = finishes(offload(|| (1..=1_000_000u64).map(|n| n % 7).sum::<u64>())).await;
    assert_eq!(sum, 2_999_998, "offload() returns what the work returned");
}

#[support::test(start_paused = true)]
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
    let length = finishes(offload(work)).await;
    join(other_task).await;
    assert_eq!(length, 4, "offload() returns what the work returned");
}

/// Lets `expected` threads meet: each call waits until all have arrived.
struct Meeting {
    arrived: Mutex<usize>,
    all_here: Condvar,
    expected: usize,
}

impl Meeting {
    fn attend(&self) -> usize {
        let mut arrived = self.arrived.lock().unwrap();
        *arrived += 1;
        self.all_here.notify_all();
        let (arrived, _) = self
            .all_here
            .wait_timeout_while(arrived, PATIENCE, |n| *n < self.expected)
            .unwrap();
        assert!(
            *arrived >= self.expected,
            "only {} of {} jobs were running at the same time after 2 s: offload_all() must start every \
             job on a thread of its own before it awaits any of them (Rust threads, unlike Python's \
             under the GIL, really run in parallel)",
            *arrived,
            self.expected
        );
        *arrived
    }
}

#[support::test(start_paused = true)]
async fn offload_all_runs_the_jobs_in_parallel() {
    let meeting = Arc::new(Meeting {
        arrived: Mutex::new(0),
        all_here: Condvar::new(),
        expected: 4,
    });
    let jobs: Vec<_> = (1..=4u64)
        .map(|n| {
            let meeting = Arc::clone(&meeting);
            move || {
                meeting.attend();
                n * 10
            }
        })
        .collect();
    let results = finishes(offload_all(jobs)).await;
    assert_eq!(
        results,
        [10, 20, 30, 40],
        "one result per job, in the order of the jobs"
    );
}
