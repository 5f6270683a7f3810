//! How a test ended, in one vocabulary shared by the test harness (in the
//! `support` crate) and the runner (`cargo xtask`).
//!
//! A test process cannot be trusted to tell the truth on stdout: the code
//! under test shares it. So each test process is given a fresh secret
//! [`Key`] on its standard input, which the harness reads before any code
//! under test runs. When the test is over, the harness writes one
//! [`Record`] line to stderr, signed with that key. The runner believes a
//! record only if its signature checks out, and only if it is the one
//! record in the output: anything the code under test writes is display.
//!
//! ```
//! use verdict::{Key, Kind, Record};
//!
//! let key = Key::from_parts(1, 2);
//! let record = Record::new("jobs::works", Kind::Passed, "");
//! let line = record.sign(&key);
//! assert_eq!(verdict::read(&line, "jobs::works", &key), Ok(record));
//! assert!(verdict::read(&line, "jobs::works", &Key::from_parts(3, 4)).is_err());
//! ```

use std::fmt;
use std::hash::Hasher;
use std::time::Duration;

/// Set (to any value) by the runner in a test process's environment: the
/// key is then waiting on standard input.
pub const ENV: &str = "AWAITLINGS_VERDICT";

/// Starts every record line.
const MARK: &str = "awaitlings-verdict v1 ";

/// How a test, or an exercise, ended. The first variants are the most
/// telling: see [`Kind::rank`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Every assertion held.
    Passed,
    /// A task or stream woke itself and returned `Pending` without end,
    /// freezing the paused clock.
    BusyPolling,
    /// A future returned `Pending` without arranging to be woken.
    LostWakeup,
    /// The runtime's thread was held by a blocking call or a loop that
    /// never awaits.
    Blocked,
    /// No virtual time passed where the task must wait.
    NeverWaited,
    /// An assertion failed; the message says which and why.
    Failed,
    /// The process ended without an honest verdict: a signal, a stack
    /// overflow, `process::exit`, or a forged record.
    Crashed,
    /// The test never finished: the virtual deadline of the support
    /// crate, or the runner's wall-clock limit.
    TimedOut,
    /// The code under test reached a `todo!()`.
    NotStarted,
    /// The chapter, or this exercise's file, does not compile.
    DoesNotCompile,
}

impl Kind {
    /// Every kind, most telling first.
    pub const ALL: [Kind; 10] = [
        Kind::Passed,
        Kind::BusyPolling,
        Kind::LostWakeup,
        Kind::Blocked,
        Kind::NeverWaited,
        Kind::Failed,
        Kind::Crashed,
        Kind::TimedOut,
        Kind::NotStarted,
        Kind::DoesNotCompile,
    ];

    /// The one spelling used in records, JSON and every report.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Passed => "passed",
            Kind::BusyPolling => "busy_polling",
            Kind::LostWakeup => "lost_wakeup",
            Kind::Blocked => "blocked",
            Kind::NeverWaited => "never_waited",
            Kind::Failed => "failed",
            Kind::Crashed => "crashed",
            Kind::TimedOut => "timed_out",
            Kind::NotStarted => "not_started",
            Kind::DoesNotCompile => "does_not_compile",
        }
    }

    /// Read back what [`Kind::as_str`] wrote.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// What a student reads: "done" for a passed test or exercise.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Passed => "done",
            Kind::BusyPolling => "busy polling",
            Kind::LostWakeup => "lost a wake-up",
            Kind::Blocked => "blocked the runtime",
            Kind::NeverWaited => "never waited",
            Kind::Failed => "failing",
            Kind::Crashed => "crashed",
            Kind::TimedOut => "timed out",
            Kind::NotStarted => "not started",
            Kind::DoesNotCompile => "does not compile",
        }
    }

    /// Lower is more telling. Among the tests of an exercise that did not
    /// pass, the most telling one names the exercise's status and is the
    /// one whose message is shown: a diagnosis (busy polling, a lost
    /// wake-up, blocking, never waiting) says more than an assertion, an
    /// assertion more than a crash or a timeout, and those more than a
    /// `todo!()`.
    pub fn rank(self) -> usize {
        Kind::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or(usize::MAX)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What the harness reports about one test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The test's name as libtest lists it (`jobs::works`).
    pub test: String,
    pub kind: Kind,
    /// The failure message with the panic's location; empty for a pass.
    pub message: String,
    /// Line of the test function in its file: tests are shown in the order
    /// they are written.
    pub line: u32,
    /// Virtual time the test body took (zero where no runtime ran).
    pub virtual_time: Duration,
    /// Real time the test body took.
    pub real_time: Duration,
}

impl Record {
    pub fn new(test: &str, kind: Kind, message: &str) -> Record {
        Record {
            test: test.to_string(),
            kind,
            message: message.to_string(),
            line: 0,
            virtual_time: Duration::ZERO,
            real_time: Duration::ZERO,
        }
    }

    /// The record as one signed line (without the newline).
    pub fn sign(&self, key: &Key) -> String {
        let body = [
            self.kind.as_str().to_string(),
            self.line.to_string(),
            self.virtual_time.as_nanos().to_string(),
            self.real_time.as_nanos().to_string(),
            escape(&self.test),
            escape(&self.message),
        ]
        .join("\t");
        format!("{MARK}{:016x} {body}", key.sign(&body))
    }
}

