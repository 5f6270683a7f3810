use ch01_coroutines::scoped::{Resource, using};
use pretty_assertions::assert_eq;
use support::{EventLog, secs, timed};

/// A resource that takes a second to acquire and another to release, and
/// writes both to a log.
struct Door {
    log: EventLog,
    open: bool,
}

impl Resource for Door {
    async fn acquire(&mut self) {
        tokio::time::sleep(secs(1)).await;
        self.open = true;
        self.log.push("acquired");
    }

    async fn release(&mut self) {
        tokio::time::sleep(secs(1)).await;
        self.open = false;
        self.log.push("released");
    }
}

fn door() -> Door {
    Door {
        log: EventLog::new(),
        open: false,
    }
}

fn at(events: &[(u64, &str)]) -> Vec<(std::time::Duration, String)> {
    events
        .iter()
        .map(|(t, e)| (secs(*t), e.to_string()))
        .collect()
}

#[support::test(start_paused = true)]
async fn using_releases_after_a_successful_body() {
    let mut door = door();
    let (result, _) = timed(using(&mut door, async |door: &mut Door| {
        assert!(
            door.open,
            "the body must be given the resource after it was acquired"
        );
        tokio::time::sleep(secs(2)).await;
        door.log.push("body done");
        Ok::<_, String>(42)
    }))
    .await;
    assert_eq!(result, Ok(42), "using() returns what the body returned");
    assert_eq!(
        door.log.timeline(),
        at(&[(1, "acquired"), (3, "body done"), (4, "released")]),
        "acquire, then the body, then release, each awaited to the end before using() returns"
    );
}

#[support::test(start_paused = true)]
async fn using_releases_when_the_body_fails() {
    let mut door = door();
    let (result, _) = timed(using(&mut door, async |door: &mut Door| {
        door.log.push("body failed");
        Err::<u32, _>("boom".to_string())
    }))
    .await;
    assert_eq!(
        result,
        Err("boom".to_string()),
        "using() returns the body's error unchanged"
    );
    assert_eq!(
        door.log.events(),
        ["acquired", "body failed", "released"],
        "the resource must be released when the body fails too (an early return with `?` skips the release)"
    );
    assert!(
        !door.open,
        "the resource is released before using() returns"
    );
}
