use std::sync::Arc;
use std::time::Duration;

use ch08_optimization::rate::TokenBucket;
use pretty_assertions::assert_eq;
use support::{EventLog, Wakeups, finishes, millis, secs};

/// Acquires `count` tokens one after another and returns when each came.
async fn admissions(bucket: &TokenBucket, log: &EventLog, count: usize) -> Vec<Duration> {
    for _ in 0..count {
        finishes(bucket.acquire()).await;
        log.push("admitted");
    }
    log.timeline().into_iter().map(|(at, _)| at).collect()
}

#[support::test(start_paused = true)]
async fn rate_admits_a_burst_then_one_per_period() {
    let log = EventLog::new();
    let bucket = TokenBucket::new(3, secs(1));
    let times = admissions(&bucket, &log, 5).await;
    assert_eq!(
        times,
        [secs(0), secs(0), secs(0), secs(1), secs(2)],
        "a full bucket of 3 admits 3 at once; after that, one each time a token arrives (every period)"
    );
}

#[support::test(start_paused = true)]
async fn rate_holds_at_most_its_capacity_when_idle() {
    let log = EventLog::new();
    let bucket = TokenBucket::new(3, secs(1));
    // Half a period after the 10th token: never at the instant one arrives.
    tokio::time::sleep(millis(10_500)).await;
    let times = admissions(&bucket, &log, 5).await;
    assert_eq!(
        times,
        [
            millis(10_500),
            millis(10_500),
            millis(10_500),
            secs(11),
            secs(12)
        ],
        "after 10.5 idle seconds the bucket holds 3 tokens (its capacity), not 13: tokens that find it full are lost; the next ones come at 11 s and 12 s"
    );
}

#[support::test(start_paused = true)]
async fn rate_sleeps_until_the_next_token_is_due() {
    let log = EventLog::new();
    let bucket = TokenBucket::new(1, secs(1));
    finishes(bucket.acquire()).await;
    let wakeups = Wakeups::start();
    let times = admissions(&bucket, &log, 3).await;
    assert_eq!(
        times,
        [secs(1), secs(2), secs(3)],
        "a bucket of 1 token refilled every second admits one caller per second"
    );
    wakeups.assert_at_most(
        "three acquire() calls waited 1 s each for their token",
        15,
        "`tokio::time::sleep_until` the moment the next token is due, or wait on a \
         `Semaphore` that a refill task fills once per period",
    );
}

#[support::test(start_paused = true)]
async fn rate_admits_exactly_the_rate_over_a_virtual_minute() {
    let log = EventLog::new();
    // Seven tokens a minute: 7 × 8.571 s = 59.997 s, the eighth comes after it.
    let period = millis(8571);
    let bucket = Arc::new(TokenBucket::new(5, period));
    let callers: Vec<_> = (0..3)
        .map(|_| {
            let bucket = Arc::clone(&bucket);
            let log = log.clone();
            tokio::spawn(async move {
                loop {
                    bucket.acquire().await;
                    log.push("admitted");
                }
            })
        })
        .collect();
    tokio::time::sleep(secs(60)).await;
    for caller in &callers {
        caller.abort();
    }
    let times: Vec<Duration> = log.timeline().into_iter().map(|(at, _)| at).collect();
    let mut expected = vec![Duration::ZERO; 5];
    expected.extend((1..=7).map(|k| period * k));
    assert_eq!(
        times.len(),
        12,
        "three callers asking all the time for a minute from a bucket of 5 that gains a token every 8.571 s must get exactly 5 + 7 = 12 tokens, got {}",
        times.len()
    );
    assert_eq!(
        times, expected,
        "the burst of 5 at once, then one admission at the very moment each token arrives (sleep until it is due: polling in small steps admits late, and two waiters must never share a token)"
    );
}
