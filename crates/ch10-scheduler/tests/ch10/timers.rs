use ch10_scheduler::timers::Timers;
use pretty_assertions::assert_eq;
use support::{millis, secs};
use tokio::time::Instant;

#[support::test]
fn nothing_is_due_before_its_time() {
    let start = Instant::now();
    let mut timers = Timers::new();
    timers.push(start + secs(2), "later");
    assert_eq!(
        timers.pop_due(start + millis(1_999)),
        None,
        "a task due at 2 s must not come out at 1.999 s"
    );
    assert_eq!(
        timers.len(),
        1,
        "pop_due() takes nothing out when nothing is due"
    );
}

#[support::test]
fn a_task_is_due_exactly_at_its_time() {
    let start = Instant::now();
    let mut timers = Timers::new();
    timers.push(start + secs(2), "on time");
    assert_eq!(
        timers.pop_due(start + secs(2)).as_deref(),
        Some("on time"),
        "a task due at 2 s comes out at 2 s exactly: due means `at <= now`, not `at < now`"
    );
    assert!(timers.is_empty(), "pop_due() takes the task it returns out");
}

#[support::test]
fn the_earliest_comes_out_first_whatever_the_push_order() {
    let start = Instant::now();
    let mut timers = Timers::new();
    timers.push(start + secs(3), "third");
    timers.push(start + secs(1), "first");
    timers.push(start + secs(2), "second");
    let due: Vec<String> = std::iter::from_fn(|| timers.pop_due(start + secs(10))).collect();
    assert_eq!(
        due,
        ["first", "second", "third"],
        "pop_due() returns the earliest due task first (a BinaryHeap is a max-heap: wrap the key in `Reverse`)"
    );
}

#[support::test]
fn equal_times_come_out_in_push_order() {
    let start = Instant::now();
    let mut timers = Timers::new();
    let names = ["n", "d", "w", "b", "s", "a"];
    for name in names {
        timers.push(start + secs(1), name);
    }
    let due: Vec<String> = std::iter::from_fn(|| timers.pop_due(start + secs(1))).collect();
    assert_eq!(
        due, names,
        "tasks due at the same instant come out in push order: (time, sequence number), as in the ready queue"
    );
}

#[support::test]
fn next_deadline_is_the_earliest_time() {
    let start = Instant::now();
    let mut timers = Timers::new();
    assert_eq!(
        timers.next_deadline(),
        None,
        "no timers, no deadline: the scheduler then sleeps until something else happens"
    );
    timers.push(start + secs(5), "b");
    timers.push(start + secs(2), "a");
    assert_eq!(
        timers.next_deadline(),
        Some(start + secs(2)),
        "the next deadline is the earliest timer's, whatever the push order"
    );
    timers.pop_due(start + secs(2));
    assert_eq!(
        timers.next_deadline(),
        Some(start + secs(5)),
        "once the earliest is popped, the next deadline is the one after it"
    );
}

#[support::test]
fn remove_takes_out_one_timer() {
    let start = Instant::now();
    let mut timers = Timers::new();
    timers.push(start + secs(1), "a");
    timers.push(start + secs(2), "b");
    assert!(
        timers.remove("a"),
        "remove() returns true when it took the task out"
    );
    assert!(
        !timers.remove("a"),
        "remove() returns false when the task is not there"
    );
    assert_eq!(
        timers.next_deadline(),
        Some(start + secs(2)),
        "a removed timer no longer counts for the next deadline: a cancelled delayed task must not keep the scheduler waiting"
    );
    timers.push(start + secs(3), "c");
    assert!(
        timers.remove("c"),
        "remove() returns true when it took the task out"
    );
    assert_eq!(
        timers.pop_due(start + secs(10)).as_deref(),
        Some("b"),
        "remove(\"c\") takes out `c`, wherever it is, and leaves the earlier `b` in place"
    );
    assert!(timers.is_empty(), "`b` was the last timer left");
}
