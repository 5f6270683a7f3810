use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use ch06_patterns::monitor::{Counters, Report, monitor};
use pretty_assertions::assert_eq;
use support::{EventLog, Wakeups, assert_elapsed, millis, secs, timed};

/// Bumps `produced` every 700 ms and `consumed` every 1300 ms, forever.
fn activity(counters: &Arc<Counters>) -> [tokio::task::JoinHandle<()>; 2] {
    let bump = |every: Duration, pick: fn(&Counters) -> &std::sync::atomic::AtomicU64| {
        let counters = Arc::clone(counters);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                pick(&counters).fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    [
        bump(millis(700), |c| &c.produced),
        bump(millis(1300), |c| &c.consumed),
    ]
}

fn report(tick: u64, produced: u64, consumed: u64) -> Report {
    Report {
        tick,
        produced,
        consumed,
        queued: produced - consumed,
    }
}

#[support::test(start_paused = true)]
async fn reports_every_period_on_the_dot() {
    let counters = Arc::new(Counters::default());
    let tasks = activity(&counters);
    let log = EventLog::new();
    let reports = EventLog::new();
    let stop = tokio::time::sleep(millis(3500));
    let (publish_log, publish_reports) = (log.clone(), reports.clone());
    let publish = move |r: Report| {
        let (log, reports) = (publish_log.clone(), publish_reports.clone());
        async move {
            log.push(format!("report {}", r.tick));
            reports.push(format!("{r:?}"));
            // Publishing takes time: writing to a log, a socket...
            tokio::time::sleep(millis(300)).await;
        }
    };
    let (_, took) = timed(monitor(&counters, secs(1), stop, publish)).await;
    assert_eq!(
        log.timeline(),
        [
            (secs(1), "report 1".to_string()),
            (secs(2), "report 2".to_string()),
            (secs(3), "report 3".to_string()),
        ],
        "one report per period, at 1 s, 2 s and 3 s exactly: the first after one period (not \
         at once), and no drift from the 300 ms each report takes to publish (a \
         `tokio::time::interval` keeps the schedule; `sleep(period)` in a loop adds the \
         publishing time every round)"
    );
    assert_eq!(
        reports.events(),
        [report(1, 1, 0), report(2, 2, 1), report(3, 4, 2)]
            .map(|r| format!("{r:?}"))
            .to_vec(),
        "each report holds the counts read at its tick"
    );
    assert_elapsed("monitor() stopped at 3.5 s", took, millis(3500));
    for task in tasks {
        task.abort();
    }
}

#[support::test(start_paused = true)]
async fn stops_in_the_middle_of_a_period() {
    let counters = Counters::default();
    let log = EventLog::new();
    let publish_log = log.clone();
    let publish = move |r: Report| {
        let log = publish_log.clone();
        async move { log.push(format!("report {}", r.tick)) }
    };
    let stop = tokio::time::sleep(millis(2500));
    let wakeups = Wakeups::start();
    let (_, took) = timed(monitor(&counters, secs(1), stop, publish)).await;
    wakeups.assert_at_most(
        "monitor() ran 2.5 s with a report every second",
        20,
        "wait for the next tick and the stop together (`tokio::select!` over \
         `interval.tick()` and the pinned stop), not in small sleeps",
    );
    assert_eq!(
        log.events(),
        ["report 1", "report 2"],
        "reports at 1 s and 2 s, none after the stop at 2.5 s"
    );
    assert_elapsed(
        "monitor() told to stop at 2.5 s (wait for the stop and the next tick together, with \
         `tokio::select!`, rather than checking only after each wait)",
        took,
        millis(2500),
    );
}

#[support::test(start_paused = true)]
async fn a_quiet_system_still_reports() {
    let counters = Counters::default();
    counters.produced.store(7, Ordering::SeqCst);
    counters.consumed.store(5, Ordering::SeqCst);
    let reports = EventLog::new();
    let publish_reports = reports.clone();
    let publish = move |r: Report| {
        let reports = publish_reports.clone();
        async move { reports.push(format!("{r:?}")) }
    };
    let stop = tokio::time::sleep(millis(2100));
    timed(monitor(&counters, secs(1), stop, publish)).await;
    assert_eq!(
        reports.events(),
        [report(1, 7, 5), report(2, 7, 5)]
            .map(|r| format!("{r:?}"))
            .to_vec(),
        "a report every period even when nothing changed; `queued` is produced minus consumed"
    );
}
