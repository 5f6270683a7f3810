//! Exercise `many_to_many`: several producers, several consumers, one queue.

use std::future::Future;
use std::time::Duration;

/// How many items the shared queue holds.
pub const CAPACITY: usize = 4;

/// One item: who made it, and its number among that producer's items.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Item {
    pub producer: usize,
    pub seq: usize,
}

/// Runs `producers` producer tasks and `consumers` consumer tasks around
/// one bounded queue of [`CAPACITY`] items, and returns once every item has
/// been processed.
///
/// Producer `p` waits `every`, puts `Item { producer: p, seq: 0 }` in the
/// queue, waits `every` again, puts `seq: 1`, and so on up to
/// `per_producer` items. `every` may be zero: then the producers put their
/// items as fast as the queue takes them. (`tokio::time::sleep` accepts a
/// zero duration; `tokio::time::interval` panics on a zero period.)
/// Consumer `c` (numbered `0..consumers`) takes items
/// one at a time and awaits `work(c, item)` on each; consumers work at the
/// same time. Every item is processed exactly once: none lost, none twice.
/// A moment when the queue is empty is not the end: the consumers stop
/// only once every producer has finished and the queue is empty.
///
/// Returns one `(consumer, item)` pair per processed item, in any order.
///
/// ```no_run
/// # use std::time::Duration;
/// # use ch06_patterns::many_to_many::run;
/// # async fn demo() {
/// let done = run(2, 10, Duration::ZERO, 3, |consumer, item| async move {
///     println!("consumer {consumer} got {item:?}");
/// })
/// .await;
/// assert_eq!(done.len(), 20);
/// # }
/// ```
pub async fn run<W, Fut>(
    producers: usize,
    per_producer: usize,
    every: Duration,
    consumers: usize,
    work: W,
) -> Vec<(usize, Item)>
where
    W: Fn(usize, Item) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    todo!()
}