/// Why a test's output holds no verdict to believe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unbelievable {
    /// No record at all: the process ended before the harness reported.
    Missing,
    /// A record with a bad signature, for another test, or more than one:
    /// something other than the harness wrote it.
    Forged,
}

/// The one record in `output` (a test process's stderr) for `test`,
/// signed with `key`.
pub fn read(output: &str, test: &str, key: &Key) -> Result<Record, Unbelievable> {
    let mut found = None;
    for line in output.lines() {
        let Some(at) = line.find(MARK) else { continue };
        let record = parse_line(&line[at + MARK.len()..], key).filter(|r| r.test == test);
        match (record, &found) {
            (Some(record), None) => found = Some(record),
            _ => return Err(Unbelievable::Forged),
        }
    }
    found.ok_or(Unbelievable::Missing)
}

/// `output` without the record lines: what the test printed, for display.
pub fn strip(output: &str) -> String {
    output
        .lines()
        .filter(|line| !line.contains(MARK))
        .map(|line| format!("{line}\n"))
        .collect()
}

fn parse_line(signed: &str, key: &Key) -> Option<Record> {
    let (signature, body) = signed.split_once(' ')?;
    if u64::from_str_radix(signature, 16).ok()? != key.sign(body) || signature.len() != 16 {
        return None;
    }
    let fields: Vec<&str> = body.split('\t').collect();
    let [kind, line, virtual_ns, real_ns, test, message] = fields.as_slice() else {
        return None;
    };
    let nanos = |text: &str| text.parse::<u64>().ok().map(Duration::from_nanos);
    Some(Record {
        test: unescape(test),
        kind: Kind::parse(kind)?,
        message: unescape(message),
        line: line.parse().ok()?,
        virtual_time: nanos(virtual_ns)?,
        real_time: nanos(real_ns)?,
    })
}

/// A secret shared by the runner and one test process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(u64, u64);

impl Key {
    pub fn from_parts(k0: u64, k1: u64) -> Key {
        Key(k0, k1)
    }

    /// A key no other process can guess: std's randomly seeded hasher,
    /// mixed with the time and a counter.
    pub fn fresh() -> Key {
        use std::hash::{BuildHasher, Hash};
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let part = || {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            COUNT.fetch_add(1, Ordering::Relaxed).hash(&mut hasher);
            std::time::SystemTime::now().hash(&mut hasher);
            std::process::id().hash(&mut hasher);
            hasher.finish()
        };
        Key(part(), part())
    }

    /// As the runner writes it on a test's standard input.
    pub fn to_text(self) -> String {
        format!("{:016x}{:016x}\n", self.0, self.1)
    }

    /// Read back what [`Key::to_text`] wrote.
    pub fn from_text(text: &str) -> Option<Key> {
        let text = text.trim();
        if text.len() != 32 || !text.is_ascii() {
            return None;
        }
        let part = |range: std::ops::Range<usize>| u64::from_str_radix(&text[range], 16).ok();
        Some(Key(part(0..16)?, part(16..32)?))
    }

    /// SipHash-2-4 is a keyed function made for authenticating short
    /// messages; std has it built in, so neither side needs a crate.
    fn sign(&self, body: &str) -> u64 {
        #[allow(deprecated)]
        let mut hasher = std::hash::SipHasher::new_with_keys(self.0, self.1);
        hasher.write(body.as_bytes());
        hasher.finish()
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        Record {
            test: "ticks::waits".into(),
            kind: Kind::BusyPolling,
            message: "line one\n\tline\\two".into(),
            line: 42,
            virtual_time: Duration::from_millis(1500),
            real_time: Duration::from_micros(77),
        }
    }

    #[test]
    fn a_signed_record_reads_back_whole() {
        let key = Key::fresh();
        let output = format!("noise\n{}\nmore noise\n", record().sign(&key));
        assert_eq!(read(&output, "ticks::waits", &key), Ok(record()));
        assert_eq!(strip(&output), "noise\nmore noise\n");
    }

    #[test]
    fn a_record_the_harness_did_not_sign_is_forged() {
        let key = Key::fresh();
        let other = Key::fresh();
        let forged = record().sign(&other);
        assert_eq!(
            read(&forged, "ticks::waits", &key),
            Err(Unbelievable::Forged)
        );
        let tampered = record().sign(&key).replace("busy_polling", "passed");
        assert_eq!(
            read(&tampered, "ticks::waits", &key),
            Err(Unbelievable::Forged)
        );
    }

    #[test]
    fn two_records_or_another_tests_record_are_forged() {
        let key = Key::fresh();
        let line = record().sign(&key);
        let twice = format!("{line}\n{line}\n");
        assert_eq!(
            read(&twice, "ticks::waits", &key),
            Err(Unbelievable::Forged)
        );
        assert_eq!(read(&line, "ticks::other", &key), Err(Unbelievable::Forged));
        assert_eq!(
            read("no record", "ticks::waits", &key),
            Err(Unbelievable::Missing)
        );
    }

    #[test]
    fn keys_travel_as_text_and_differ() {
        let key = Key::fresh();
        assert_eq!(Key::from_text(&key.to_text()), Some(key));
        assert_ne!(Key::fresh(), key);
        assert_eq!(Key::from_text("short"), None);
    }

    #[test]
    fn kinds_have_one_spelling_each() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert!(Kind::Failed.rank() < Kind::TimedOut.rank());
        assert!(Kind::BusyPolling.rank() < Kind::Failed.rank());
    }
}
