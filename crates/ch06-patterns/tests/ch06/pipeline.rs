use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use ch06_patterns::pipeline::{Stage, StageFailed, run_pipeline, stage};
use pretty_assertions::assert_eq;
use support::{assert_elapsed, secs, timed};

/// A stage that takes one second and applies `f`.
fn slow(f: fn(u64) -> u64) -> Stage {
    stage(move |x| async move {
        tokio::time::sleep(secs(1)).await;
        Ok(f(x))
    })
}

/// A stage that takes one second and fails on `bad`, passing the rest on.
fn failing_on(bad: u64) -> Stage {
    stage(move |x| async move {
        tokio::time::sleep(secs(1)).await;
        if x == bad {
            Err(format!("cannot take {x}"))
        } else {
            Ok(x)
        }
    })
}

/// A stage that takes one second, passes its input on, and counts.
fn counting(seen: &Arc<AtomicU64>) -> Stage {
    let seen = Arc::clone(seen);
    stage(move |x| {
        let seen = Arc::clone(&seen);
        async move {
            tokio::time::sleep(secs(1)).await;
            seen.fetch_add(1, Ordering::SeqCst);
            Ok(x)
        }
    })
}

#[support::test(start_paused = true)]
async fn items_go_through_every_stage_in_order() {
    let stages = vec![slow(|x| x + 1), slow(|x| x * 10), slow(|x| x - 3)];
    let (outputs, _) = timed(run_pipeline(vec![1, 2, 3, 4], stages)).await;
    assert_eq!(
        outputs,
        Ok(vec![17, 27, 37, 47]),
        "each input goes through the stages in order ((x + 1) * 10 - 3), and the outputs keep \
         the order of the inputs"
    );
}

#[support::test(start_paused = true)]
async fn stages_work_at_the_same_time() {
    let stages = vec![slow(|x| x), slow(|x| x), slow(|x| x)];
    let (outputs, took) = timed(run_pipeline((0..5).collect(), stages)).await;
    assert_eq!(
        outputs,
        Ok(vec![0, 1, 2, 3, 4]),
        "every input comes out, in the order of the inputs"
    );
    assert_elapsed(
        "five items through three stages of 1 s each (while stage 2 works on one item, stage 1 \
         works on the next: one task per stage)",
        took,
        secs(7),
    );
}

#[support::test(start_paused = true)]
async fn an_empty_pipeline_passes_inputs_through() {
    let (outputs, took) = timed(run_pipeline(vec![5, 6], Vec::new())).await;
    assert_eq!(
        outputs,
        Ok(vec![5, 6]),
        "with no stages, the inputs are the outputs"
    );
    assert_elapsed("a pipeline with no stages", took, secs(0));
}

#[support::test(start_paused = true)]
async fn a_failing_middle_stage_stops_everything_without_deadlock() {
    let seen_before = Arc::new(AtomicU64::new(0));
    let seen_after = Arc::new(AtomicU64::new(0));
    let stages = vec![counting(&seen_before), failing_on(4), counting(&seen_after)];
    let (result, took) = timed(run_pipeline((0..1000).collect(), stages)).await;
    assert_eq!(
        result,
        Err(StageFailed {
            stage: 1,
            input: 4,
            message: "cannot take 4".to_string(),
        }),
        "the pipeline returns the failing stage's index, the input it failed on and its message"
    );
    assert_eq!(
        seen_after.load(Ordering::SeqCst),
        4,
        "the stage after the failure still finishes the items it was given before it (0 to 3)"
    );
    let before = seen_before.load(Ordering::SeqCst);
    assert!(
        before < 10,
        "the first stage went on to process {before} of 1000 inputs after the failure: when a \
         stage stops, the ones before it must stop too (their `send` fails once the receiver \
         is dropped)"
    );
    assert!(
        took <= secs(10),
        "the pipeline took {took:?} to report a failure at 6 s: once a stage fails, the \
         others must stop too (a stage whose `send` fails returns) and run_pipeline() must \
         return the error without waiting for the rest of the inputs"
    );
}

#[support::test(start_paused = true)]
async fn a_failing_first_stage_ends_the_ones_after_it() {
    let seen_after = Arc::new(AtomicU64::new(0));
    let stages = vec![failing_on(0), counting(&seen_after), counting(&seen_after)];
    let (result, took) = timed(run_pipeline((0..1000).collect(), stages)).await;
    assert_eq!(
        result.map_err(|e| (e.stage, e.input)),
        Err((0, 0)),
        "the first stage fails on the first input"
    );
    assert_eq!(
        seen_after.load(Ordering::SeqCst),
        0,
        "nothing got past the first stage"
    );
    assert_elapsed(
        "a pipeline whose first stage fails after 1 s (the later stages must end when their \
         input channel closes)",
        took,
        secs(1),
    );
}

#[support::test(start_paused = true)]
async fn a_failing_last_stage_stops_the_ones_before_it() {
    let seen_before = Arc::new(AtomicU64::new(0));
    let stages = vec![
        counting(&seen_before),
        counting(&seen_before),
        failing_on(2),
    ];
    let (result, _) = timed(run_pipeline((0..1000).collect(), stages)).await;
    assert_eq!(
        result.map_err(|e| (e.stage, e.input)),
        Err((2, 2)),
        "the last stage fails on input 2"
    );
    let before = seen_before.load(Ordering::SeqCst);
    assert!(
        before < 20,
        "the earlier stages processed {before} items after the last stage had failed: they \
         must stop when the channel after them closes"
    );
}

/// A stage that passes its input on at once, and counts.
fn instant_counting(seen: &Arc<AtomicU64>) -> Stage {
    let seen = Arc::clone(seen);
    stage(move |x| {
        let seen = Arc::clone(&seen);
        async move {
            seen.fetch_add(1, Ordering::SeqCst);
            Ok(x)
        }
    })
}

#[support::test(start_paused = true)]
async fn a_fast_stage_is_held_back_by_a_slow_one() {
    let seen_fast = Arc::new(AtomicU64::new(0));
    let stages = vec![instant_counting(&seen_fast), failing_on(3)];
    let (result, took) = timed(run_pipeline((0..1000).collect(), stages)).await;
    assert_eq!(
        result.map_err(|e| (e.stage, e.input)),
        Err((1, 3)),
        "the slow stage fails on input 3"
    );
    let fast = seen_fast.load(Ordering::SeqCst);
    assert!(
        fast < 10,
        "the instant first stage had processed {fast} of 1000 inputs when the slow stage failed \
         on its fourth: the channels between stages hold CAPACITY items, so a fast stage waits \
         for room (backpressure) instead of racing ahead (an unbounded channel)"
    );
    assert_elapsed(
        "a slow stage of 1 s failing on its fourth input",
        took,
        secs(4),
    );
}
