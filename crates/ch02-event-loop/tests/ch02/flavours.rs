use std::thread::{self, ThreadId};

use ch02_event_loop::flavours::{Flavor, WORKER_NAME, spawn_and_wait};
use pretty_assertions::assert_eq;
use tokio::runtime::{Handle, RuntimeFlavor};

/// Where the task ran: its thread's id and name, and the runtime's flavour.
async fn whereabouts() -> (ThreadId, Option<String>, RuntimeFlavor) {
    let me = thread::current();
    (
        me.id(),
        me.name().map(str::to_string),
        Handle::current().runtime_flavor(),
    )
}

#[support::test]
fn current_thread_runs_the_task_on_the_callers_thread() {
    let caller = thread::current().id();
    let (ran_on, _, flavor) = spawn_and_wait(Flavor::CurrentThread, whereabouts());
    assert_eq!(
        flavor,
        RuntimeFlavor::CurrentThread,
        "Flavor::CurrentThread builds its runtime with `Builder::new_current_thread()`"
    );
    assert_eq!(
        ran_on, caller,
        "a current-thread runtime has no threads of its own: its tasks run on the \
         thread that calls `block_on`, here the caller's"
    );
}

#[support::test]
fn multi_thread_runs_the_task_on_a_named_worker() {
    let caller = thread::current().id();
    let (ran_on, name, flavor) = spawn_and_wait(Flavor::MultiThread { workers: 2 }, whereabouts());
    assert_eq!(
        flavor,
        RuntimeFlavor::MultiThread,
        "Flavor::MultiThread builds its runtime with `Builder::new_multi_thread()`"
    );
    assert_ne!(
        ran_on, caller,
        "the task ran on the caller's thread: `block_on(task)` polls `task` right \
         there, even on a multi-thread runtime. Spawn it (`runtime.spawn(task)`), \
         then `block_on` its JoinHandle"
    );
    assert_eq!(
        name.as_deref(),
        Some(WORKER_NAME),
        "the task runs on a worker thread, named with `Builder::thread_name(WORKER_NAME)`"
    );
}

#[support::test]
fn multi_thread_has_the_asked_number_of_workers() {
    // Two counts: the default (one worker per core) is at most one of them,
    // whatever machine this runs on.
    for asked in [1, 3] {
        let workers = spawn_and_wait(Flavor::MultiThread { workers: asked }, async {
            Handle::current().metrics().num_workers()
        });
        assert_eq!(
            workers, asked,
            "Flavor::MultiThread {{ workers: {asked} }} needs exactly {asked} worker thread(s): \
             `worker_threads(workers)` (without it, tokio starts one per core)"
        );
    }
}
