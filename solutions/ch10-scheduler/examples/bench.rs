//! How much the reference scheduler costs per task.
//!
//! 10,000 tasks that do no work of their own, so the wall time is the
//! scheduler's: 5,000 independent tasks of mixed priorities, a chain of
//! 2,000 (each after the one before), and a fan-out DAG of 3,000 (a root,
//! 40 branches after it, and the rest spread over the branches). At most
//! 10 run at once. Run it in release mode:
//!
//! ```sh
//! cargo run --release -p ch10-scheduler-solution --example bench
//! ```

use std::time::{Duration, Instant};

use ch10_scheduler::scheduler::Scheduler;
use ch10_scheduler::task::Task;

const INDEPENDENT: usize = 5_000;
const CHAIN: usize = 2_000;
const DAG: usize = 3_000;
const BRANCHES: usize = 40;
const LIMIT: usize = 10;

fn noop(name: &str) -> Task {
    Task::new(name, || async { Ok(()) })
}

fn submit_all(scheduler: &Scheduler) {
    let submit = |task: Task| scheduler.submit(task).expect("no duplicates, no cycles");
    for i in 0..INDEPENDENT {
        submit(noop(&format!("p{i}")).priority((i % 7) as i32 - 3));
    }
    submit(noop("c0"));
    for i in 1..CHAIN {
        submit(noop(&format!("c{i}")).after(&[&format!("c{}", i - 1)]));
    }
    submit(noop("root"));
    for b in 0..BRANCHES {
        submit(noop(&format!("b{b}")).after(&["root"]));
    }
    for leaf in 0..DAG - 1 - BRANCHES {
        let branch = format!("b{}", leaf % BRANCHES);
        submit(noop(&format!("l{leaf}")).priority(1).after(&[&branch]));
    }
}

async fn measure() -> (Duration, Duration) {
    let scheduler = Scheduler::new(LIMIT);
    let start = Instant::now();
    submit_all(&scheduler);
    let submitted = start.elapsed();
    scheduler.run_until_settled().await;
    let ran = start.elapsed() - submitted;
    let stats = scheduler.stats();
    assert_eq!(stats.succeeded, INDEPENDENT + CHAIN + DAG, "{stats:?}");
    assert!(stats.peak_running <= LIMIT, "{stats:?}");
    (submitted, ran)
}

fn report(flavor: &str, runtime: tokio::runtime::Runtime) {
    let tasks = (INDEPENDENT + CHAIN + DAG) as u32;
    // The first round warms up the allocator and the runtime's threads.
    runtime.block_on(measure());
    let (submitted, ran) = runtime.block_on(measure());
    println!(
        "{flavor:>14}: {tasks} tasks, submit {submitted:?} ({:?}/task), run {ran:?} \
         ({:?}/task dispatch overhead), total {:?}",
        submitted / tasks,
        ran / tasks,
        submitted + ran,
    );
}

fn main() {
    let current = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a runtime");
    report("current-thread", current);
    let multi = tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .build()
        .expect("a runtime");
    report("multi-thread", multi);
}
