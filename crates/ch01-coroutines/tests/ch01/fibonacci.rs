use ch01_coroutines::fibonacci::fibonacci;
use futures::StreamExt;
use pretty_assertions::assert_eq;
use support::{EventLog, assert_elapsed, finishes, millis, secs, timed};

#[support::test(start_paused = true)]
async fn fibonacci_yields_exactly_count_numbers() {
    let (numbers, _) = timed(fibonacci(10, millis(100)).collect::<Vec<u64>>()).await;
    assert_eq!(
        numbers,
        [0, 1, 1, 2, 3, 5, 8, 13, 21, 34],
        "the first ten Fibonacci numbers, starting 0, 1 (check the first item and the count)"
    );
}

#[support::test(start_paused = true)]
async fn fibonacci_of_zero_is_empty() {
    let (numbers, took) = timed(fibonacci(0, secs(1)).collect::<Vec<u64>>()).await;
    assert_eq!(numbers, Vec::<u64>::new(), "a count of 0 yields nothing");
    assert_elapsed("fibonacci(0, ..)", took, secs(0));
}

#[support::test(start_paused = true)]
async fn fibonacci_waits_the_delay_before_each_number() {
    let log = EventLog::new();
    let mut numbers = fibonacci(4, secs(1));
    while let Some(n) = finishes(numbers.next()).await {
        log.push(n.to_string());
    }
    let expected: Vec<_> = [(1, "0"), (2, "1"), (3, "1"), (4, "2")]
        .iter()
        .map(|(t, n)| (secs(*t), n.to_string()))
        .collect();
    assert_eq!(
        log.timeline(),
        expected,
        "each number should come `delay` after the one before"
    );
}

#[support::test(start_paused = true)]
async fn fibonacci_reaches_the_ninetieth_number() {
    let (numbers, _) = timed(fibonacci(90, millis(1)).collect::<Vec<u64>>()).await;
    assert_eq!(numbers.len(), 90, "exactly `count` numbers");
    assert_eq!(
        numbers[89], 1_779_979_416_004_714_189,
        "the 90th Fibonacci number (counting 0 as the first)"
    );
}
