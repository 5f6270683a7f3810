//! The harness behind `#[support::test]`: runs one test, tells what kind of
//! ending it had, and reports it to `cargo xtask` on a channel the code
//! under test cannot forge (see the `verdict` crate).
//!
//! For a test on paused time it also watches the runtime from a thread of
//! its own: a runtime thread that has not gone idle for [`STUCK`] of real
//! time can never let the paused clock move on, so the test is stopped and
//! reported as busy polling (tasks keep being polled) or as blocked (one
//! poll never returns), instead of hanging until a wall-clock limit.

use std::any::Any;
use std::future::Future;
use std::io::{BufRead, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Once, OnceLock};
use std::time::Duration;

use verdict::{Key, Kind, Record};

/// How long the runtime's thread may stay busy, in real time, before a
/// paused-clock test is stopped as busy polling or blocked.
pub const STUCK: Duration = Duration::from_secs(2);

/// Which test is running: filled in by `#[support::test]`.
#[derive(Clone, Copy, Debug)]
pub struct Test {
    pub module: &'static str,
    pub name: &'static str,
    pub line: u32,
}

impl Test {
    /// The name libtest gives the test: the module path without the test
    /// binary's own name.
    fn path(&self) -> String {
        match self.module.split_once("::") {
            Some((_, modules)) => format!("{modules}::{}", self.name),
            None => self.name.to_string(),
        }
    }
}

/// The runtime of an `async` test, with `#[tokio::test]`'s options.
#[derive(Clone, Copy, Debug)]
pub struct Runtime {
    pub start_paused: bool,
    pub multi_thread: bool,
    pub worker_threads: Option<usize>,
}

/// Runs an `async` test body on a runtime of its own and reports it.
pub fn run_async<F: Future<Output = ()>>(test: Test, runtime: Runtime, body: F) {
    // Boxed, so that the harness is compiled once here, not once per test
    // in every chapter's test crate: a student's edit recompiles that crate.
    run_boxed(test, runtime, Box::pin(body));
}

fn run_boxed(test: Test, runtime: Runtime, body: Pin<Box<dyn Future<Output = ()> + '_>>) {
    let key = take_key();
    let activity = Arc::new(Activity::new());
    let rt = build(runtime, &activity);
    let clock_start = {
        let _inside = rt.enter();
        tokio::time::Instant::now()
    };
    let watch = runtime
        .start_paused
        .then(|| Watchdog::start(test, key, &activity, rt.handle().clone()));
    CURRENT.with(|current| *current.lock().unwrap() = Some(Arc::clone(&activity)));
    let real_start = std::time::Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| rt.block_on(body)));
    let virtual_time = {
        let _inside = rt.enter();
        clock_start.elapsed()
    };
    if let Some(watch) = watch {
        watch.stop();
    }
    drop(rt);
    let real_time = real_start.elapsed();
    finish(test, key, result, virtual_time, real_time);
}

/// Runs a test that needs no runtime, and reports it.
pub fn run_sync<F: FnOnce()>(test: Test, body: F) {
    run_sync_boxed(test, Box::new(body));
}

fn run_sync_boxed(test: Test, body: Box<dyn FnOnce() + '_>) {
    let key = take_key();
    let real_start = std::time::Instant::now();
    let result = catch_unwind(AssertUnwindSafe(body));
    finish(test, key, result, Duration::ZERO, real_start.elapsed());
}

/// Fails the test with a message and the kind of ending it names.
///
/// The support crate's helpers use it for what they diagnose (a deadline,
/// busy polling, blocking); a test may use it for a diagnosis of its own,
/// such as a lost wake-up seen by polling by hand.
#[track_caller]
pub fn fail(kind: Kind, message: impl Into<String>) -> ! {
    let message = message.into();
    MARKED.lock().unwrap().push((message.clone(), kind));
    std::panic::panic_any(message)
}

/// The longest stretch of real time the current test's runtime thread has
/// been busy without going idle (zero outside a current-thread test).
/// Blocking the thread makes it long; awaiting keeps it short.
pub fn longest_busy() -> Duration {
    CURRENT.with(|current| {
        current
            .lock()
            .unwrap()
            .as_ref()
            .map_or(Duration::ZERO, |a| a.longest_busy())
    })
}

