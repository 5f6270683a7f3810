use ch10_scheduler::graph::{Admission, Graph};
use ch10_scheduler::task::SubmitError;
use pretty_assertions::assert_eq;

fn deps(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names
}

#[support::test]
fn a_task_waits_until_every_dependency_succeeded() {
    let mut graph = Graph::new();
    assert_eq!(
        graph.add("fetch", &[]),
        Ok(Admission::Ready),
        "no dependencies: ready at once"
    );
    assert_eq!(
        graph.add("parse", &deps(&["fetch"])),
        Ok(Admission::Waiting),
        "`fetch` was added but has not succeeded yet: `parse` waits"
    );
    assert_eq!(
        graph.add("report", &deps(&["fetch", "parse"])),
        Ok(Admission::Waiting),
        "neither dependency has succeeded yet: `report` waits"
    );
    assert_eq!(
        graph.succeeded("fetch"),
        ["parse"],
        "succeeded() returns the tasks that just became ready; `report` still waits for `parse`"
    );
    assert_eq!(
        graph.succeeded("parse"),
        ["report"],
        "`report` is ready once both of its dependencies succeeded"
    );
    assert_eq!(
        graph.succeeded("report"),
        Vec::<String>::new(),
        "nothing waits for `report`"
    );
}

#[support::test]
fn a_dependency_may_be_added_after_its_dependent() {
    let mut graph = Graph::new();
    assert_eq!(
        graph.add("deploy", &deps(&["build"])),
        Ok(Admission::Waiting),
        "a dependency that is not added yet is simply not done yet"
    );
    assert_eq!(
        graph.add("build", &[]),
        Ok(Admission::Ready),
        "no dependencies: ready at once"
    );
    assert_eq!(
        graph.succeeded("build"),
        ["deploy"],
        "`deploy`, added before `build`, becomes ready when `build` succeeds"
    );
}

#[support::test]
fn a_task_added_after_its_dependencies_succeeded_is_ready() {
    let mut graph = Graph::new();
    graph.add("a", &[]).unwrap();
    graph.succeeded("a");
    assert_eq!(
        graph.add("b", &deps(&["a"])),
        Ok(Admission::Ready),
        "`a` already succeeded, so `b` is ready at once: it must not wait for an event that already happened"
    );
}

#[support::test]
fn newly_ready_tasks_come_in_the_order_they_were_added() {
    let mut graph = Graph::new();
    graph.add("root", &[]).unwrap();
    for name in ["k", "b", "x", "d"] {
        graph.add(name, &deps(&["root"])).unwrap();
    }
    assert_eq!(
        graph.succeeded("root"),
        ["k", "b", "x", "d"],
        "dependents become ready in the order they were added, so FIFO among equal priorities still holds"
    );
}

#[support::test]
fn a_failure_cancels_every_task_that_depends_on_it() {
    let mut graph = Graph::new();
    graph.add("a", &[]).unwrap();
    graph.add("b", &deps(&["a"])).unwrap();
    graph.add("c", &deps(&["b"])).unwrap();
    graph.add("d", &deps(&["a", "other"])).unwrap();
    graph.add("other", &[]).unwrap();
    assert_eq!(
        sorted(graph.failed("a")),
        ["b", "c", "d"],
        "failed() returns every task that waits for the failed one, directly (b, d) or through another (c): \
         none of them can ever run, so they are cancelled rather than left waiting"
    );
    assert_eq!(
        graph.succeeded("other"),
        Vec::<String>::new(),
        "`d` was cancelled when `a` failed: it must not become ready when its other dependency succeeds"
    );
}

#[support::test]
fn each_task_is_cancelled_once() {
    let mut graph = Graph::new();
    graph.add("a", &[]).unwrap();
    graph.add("b", &deps(&["a"])).unwrap();
    graph.add("c", &deps(&["a"])).unwrap();
    graph.add("d", &deps(&["b", "c"])).unwrap();
    assert_eq!(
        sorted(graph.failed("a")),
        ["b", "c", "d"],
        "`d` waits for `a` along two paths but is cancelled once: remember who is already cancelled"
    );
}

#[support::test]
fn a_task_added_after_its_dependency_failed_is_cancelled() {
    let mut graph = Graph::new();
    graph.add("a", &[]).unwrap();
    graph.failed("a");
    assert_eq!(
        graph.add("b", &deps(&["a"])),
        Ok(Admission::Cancelled),
        "`a` already failed, so `b` can never run: it must not wait for ever"
    );
}

#[support::test]
fn a_cycle_is_refused_and_named() {
    let mut graph = Graph::new();
    graph.add("a", &deps(&["c"])).unwrap();
    graph.add("b", &deps(&["a"])).unwrap();
    let refused = graph.add("c", &deps(&["b"]));
    assert_eq!(
        refused,
        Err(SubmitError::Cycle(deps(&["c", "b", "a", "c"]))),
        "c depends on b, b on a, a on c: adding c closes the cycle. The error names it, \
         from the refused task along its dependencies back to itself"
    );
    assert_eq!(
        refused.unwrap_err().to_string(),
        "dependency cycle: c -> b -> a -> c",
        "the error's message shows the path of the cycle"
    );
    assert_eq!(
        graph.add("c", &[]),
        Ok(Admission::Ready),
        "a refused task leaves no trace: the same name without the cycle is accepted"
    );
}

#[support::test]
fn a_task_that_depends_on_itself_is_a_cycle() {
    let mut graph = Graph::new();
    assert_eq!(
        graph.add("loop", &deps(&["loop"])),
        Err(SubmitError::Cycle(deps(&["loop", "loop"]))),
        "a task that waits for itself would wait for ever"
    );
}

#[support::test]
fn a_diamond_is_not_a_cycle() {
    let mut graph = Graph::new();
    graph.add("top", &deps(&["left", "right"])).unwrap();
    graph.add("left", &deps(&["bottom"])).unwrap();
    graph.add("right", &deps(&["bottom"])).unwrap();
    assert_eq!(
        graph.add("bottom", &[]),
        Ok(Admission::Ready),
        "two paths to the same task are not a cycle: only a path back to the task itself is"
    );
}

#[support::test]
fn a_name_is_added_once() {
    let mut graph = Graph::new();
    graph.add("a", &[]).unwrap();
    assert_eq!(
        graph.add("a", &[]),
        Err(SubmitError::Duplicate("a".to_string())),
        "names identify tasks: a second task with the same name is refused"
    );
}
