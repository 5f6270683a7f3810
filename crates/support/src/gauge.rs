//! A concurrency gauge: how many are in flight now, and at most.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts how many pieces of work are in flight, and the most at once.
///
/// Clones share one gauge. Call [`Gauge::enter`] when work starts and keep
/// the guard until it ends.
///
/// ```
/// let gauge = support::Gauge::new();
/// let a = gauge.enter();
/// let b = gauge.enter();
/// drop(a);
/// assert_eq!((gauge.current(), gauge.max()), (1, 2));
/// # drop(b);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Gauge {
    counts: Arc<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    current: AtomicUsize,
    max: AtomicUsize,
    total: AtomicUsize,
}

/// Leaves the gauge when dropped.
#[must_use = "the work counts as in flight only while the guard lives"]
#[derive(Debug)]
pub struct GaugeGuard {
    counts: Arc<Counts>,
}

impl Gauge {
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks one more piece of work in flight until the guard drops.
    pub fn enter(&self) -> GaugeGuard {
        let counts = &self.counts;
        let now = counts.current.fetch_add(1, Ordering::SeqCst) + 1;
        counts.max.fetch_max(now, Ordering::SeqCst);
        counts.total.fetch_add(1, Ordering::SeqCst);
        GaugeGuard {
            counts: Arc::clone(&self.counts),
        }
    }

    /// In flight right now.
    pub fn current(&self) -> usize {
        self.counts.current.load(Ordering::SeqCst)
    }

    /// The most ever in flight at once.
    pub fn max(&self) -> usize {
        self.counts.max.load(Ordering::SeqCst)
    }

    /// How many times work entered, in all.
    pub fn total(&self) -> usize {
        self.counts.total.load(Ordering::SeqCst)
    }
}

impl Drop for GaugeGuard {
    fn drop(&mut self) {
        self.counts.current.fetch_sub(1, Ordering::SeqCst);
    }
}