fn finish(
    test: Test,
    key: Option<Key>,
    result: std::thread::Result<()>,
    virtual_time: Duration,
    real_time: Duration,
) {
    CURRENT.with(|current| *current.lock().unwrap() = None);
    let (kind, message) = match &result {
        Ok(()) => (Kind::Passed, String::new()),
        Err(payload) => judge(payload.as_ref()),
    };
    let record = Record {
        test: test.path(),
        kind,
        message,
        line: test.line,
        virtual_time,
        real_time,
    };
    report(key, &record);
    if let Err(payload) = result {
        resume_unwind(payload);
    }
}

/// The kind and the full message of a test's panic.
fn judge(payload: &(dyn Any + Send)) -> (Kind, String) {
    let text = panic_text(payload).unwrap_or("the test panicked with a value that is not text");
    // A `todo!()` reached anywhere in the test (a spawned task, a thread)
    // is why it failed, however the test reported it.
    let kind = if TODO_REACHED.load(Ordering::SeqCst) {
        Kind::NotStarted
    } else {
        latest(&MARKED, text).unwrap_or(Kind::Failed)
    };
    // Where a helper of this crate failed says nothing to a student: the
    // message names the test's own concern.
    let location = latest(&PANICS, text).filter(|at| !at.contains("crates/support/src/"));
    let message = match location {
        Some(location) => format!("panicked at {location}:\n{text}"),
        None => text.to_string(),
    };
    (kind, message)
}

fn panic_text(payload: &(dyn Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
}

/// What was last noted about a panic with this message.
fn latest<T: Clone>(notes: &Mutex<Vec<(String, T)>>, text: &str) -> Option<T> {
    let notes = notes.lock().unwrap_or_else(|e| e.into_inner());
    notes
        .iter()
        .rev()
        .find(|(m, _)| m == text)
        .map(|(_, t)| t.clone())
}

/// Writes the signed record straight to the process's stderr (past
/// libtest's capture), when the runner gave us a key.
fn report(key: Option<Key>, record: &Record) {
    if let Some(key) = key {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "\n{}", record.sign(&key));
        let _ = stderr.flush();
    }
}

/// The key the runner wrote on the first line of our standard input, read
/// once, before any code under test runs. The runner keeps the pipe open
/// until the test is over: when it closes early, the runner is gone
/// (interrupted), and so must the test be.
fn take_key() -> Option<Key> {
    static KEY: OnceLock<Option<Key>> = OnceLock::new();
    install_panic_hook();
    *KEY.get_or_init(|| {
        std::env::var_os(verdict::ENV)?;
        let mut line = String::new();
        std::io::stdin().lock().take(64).read_line(&mut line).ok()?;
        std::thread::spawn(end_with_the_runner);
        Key::from_text(&line)
    })
}

fn end_with_the_runner() {
    let mut rest = [0u8; 64];
    while let Ok(1..) = std::io::stdin().read(&mut rest) {}
    std::process::exit(101);
}

/// Panics marked by [`fail`] with their kind.
static MARKED: Mutex<Vec<(String, Kind)>> = Mutex::new(Vec::new());
/// Whether any thread panicked in a `todo!()` (whose message is std's).
static TODO_REACHED: AtomicBool = AtomicBool::new(false);
/// Recent panics' messages with their locations, from the panic hook.
static PANICS: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let text = panic_text(info.payload());
            if text.is_some_and(|t| t.starts_with("not yet implemented")) {
                TODO_REACHED.store(true, Ordering::SeqCst);
            }
            if let (Some(text), Some(location)) = (text, info.location()) {
                let mut panics = PANICS.lock().unwrap_or_else(|e| e.into_inner());
                if panics.len() == 64 {
                    panics.remove(0);
                }
                panics.push((text.to_string(), location.to_string()));
            }
            default(info);
        }));
    });
}

thread_local! {
    /// The running test's activity, for [`longest_busy`].
    static CURRENT: Mutex<Option<Arc<Activity>>> = const { Mutex::new(None) };
}

