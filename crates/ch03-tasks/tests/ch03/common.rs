//! Helpers shared by this chapter's tests. No tests here.

use std::any::Any;
use std::future::Future;
use std::time::Duration;

use support::{EventLog, Gauge};

/// Logs "cleaned up" when dropped: when its future finishes or is
/// cancelled. The only way a Rust future learns it was cancelled is its
/// destructors running.
pub struct Cleanup(pub EventLog);

impl Drop for Cleanup {
    fn drop(&mut self) {
        self.0.push("cleaned up");
    }
}

/// A job that counts as live on `gauge` until its future is dropped, and
/// logs "<name> finished" if it runs to the end, then returns `Ok(name)`
/// or, if `ok` is false, `Err("<name> failed")`.
pub fn job(
    gauge: &Gauge,
    log: &EventLog,
    name: &'static str,
    duration: Duration,
    ok: bool,
) -> impl Future<Output = Result<&'static str, String>> + Send + use<> {
    let live = gauge.enter();
    let log = log.clone();
    async move {
        let _live = live;
        tokio::time::sleep(duration).await;
        log.push(format!("{name} finished"));
        if ok {
            Ok(name)
        } else {
            Err(format!("{name} failed"))
        }
    }
}

/// The text of a panic: the `&str` or `String` given to `panic!`.
pub fn panic_text(panic: &(dyn Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        String::new()
    }
}
