use ch07_resources::nested::nested;
use ch07_resources::scope::Resource;
use pretty_assertions::assert_eq;
use support::{EventLog, secs, timed};

use crate::common::at;

/// A named resource: opening and closing each take one second and are
/// logged.
struct Named {
    name: String,
    log: EventLog,
}

impl Resource for Named {
    async fn release(self) {
        tokio::time::sleep(secs(1)).await;
        self.log.push(format!("close {}", self.name));
    }
}

/// An opener that fails for the name `broken`.
fn opener(log: &EventLog, broken: &'static str) -> impl AsyncFnMut(&str) -> Result<Named, String> {
    let log = log.clone();
    async move |name: &str| {
        tokio::time::sleep(secs(1)).await;
        if name == broken {
            log.push(format!("{name} refused"));
            return Err(format!("{name} is down"));
        }
        log.push(format!("open {name}"));
        Ok(Named {
            name: name.to_string(),
            log: log.clone(),
        })
    }
}

const NAMES: [&str; 3] = ["db", "cache", "queue"];

#[support::test(start_paused = true)]
async fn nested_opens_in_order_and_releases_in_reverse() {
    let log = EventLog::new();
    let (result, _) = timed(nested(
        &NAMES,
        opener(&log, "none"),
        async |all: &mut [Named]| {
            let names: Vec<String> = all.iter().map(|r| r.name.clone()).collect();
            all[0].log.push("body");
            Ok::<_, String>(names)
        },
    ))
    .await;
    assert_eq!(
        result,
        Ok(vec!["db".to_string(), "cache".into(), "queue".into()]),
        "the body gets every resource, in the order of the names"
    );
    assert_eq!(
        log.timeline(),
        at(&[
            (1, "open db"),
            (2, "open cache"),
            (3, "open queue"),
            (3, "body"),
            (4, "close queue"),
            (5, "close cache"),
            (6, "close db"),
        ]),
        "open in order, run the body, then release the last opened first, each release awaited before the next (releasing all at once would close them at the same moment)"
    );
}

#[support::test(start_paused = true)]
async fn nested_releases_everything_when_the_body_fails() {
    let log = EventLog::new();
    let (result, _) = timed(nested(
        &NAMES,
        opener(&log, "none"),
        async |_all: &mut [Named]| Err::<(), _>("query failed".to_string()),
    ))
    .await;
    assert_eq!(
        result,
        Err("query failed".to_string()),
        "nested() returns the body's error"
    );
    assert_eq!(
        log.events(),
        [
            "open db",
            "open cache",
            "open queue",
            "close queue",
            "close cache",
            "close db"
        ],
        "a failed body must still release every resource, in reverse order"
    );
}

#[support::test(start_paused = true)]
async fn nested_releases_what_was_opened_when_an_open_fails() {
    let log = EventLog::new();
    let body_log = log.clone();
    let (result, _) = timed(nested(
        &NAMES,
        opener(&log, "queue"),
        async move |_all: &mut [Named]| {
            body_log.push("body");
            Ok::<_, String>(())
        },
    ))
    .await;
    assert_eq!(
        result,
        Err("queue is down".to_string()),
        "nested() returns the error of the open that failed"
    );
    assert_eq!(
        log.timeline(),
        at(&[
            (1, "open db"),
            (2, "open cache"),
            (3, "queue refused"),
            (4, "close cache"),
            (5, "close db"),
        ]),
        "when an open fails, the body must not run, and the resources opened before it must be released, last opened first (returning early with `?` leaks them)"
    );
}