/// When the runtime's thread last went idle (parked) or woke up, from the
/// runtime's own park hooks.
struct Activity {
    start: std::time::Instant,
    parked: AtomicBool,
    /// Nanoseconds from `start` to the last wake-up.
    busy_since: AtomicU64,
    longest: AtomicU64,
    /// Whether the hooks apply: one thread runs every task.
    single_thread: AtomicBool,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            start: std::time::Instant::now(),
            parked: AtomicBool::new(false),
            busy_since: AtomicU64::new(0),
            longest: AtomicU64::new(0),
            single_thread: AtomicBool::new(true),
        }
    }

    fn now(&self) -> u64 {
        self.start.elapsed().as_nanos() as u64
    }

    fn parked(&self) {
        let stretch = self.now() - self.busy_since.load(Ordering::SeqCst);
        self.longest.fetch_max(stretch, Ordering::SeqCst);
        self.parked.store(true, Ordering::SeqCst);
    }

    fn woke(&self) {
        self.busy_since.store(self.now(), Ordering::SeqCst);
        self.parked.store(false, Ordering::SeqCst);
    }

    /// How long the thread has been busy without a break, if it is.
    fn busy_for(&self) -> Option<Duration> {
        let single = self.single_thread.load(Ordering::SeqCst);
        (single && !self.parked.load(Ordering::SeqCst))
            .then(|| Duration::from_nanos(self.now() - self.busy_since.load(Ordering::SeqCst)))
    }

    fn longest_busy(&self) -> Duration {
        let longest = Duration::from_nanos(self.longest.load(Ordering::SeqCst));
        longest.max(self.busy_for().unwrap_or_default())
    }
}

fn build(runtime: Runtime, activity: &Arc<Activity>) -> tokio::runtime::Runtime {
    let mut builder = if runtime.multi_thread {
        activity.single_thread.store(false, Ordering::SeqCst);
        let mut builder = tokio::runtime::Builder::new_multi_thread();
        if let Some(n) = runtime.worker_threads {
            builder.worker_threads(n);
        }
        builder
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    let (parked, woke) = (Arc::clone(activity), Arc::clone(activity));
    builder
        .enable_all()
        .start_paused(runtime.start_paused)
        .on_thread_park(move || parked.parked())
        .on_thread_unpark(move || woke.woke())
        .build()
        .expect("the test's runtime could not be built")
}

/// Stops a paused-clock test whose runtime thread is stuck.
struct Watchdog {
    done: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

impl Watchdog {
    fn start(
        test: Test,
        key: Option<Key>,
        activity: &Arc<Activity>,
        handle: tokio::runtime::Handle,
    ) -> Watchdog {
        let done = Arc::new(AtomicBool::new(false));
        let (stop, activity) = (Arc::clone(&done), Arc::clone(activity));
        let thread = std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                std::thread::park_timeout(Duration::from_millis(100));
                if activity.busy_for().is_some_and(|busy| busy >= STUCK) {
                    let kind = diagnose(&handle);
                    if !stop.load(Ordering::SeqCst) {
                        give_up(test, key, kind, activity.start.elapsed());
                    }
                }
            }
        });
        Watchdog { done, thread }
    }

    fn stop(self) {
        self.done.store(true, Ordering::SeqCst);
        self.thread.thread().unpark();
        let _ = self.thread.join();
    }
}

/// Busy polling or blocked: a task spawned now is polled only if the
/// runtime still gets back to its scheduler between polls.
fn diagnose(handle: &tokio::runtime::Handle) -> Kind {
    let probed = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&probed);
    handle.spawn(async move { flag.store(true, Ordering::SeqCst) });
    for _ in 0..10 {
        std::thread::sleep(Duration::from_millis(30));
        if probed.load(Ordering::SeqCst) {
            return Kind::BusyPolling;
        }
    }
    Kind::Blocked
}

/// Reports a stuck test and ends the process: its thread will never let go.
fn give_up(test: Test, key: Option<Key>, kind: Kind, real_time: Duration) -> ! {
    let secs = STUCK.as_secs();
    let message = if kind == Kind::BusyPolling {
        format!(
            "For {secs} s of real time the runtime kept polling tasks that woke themselves \
             at once, so the paused clock could never move on.\n\
             Look for a `poll` that calls `cx.waker().wake_by_ref()` (or `wake()`) and returns \
             `Poll::Pending`, or a loop around `yield_now`/`try_recv`. Return `Pending` only \
             after something you polled (a `Sleep`, a channel) returned `Pending`: it has \
             registered the waker and will wake the task when there is something to do."
        )
    } else {
        format!(
            "For {secs} s of real time one poll never returned, so no other task ran and \
             the paused clock could never move on.\n\
             Look for `std::thread::sleep`, a blocking call (std I/O, a lock held for long, \
             `recv` on a std channel), or a loop that never reaches an `.await`. Waiting \
             belongs in `tokio::time::sleep(..).await`; blocking work in \
             `tokio::task::spawn_blocking`."
        )
    };
    let record = Record {
        test: test.path(),
        kind,
        message: message.clone(),
        line: test.line,
        virtual_time: Duration::ZERO,
        real_time,
    };
    {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "\n---- {} ----\n{message}", record.test);
    }
    report(key, &record);
    std::process::exit(101)
}
