use ch01_coroutines::squares::{squares_at_most, squares_at_once, squares_in_turn};
use pretty_assertions::assert_eq;
use support::{assert_elapsed, secs, timed};

#[support::test(start_paused = true)]
async fn in_turn_squares_one_number_after_another() {
    let (squares, took) = timed(squares_in_turn(&[1, 2, 3, 4])).await;
    assert_eq!(squares, [1, 4, 9, 16], "one square per number, in order");
    assert_elapsed("squares_in_turn() of four numbers", took, secs(4));
}

#[support::test(start_paused = true)]
async fn at_once_takes_one_second_for_any_count() {
    let numbers: Vec<u64> = (1..=10).collect();
    let (squares, took) = timed(squares_at_once(&numbers)).await;
    assert_elapsed(
        "squares_at_once() of ten numbers (a `for` loop of awaits is not concurrent)",
        took,
        secs(1),
    );
    assert_eq!(
        squares,
        [1, 4, 9, 16, 25, 36, 49, 64, 81, 100],
        "one square per number, in order"
    );
}

#[support::test(start_paused = true)]
async fn at_most_keeps_the_limit_in_flight() {
    let numbers: Vec<u64> = (1..=10).collect();
    let (squares, took) = timed(squares_at_most(&numbers, 3)).await;
    assert_eq!(
        squares,
        [1, 4, 9, 16, 25, 36, 49, 64, 81, 100],
        "one square per number, in order"
    );
    assert_elapsed(
        "squares_at_most() of ten one-second squares with at most three in flight (a new \
         call starts as soon as one finishes, as `buffered(limit)` does)",
        took,
        secs(4),
    );
}

#[support::test(start_paused = true)]
async fn at_most_one_is_one_after_another() {
    let (squares, took) = timed(squares_at_most(&[5, 6], 1)).await;
    assert_eq!(squares, [25, 36], "one square per number, in order");
    assert_elapsed(
        "squares_at_most() of two numbers, one at a time",
        took,
        secs(2),
    );
}
