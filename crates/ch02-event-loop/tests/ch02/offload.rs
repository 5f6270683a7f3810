use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use ch02_event_loop::offload::{Job, offload, offload_all};
use pretty_assertions::assert_eq;
use support::{Kind, fail, finishes};

use crate::common::panic_text;

// The blocking functions below wait, in real time, for something that only
// the async side or another blocking job can do. Done right, that takes
// microseconds; the limit is spent only when the code under test blocks,
// and turns that hang into a failure. (Paused time does not move while a
// blocking task runs, so it cannot serve as the clock here.)
const LIMIT: Duration = Duration::from_secs(5);

#[support::test(start_paused = true)]
async fn offload_keeps_the_runtime_responsive() {
    let runtime_thread = thread::current().id();
    let (heartbeat, heard) = mpsc::channel::<u32>();
    // Returns only after hearing three heartbeats from a task on the runtime.
    let blocking = move || {
        let mut beats = Vec::new();
        for _ in 0..3 {
            match heard.recv_timeout(LIMIT) {
                Ok(beat) => beats.push(beat),
                Err(_) => fail(
                    Kind::Blocked,
                    format!(
                        "the blocking function waited {LIMIT:?} for a heartbeat from a task \
                         on the runtime and heard none: running it blocked the runtime's \
                         thread, so no other task could run. Hand it to \
                         `tokio::task::spawn_blocking` and await the handle, instead of \
                         calling it inside the async fn."
                    ),
                ),
            }
        }
        (thread::current().id(), beats)
    };
    let beating = async move {
        for beat in 1..=3 {
            tokio::task::yield_now().await;
            // Fails only once the blocking function has given up.
            let _ = heartbeat.send(beat);
        }
    };
    let ((ran_on, beats), ()) = finishes(async { tokio::join!(offload(blocking), beating) }).await;
    assert_eq!(
        beats,
        [1, 2, 3],
        "offload() resolves to what the blocking function returned"
    );
    assert_ne!(
        ran_on, runtime_thread,
        "the blocking function ran on the runtime's thread: use `spawn_blocking`"
    );
}

// Real time: a thread that tokio does not know about cannot hold a paused
// clock back, and the test would time out before hearing from it.
#[support::test]
async fn offload_runs_on_tokios_blocking_pool() {
    let on_the_pool = finishes(offload(|| tokio::runtime::Handle::try_current().is_ok())).await;
    assert!(
        on_the_pool,
        "the blocking function ran on a thread that tokio does not know about: \
         `tokio::task::spawn_blocking` runs it on the runtime's own pool of blocking threads \
         (a `std::thread` of your own is not that pool; tokio cannot wait for it, and a paused \
         test clock runs ahead of it)"
    );
}

#[support::test(start_paused = true)]
async fn offload_passes_the_panic_on() {
    let outcome = tokio::spawn(offload(|| -> u32 { panic!("boom in the blocking pool") })).await;
    let panic = outcome
        .expect_err("a panic in the blocking function must reach the caller of offload()")
        .into_panic();
    let text = panic_text(&*panic);
    // Unwrapping the JoinError also panics, and its message even quotes the
    // original one; only the original payload itself is the panic passed on.
    assert_eq!(
        text, "boom in the blocking pool",
        "the caller must see the blocking function's own panic, not a new one: pass it \
         on with `std::panic::resume_unwind(join_error.into_panic())` instead of \
         unwrapping the JoinError"
    );
}

/// Lets `n` blocking jobs meet: each waits until all have started, then they
/// finish last to first.
struct Meeting {
    n: usize,
    /// (jobs started, jobs finished)
    counts: Mutex<(usize, usize)>,
    changed: Condvar,
}

impl Meeting {
    fn job(self: &Arc<Self>, index: usize) -> Job<usize> {
        let meeting = Arc::clone(self);
        Box::new(move || meeting.attend(index))
    }

    fn attend(&self, index: usize) -> usize {
        let n = self.n;
        let mut counts = self.counts.lock().unwrap();
        counts.0 += 1;
        self.changed.notify_all();
        let (counts, waited) = self
            .changed
            .wait_timeout_while(counts, LIMIT, |c| c.0 < n)
            .unwrap();
        if waited.timed_out() {
            panic!(
                "job {index} waited {LIMIT:?} for the other jobs to start, and only {} of \
                 {n} ever did: offload_all() ran the jobs one after another. Spawn every \
                 job with `spawn_blocking` first, then await the handles.",
                counts.0
            );
        }
        // The last job finishes first, so finishing order is not job order.
        let (mut counts, _) = self
            .changed
            .wait_timeout_while(counts, LIMIT, |c| c.1 < n - 1 - index)
            .unwrap();
        counts.1 += 1;
        self.changed.notify_all();
        index * 10
    }
}

#[support::test(start_paused = true)]
async fn offload_all_runs_the_jobs_side_by_side() {
    let meeting = Arc::new(Meeting {
        n: 3,
        counts: Mutex::new((0, 0)),
        changed: Condvar::new(),
    });
    let jobs = (0..3).map(|i| meeting.job(i)).collect();
    let results = finishes(offload_all(jobs)).await;
    assert_eq!(
        results,
        [0, 10, 20],
        "one result per job, in the order of the jobs (they finished last to first)"
    );
}
