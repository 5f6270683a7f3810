use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use ch02_event_loop::executor::{YieldOnce, block_on};
use pretty_assertions::assert_eq;
use support::{millis, on_thread};

/// How long a block_on under test may take, in real time. A working one
/// needs far less; the limit only turns a lost wake-up into a failure.
const LIMIT: Duration = Duration::from_secs(5);

const NEVER_WOKEN: &str = "block_on() parked and nothing ever woke it up. Its Waker must \
    unpark the very thread that parks: capture `std::thread::current()` before the \
    loop and call `unpark()` on it in `Wake::wake`. (If YieldOnce is involved: it must \
    call `cx.waker().wake_by_ref()` before returning `Pending`.)";

/// Counts the wake-ups it receives.
#[derive(Default)]
struct CountWakes(AtomicUsize);

impl Wake for CountWakes {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// Wraps a future and counts its polls, failing past `budget`.
struct Polls<F> {
    inner: Pin<Box<F>>,
    polls: Arc<AtomicUsize>,
    budget: usize,
}

fn polls<F: Future>(inner: F, budget: usize) -> (Polls<F>, Arc<AtomicUsize>) {
    let count = Arc::new(AtomicUsize::new(0));
    let polls = Polls {
        inner: Box::pin(inner),
        polls: Arc::clone(&count),
        budget,
    };
    (polls, count)
}

impl<F: Future> Future for Polls<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let polls = self.polls.fetch_add(1, Ordering::SeqCst) + 1;
        assert!(
            polls <= self.budget,
            "the future was polled {polls} times, more than the {} it needs: block_on() \
             is spinning (or the future never becomes ready). After `Poll::Pending`, park \
             the thread (`std::thread::park()`) until the waker unparks it, then poll again.",
            self.budget
        );
        self.inner.as_mut().poll(cx)
    }
}

/// A timer that needs no runtime: its first poll starts a thread that
/// sleeps, then wakes the task from that other thread.
struct ThreadTimer {
    after: Duration,
    state: Arc<Mutex<TimerState>>,
}

#[derive(Default)]
struct TimerState {
    fired: bool,
    started: bool,
    waker: Option<Waker>,
}

impl ThreadTimer {
    fn new(after: Duration) -> ThreadTimer {
        ThreadTimer {
            after,
            state: Arc::default(),
        }
    }
}

impl Future for ThreadTimer {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.state.lock().unwrap();
        if state.fired {
            return Poll::Ready(());
        }
        state.waker = Some(cx.waker().clone());
        if !state.started {
            state.started = true;
            let shared = Arc::clone(&self.state);
            let after = self.after;
            std::thread::spawn(move || {
                std::thread::sleep(after);
                let mut state = shared.lock().unwrap();
                state.fired = true;
                if let Some(waker) = state.waker.take() {
                    waker.wake();
                }
            });
        }
        Poll::Pending
    }
}

/// How long [`UnparkProbe`] parks waiting for an unpark that, done right,
/// is already there.
const PROBE_LIMIT: Duration = Duration::from_secs(1);

/// On its first poll, has its waker woken from another thread, then parks
/// the thread it is polled on (block_on's own) for at most
/// [`PROBE_LIMIT`]: only a waker that unparks that very thread ends the
/// wait at once. Then it wakes its task again, to give block_on back the
/// unpark it took, and on the next poll says what it saw.
#[derive(Default)]
struct UnparkProbe {
    unparked: Option<bool>,
}

impl Future for UnparkProbe {
    type Output = bool;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<bool> {
        if let Some(unparked) = self.unparked {
            return Poll::Ready(unparked);
        }
        let waker = cx.waker().clone();
        std::thread::spawn(move || waker.wake())
            .join()
            .expect("the waker panicked");
        let start = std::time::Instant::now();
        std::thread::park_timeout(PROBE_LIMIT);
        self.unparked = Some(start.elapsed() < PROBE_LIMIT);
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[support::test]
fn yield_once_wakes_itself_then_is_ready() {
    let mut fut = pin!(YieldOnce::new());
    let wakes = Arc::new(CountWakes::default());
    let waker = Waker::from(Arc::clone(&wakes));
    let mut cx = Context::from_waker(&waker);

    assert_eq!(
        fut.as_mut().poll(&mut cx),
        Poll::Pending,
        "YieldOnce's first poll must give way: return `Poll::Pending`"
    );
    assert_eq!(
        wakes.0.load(Ordering::SeqCst),
        1,
        "YieldOnce returned `Pending` without waking its task exactly once: nobody \
         would ever poll it again. Call `cx.waker().wake_by_ref()` before returning `Pending`"
    );
    assert_eq!(
        fut.as_mut().poll(&mut cx),
        Poll::Ready(()),
        "YieldOnce's second poll must return `Poll::Ready(())`: remember in a field that \
         it already gave way"
    );
}

#[support::test]
fn block_on_returns_the_output_of_a_ready_future() {
    let answer = on_thread("block_on(async { 6 * 7 })", NEVER_WOKEN, LIMIT, || {
        block_on(async { 6 * 7 })
    });
    assert_eq!(answer, 42, "block_on() returns what the future returned");
}

#[support::test]
fn block_on_sleeps_until_a_timer_thread_wakes_it() {
    // Real time, a little: this timer is a thread that sleeps 20 ms, since a
    // tokio-free executor has no virtual clock. A spinning block_on polls
    // thousands of times in those 20 ms; one that parks, twice.
    let (timer, count) = polls(ThreadTimer::new(millis(20)), 4);
    on_thread(
        "block_on() of a 20 ms timer",
        NEVER_WOKEN,
        LIMIT,
        move || block_on(timer),
    );
    assert!(
        count.load(Ordering::SeqCst) >= 2,
        "block_on() returned without polling the timer to completion"
    );
}

#[support::test]
fn block_on_drives_yield_once() {
    let (fut, count) = polls(
        async {
            YieldOnce::new().await;
            YieldOnce::new().await;
            "gave way twice"
        },
        3,
    );
    let result = on_thread(
        "block_on() of two YieldOnce in a row",
        NEVER_WOKEN,
        LIMIT,
        move || block_on(fut),
    );
    assert_eq!(
        result, "gave way twice",
        "block_on() returns the future's output"
    );
    assert_eq!(
        count.load(Ordering::SeqCst),
        3,
        "giving way twice takes exactly three polls"
    );
}

#[support::test]
fn block_on_is_woken_by_unparking_its_thread() {
    let unparked = on_thread(
        "block_on() of a future woken from another thread",
        NEVER_WOKEN,
        LIMIT,
        || block_on(UnparkProbe::default()),
    );
    assert!(
        unparked,
        "the future's waker was woken, and the thread that runs block_on() stayed parked: \
         the waker must unpark that thread (`Thread::unpark` on the handle captured with \
         `std::thread::current()` before the loop). A waker that does nothing, with \
         `park_timeout` to poll again now and then, only looks like it works: it polls on a \
         timer, never when woken"
    );
}
