use ch01_coroutines::ticks::Ticks;
use futures::StreamExt;
use pretty_assertions::assert_eq;
use support::{EventLog, Kind, assert_elapsed, count_polls, fail, finishes, secs, timed};
use tokio_test::{assert_pending, assert_ready_eq, task};

#[support::test(start_paused = true)]
async fn ticks_yields_the_range_in_order() {
    let (numbers, _) = timed(Ticks::new(3..7, secs(1)).collect::<Vec<u64>>()).await;
    assert_eq!(
        numbers,
        [3, 4, 5, 6],
        "every number of the range, in order, then the end (`None`)"
    );
}

#[support::test(start_paused = true)]
async fn ticks_waits_the_delay_before_each_number() {
    let log = EventLog::new();
    let mut ticks = Ticks::new(0..3, secs(2));
    while let Some(n) = finishes(ticks.next()).await {
        log.push(n.to_string());
    }
    let expected = [(secs(2), "0"), (secs(4), "1"), (secs(6), "2")];
    let expected: Vec<_> = expected.iter().map(|(t, n)| (*t, n.to_string())).collect();
    assert_eq!(
        log.timeline(),
        expected,
        "each number should come `delay` after the one before (the first one `delay` after the start)"
    );
}

#[support::test(start_paused = true)]
async fn ticks_sleeps_instead_of_busy_polling() {
    // Waiting properly takes about one poll per wake-up of the timer.
    let mut ticks = count_polls(Ticks::new(0..5, secs(1)), 5 * 3 + 2);
    let (numbers, took) = timed((&mut ticks).collect::<Vec<u64>>()).await;
    assert_eq!(
        numbers,
        [0, 1, 2, 3, 4],
        "every number of the range, in order"
    );
    assert_elapsed("five numbers one second apart", took, secs(5));
}

#[support::test(start_paused = true)]
async fn ticks_of_an_empty_range_ends_at_once() {
    let (numbers, took) = timed(Ticks::new(4..4, secs(1)).collect::<Vec<u64>>()).await;
    assert_eq!(numbers, Vec::<u64>::new(), "an empty range yields nothing");
    assert_elapsed("an empty range", took, secs(0));
}

#[support::test(start_paused = true)]
async fn ticks_wakes_its_task_when_the_delay_is_over() {
    // Poll by hand, the way a runtime does, and watch the waker.
    let mut ticks = task::spawn(Ticks::new(7..9, secs(1)));
    assert_pending!(
        ticks.poll_next(),
        "the first number must wait for the delay: return `Poll::Pending` until the timer fires"
    );
    tokio::time::advance(secs(1)).await;
    if !ticks.is_woken() {
        fail(
            Kind::LostWakeup,
            "the delay is over but the task was never woken (a lost wake-up): return `Pending` \
             only after polling a timer kept in the struct, which registers the waker; a new \
             `Sleep` made and dropped inside `poll_next` forgets it",
        );
    }
    assert_ready_eq!(
        ticks.poll_next(),
        Some(7),
        "once woken, the stream yields the first number"
    );
    assert_pending!(ticks.poll_next(), "the next number waits for a new delay");
}
