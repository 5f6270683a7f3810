//! The test-running core shared by every command: build a chapter's test
//! binary, list its tests, run each one in its own process, classify it.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::Value;
use verdict::{Key, Unbelievable};

use crate::os::{self, CommandExt as _};

pub use verdict::Kind;

/// How one test ended: the kind, from the harness's signed record (or from
/// the runner, when there is no record to believe), and what to tell the
/// student.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub kind: Kind,
    /// What went wrong and where to look; empty for a pass.
    pub message: String,
}

impl Outcome {
    pub fn new(kind: Kind, message: impl Into<String>) -> Outcome {
        Outcome {
            kind,
            message: message.into(),
        }
    }

    pub fn passed(&self) -> bool {
        self.kind == Kind::Passed
    }
}

#[derive(Clone, Debug)]
pub struct TestResult {
    pub name: String,
    pub outcome: Outcome,
    /// The test function's line in its file, when the harness reported it.
    pub line: u32,
}

impl TestResult {
    pub fn new(name: &str, outcome: Outcome) -> TestResult {
        TestResult {
            name: name.to_string(),
            outcome,
            line: 0,
        }
    }
}

/// A compiler message about the package being built.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub is_error: bool,
    /// The file of the primary span, relative to the workspace root.
    pub file: Option<String>,
    /// As rustc prints it.
    pub rendered: String,
}

#[derive(Default)]
pub struct Build {
    /// The test binary, when the build succeeded.
    pub binary: Option<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
    /// What cargo printed on stderr, for errors that are not rustc's.
    pub cargo_stderr: String,
    /// Whether the whole cargo run succeeded.
    pub succeeded: bool,
    /// Whether it was stopped at its time limit.
    pub timed_out: bool,
}

/// Where and how test processes run.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Working directory of each test (the chapter's crate).
    pub cwd: PathBuf,
    /// Wall-clock limit for one test process.
    pub timeout: Duration,
    /// How many test processes run at once.
    pub jobs: usize,
}

impl RunOptions {
    /// Tests of a chapter run in its crate, one process per core.
    pub fn new(cwd: PathBuf, timeout: Duration) -> RunOptions {
        RunOptions {
            cwd,
            timeout,
            jobs: cores(),
        }
    }
}

/// How many cores this machine has: test processes mostly wait on virtual
/// time, so one per core keeps both busy without crowding them.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// How a process is started: directly, or wrapped in a sandbox that limits
/// what it may do. Arguments are added to the returned command.
pub trait Launcher: Sync {
    fn command(&self, program: &Path) -> Command;
}

/// Starts processes as they are: the student's own machine.
pub struct Direct;

impl Launcher for Direct {
    fn command(&self, program: &Path) -> Command {
        Command::new(program)
    }
}

/// Where and how `build_tests_with` runs cargo; the default is how `check`
/// and `verify` build.
pub struct BuildSetup<'a> {
    /// `CARGO_TARGET_DIR`, when not the workspace's own.
    pub target_dir: Option<PathBuf>,
    /// Wall-clock limit for the whole build; its process group is killed then.
    pub timeout: Option<Duration>,
    /// Build from the local registry cache only.
    pub offline: bool,
    pub launcher: &'a dyn Launcher,
}

impl Default for BuildSetup<'_> {
    fn default() -> Self {
        BuildSetup {
            target_dir: None,
            timeout: None,
            offline: false,
            launcher: &Direct,
        }
    }
}

/// Builds the test binary of `package` (whose manifest is in `crate_dir`) with
/// `cargo test --no-run`, reporting each compiled crate's name to `progress`.
pub fn build_tests(
    workspace: &Path,
    package: &str,
    crate_dir: &Path,
    color: bool,
    progress: &mut dyn FnMut(&str),
) -> Result<Build> {
    let setup = BuildSetup::default();
    build_tests_with(workspace, package, crate_dir, color, &setup, progress)
}

/// `build_tests` with a target directory, a time limit and a launcher.
pub fn build_tests_with(
    workspace: &Path,
    package: &str,
    crate_dir: &Path,
    color: bool,
    setup: &BuildSetup,
    progress: &mut dyn FnMut(&str),
) -> Result<Build> {
    let mut builds = build_many(workspace, &[(package, crate_dir)], color, setup, progress)?;
    let mut build = builds.remove(0);
    if !build.succeeded {
        build.binary = None;
    }
    Ok(build)
}

/// Builds the test binaries of several packages (name, crate directory) in
/// one cargo run, so that they compile side by side. Cargo stops at the
/// first package that fails; the binaries it finished before that are
/// complete and kept.
pub fn build_many(
    workspace: &Path,
    packages: &[(&str, &Path)],
    color: bool,
    setup: &BuildSetup,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<Build>> {
    let format = if color {
        "json-diagnostic-rendered-ansi"
    } else {
        "json"
    };
    let mut command = setup.launcher.command(Path::new(&cargo()));
    command
        .current_dir(workspace)
        .args(["test", "--no-run", "--quiet"])
        .args(["--message-format", format])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (package, _) in packages {
        command.args(["--package", package]);
    }
    if let Some(dir) = &setup.target_dir {
        command.env("CARGO_TARGET_DIR", dir);
    }
    if setup.offline {
        command.arg("--offline");
    }
    if setup.timeout.is_some() {
        command.own_process_group();
    }
    let mut child = command.spawn().context("cannot run cargo")?;
    let watchdog = setup.timeout.map(|limit| Watchdog::start(&child, limit));
    let stderr = child.stderr.take().unwrap();
    let stderr = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());

    let manifests: Vec<PathBuf> = packages
        .iter()
        .map(|(_, dir)| dir.join("Cargo.toml"))
        .collect();
    let mut builds: Vec<Build> = packages.iter().map(|_| Build::default()).collect();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let Ok(message) = serde_json::from_str::<Value>(&line?) else {
            continue;
        };
        let manifest = Path::new(message["manifest_path"].as_str().unwrap_or(""));
        let ours = manifests.iter().position(|m| m == manifest);
        match (message["reason"].as_str(), ours) {
            (Some("compiler-artifact"), _) => {
                if let Some(name) = message["target"]["name"].as_str() {
                    progress(name);
                }
                // Only the integration-test target: `cargo test` also builds
                // the package's binaries and examples.
                let is_test = message["target"]["kind"] == serde_json::json!(["test"]);
                if let Some(i) = ours
                    && is_test
                    && let Some(exe) = message["executable"].as_str()
                {
                    builds[i].binary = Some(PathBuf::from(exe));
                }
            }
            (Some("compiler-message"), Some(i)) => {
                builds[i]
                    .diagnostics
                    .extend(diagnostic(&message["message"]));
            }
            _ => {}
        }
    }
    let status = child.wait()?;
    let mut cargo_stderr = stderr.join().unwrap_or_default();
    let timed_out = watchdog.is_some_and(Watchdog::stop);
    if timed_out {
        cargo_stderr.push_str(&format!(
            "\nthe build was stopped after {} s of real time.",
            setup.timeout.unwrap_or_default().as_secs()
        ));
    }
    for build in &mut builds {
        build.succeeded = status.success() && !timed_out;
        build.timed_out = timed_out;
        build.cargo_stderr = cargo_stderr.clone();
        if timed_out {
            build.binary = None;
        }
    }
    Ok(builds)
}

/// Kills a process group when a time limit passes first.
struct Watchdog {
    finished: std::sync::mpsc::Sender<()>,
    fired: std::thread::JoinHandle<bool>,
}

impl Watchdog {
    fn start(child: &Child, limit: Duration) -> Watchdog {
        let (finished, wait) = std::sync::mpsc::channel::<()>();
        let group = child.id();
        let fired = std::thread::spawn(move || {
            let timed_out = matches!(
                wait.recv_timeout(limit),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout)
            );
            if timed_out {
                os::kill_tree_id(group);
            }
            timed_out
        });
        Watchdog { finished, fired }
    }

    /// Whether the limit had passed and the group was killed.
    fn stop(self) -> bool {
        let _ = self.finished.send(());
        self.fired.join().unwrap_or(false)
    }
}

fn diagnostic(message: &Value) -> Option<Diagnostic> {
    let level = message["level"].as_str()?;
    if !matches!(level, "error" | "warning") {
        return None;
    }
    let rendered = message["rendered"].as_str()?.to_string();
    let file = message["spans"]
        .as_array()
        .and_then(|spans| spans.iter().find(|s| s["is_primary"] == true))
        .and_then(|span| span["file_name"].as_str())
        .map(str::to_string);
    Some(Diagnostic {
        is_error: level == "error",
        file,
        rendered,
    })
}

/// A package's build and, when it compiled, the result of each of its tests.
pub struct PackageRun {
    pub build: Build,
    pub results: Vec<TestResult>,
}

impl PackageRun {
    pub fn compiled(&self) -> bool {
        self.build.binary.is_some()
    }
}

/// Builds `package` and runs every test of it.
pub fn test_package(
    workspace: &Path,
    package: &str,
    crate_dir: &Path,
    options: &RunOptions,
    color: bool,
    progress: &mut dyn FnMut(&str),
) -> Result<PackageRun> {
    let build = build_tests(workspace, package, crate_dir, color, progress)?;
    let results = match &build.binary {
        Some(binary) => run_tests(binary, &list_tests(binary)?, options),
        None => Vec::new(),
    };
    Ok(PackageRun { build, results })
}

/// The cargo that runs us, so toolchain overrides carry through.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

/// The names of the tests in `binary`, as libtest lists them.
pub fn list_tests(binary: &Path) -> Result<Vec<String>> {
    let output = Command::new(binary)
        .args(["--list", "--format", "terse"])
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    if !output.status.success() {
        bail!("{} --list failed", binary.display());
    }
    let names = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .map(str::to_string)
        .collect();
    Ok(names)
}

/// Runs every test in its own process, `options.jobs` at a time, and
/// returns the results in the order of `tests`.
pub fn run_tests(binary: &Path, tests: &[String], options: &RunOptions) -> Vec<TestResult> {
    run_tests_with(binary, tests, options, &Direct)
}

/// `run_tests`, starting each test process through `launcher`.
pub fn run_tests_with(
    binary: &Path,
    tests: &[String],
    options: &RunOptions,
    launcher: &dyn Launcher,
) -> Vec<TestResult> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(vec![None; tests.len()]);
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.clamp(1, tests.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(name) = tests.get(i) else { break };
                    let result = run_test(binary, name, options, launcher).unwrap_or_else(|e| {
                        let message = format!("could not run the test: {e:#}");
                        TestResult::new(name, Outcome::new(Kind::Crashed, message))
                    });
                    results.lock().unwrap()[i] = Some(result);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(Option::unwrap)
        .collect()
}

/// Runs one test in a new process group, killing the whole group at the
/// time limit and when the test is over. The harness in the test process
/// reads a fresh key from the first line of its stdin and signs its
/// verdict with it.
fn run_test(
    binary: &Path,
    name: &str,
    options: &RunOptions,
    launcher: &dyn Launcher,
) -> Result<TestResult> {
    let out = tempfile("out")?;
    let err = tempfile("err")?;
    let key = Key::fresh();
    let mut child = launcher
        .command(binary)
        .args([name, "--exact", "--test-threads=1"])
        .current_dir(&options.cwd)
        .env("RUST_BACKTRACE", "0")
        .env(verdict::ENV, "1")
        .stdin(Stdio::piped())
        .stdout(out.1.try_clone()?)
        .stderr(err.1.try_clone()?)
        .own_process_group()
        .spawn()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    // Held open while the test runs: the harness ends its process when
    // this pipe closes, so no test outlives an interrupted runner.
    let mut stdin = child.stdin.take();
    if let Some(stdin) = &mut stdin {
        // A process that never reads it is judged by its missing record.
        let _ = stdin.write_all(key.to_text().as_bytes());
    }
    let status = wait_with_timeout(&mut child, options.timeout)?;
    kill_group(&mut child);
    drop(stdin);
    let stdout = read_lossy(&out.0);
    let stderr = read_lossy(&err.0);
    Ok(judge(name, &key, status, &stdout, &stderr, options.timeout))
}

/// `None` when the time limit passed first.
fn wait_with_timeout(child: &mut Child, timeout: Duration) -> Result<Option<ExitStatus>> {
    let start = Instant::now();
    let mut pause = Duration::from_micros(200);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if start.elapsed() >= timeout {
            kill_group(child);
            child.wait()?;
            return Ok(None);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

fn kill_group(child: &mut Child) {
    // The child leads its own group (`own_process_group`), so this reaches
    // every process it started and nothing else.
    os::kill_tree(child);
}

/// An anonymous file for a test's output: no pipe to fill up, and nothing
/// left behind.
fn tempfile(tag: &str) -> Result<(PathBuf, File)> {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::SeqCst);
    let path = std::env::temp_dir().join(format!("awaitlings-{}-{n}.{tag}", std::process::id()));
    let file = File::create(&path)?;
    Ok((path, file))
}

fn read_lossy(path: &Path) -> String {
    let text = std::fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    let _ = std::fs::remove_file(path);
    text
}

/// Decides how a test ended. The verdict is the harness's record, signed
/// with the key only the harness read: nothing the test prints can pass
/// for it. Without a record to believe, the process's end says what
/// happened. Output is only ever shown, never read for a verdict.
fn judge(
    name: &str,
    key: &Key,
    status: Option<ExitStatus>,
    stdout: &str,
    stderr: &str,
    timeout: Duration,
) -> TestResult {
    let record = verdict::read(stderr, name, key);
    let output = || shown_output(stdout, stderr);
    let outcome = match (record, status) {
        (Ok(record), Some(status)) if record.kind == Kind::Passed && !status.success() => {
            Outcome::new(
                Kind::Crashed,
                format!(
                    "the test passed, but then its process {}.\n{}",
                    how_it_ended(status, stderr),
                    output()
                ),
            )
        }
        (Ok(record), None) if record.kind == Kind::Passed => Outcome::new(
            Kind::TimedOut,
            format!(
                "the test passed, but its process was still running after {} s of real time \
                 and was stopped: a thread or a `spawn_blocking` task that never ends keeps \
                 the runtime from shutting down.",
                timeout.as_secs()
            ),
        ),
        (Ok(record), _) => {
            let line = record.line;
            return TestResult {
                name: name.to_string(),
                outcome: Outcome::new(record.kind, record.message),
                line,
            };
        }
        (Err(_), None) => Outcome::new(
            Kind::TimedOut,
            format!(
                "still running after {} s of real time, and was stopped. Likely causes: a busy \
                 loop, a blocking call that never returns, or a wait on something that never \
                 comes (a missing `.await`, a lock held across an `.await`, a channel whose \
                 senders are never dropped).",
                timeout.as_secs()
            ),
        ),
        (Err(Unbelievable::Forged), Some(_)) => Outcome::new(
            Kind::Crashed,
            "the test's output holds a verdict that the test harness did not write, so the \
             test scores nothing. Only the harness reports whether a test passed.",
        ),
        (Err(Unbelievable::Missing), Some(status)) => Outcome::new(
            Kind::Crashed,
            format!(
                "the test process {} before the test harness reported a result (does the \
                 code call `std::process::exit` or `abort`, or end the process another \
                 way?).\n{}",
                how_it_ended(status, stderr),
                output()
            )
            .trim_end()
            .to_string(),
        ),
    };
    TestResult::new(name, outcome)
}

/// How a process ended, in words.
fn how_it_ended(status: ExitStatus, stderr: &str) -> String {
    if stderr.contains("has overflowed its stack") {
        return "overflowed its stack".to_string();
    }
    match os::abnormal_exit(status) {
        Some(how) => how,
        None => match status.code() {
            Some(code) => format!("exited with code {code}"),
            None => format!("ended ({status})"),
        },
    }
}

/// What the test printed, for display: without the record, libtest's own
/// bookkeeping lines and backtrace notes, and cut to a readable length.
fn shown_output(stdout: &str, stderr: &str) -> String {
    const MAX_CHARS: usize = 4000;
    let text: String = verdict::strip(&format!("{stdout}\n{stderr}"))
        .lines()
        .filter(|line| {
            !(line.starts_with("running 1 test")
                || line.starts_with("test result:")
                || line.starts_with("note: run with `RUST_BACKTRACE=1`")
                || line.trim().is_empty())
        })
        .map(|line| format!("{}\n", tidy_panic_line(line)))
        .collect();
    let text = text.trim_end();
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}\n… (cut)", &text[..cut]),
        None => text.to_string(),
    }
}

/// `thread 'x' (123) panicked at f.rs:1:2:` becomes `panicked at f.rs:1:2:`.
fn tidy_panic_line(line: &str) -> String {
    if line.starts_with("thread '")
        && let Some(at) = line.find(" panicked at ")
    {
        return line[at + 1..].to_string();
    }
    line.to_string()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::process::ExitStatusExt;
    use verdict::Record;

    const NAME: &str = "jobs::works";
    const SECS: Duration = Duration::from_secs(10);

    fn exit(code: i32) -> Option<ExitStatus> {
        Some(ExitStatus::from_raw(code << 8))
    }

    fn outcome(status: Option<ExitStatus>, stdout: &str, stderr: &str, key: &Key) -> Outcome {
        judge(NAME, key, status, stdout, stderr, SECS).outcome
    }

    fn signed(kind: Kind, message: &str, key: &Key) -> String {
        Record::new(NAME, kind, message).sign(key)
    }

    #[test]
    fn a_pass_is_the_harness_record_and_exit_zero() {
        let key = Key::fresh();
        let stderr = signed(Kind::Passed, "", &key);
        assert_eq!(outcome(exit(0), "", &stderr, &key).kind, Kind::Passed);
        let crashed = outcome(exit(101), "", &stderr, &key);
        assert_eq!(crashed.kind, Kind::Crashed);
    }

    #[test]
    fn libtest_lines_alone_are_not_a_pass() {
        let key = Key::fresh();
        let transcript = format!(
            "\nrunning 1 test\ntest {NAME} ... ok\n\ntest result: ok. 1 passed; 0 failed;\n"
        );
        let forged = outcome(exit(0), &transcript, &transcript, &key);
        assert_eq!(forged.kind, Kind::Crashed);
        assert!(
            forged.message.contains("process::exit"),
            "{}",
            forged.message
        );
    }

    #[test]
    fn a_record_signed_with_another_key_is_forged() {
        let key = Key::fresh();
        let stderr = signed(Kind::Passed, "", &Key::fresh());
        let forged = outcome(exit(0), "", &stderr, &key);
        assert_eq!(forged.kind, Kind::Crashed);
        assert!(
            forged.message.contains("did not write"),
            "{}",
            forged.message
        );
    }

    #[test]
    fn the_record_gives_kind_and_message() {
        let key = Key::fresh();
        let stderr = format!("noise\n{}\n", signed(Kind::BusyPolling, "it spins", &key));
        assert_eq!(
            outcome(exit(101), "", &stderr, &key),
            Outcome::new(Kind::BusyPolling, "it spins")
        );
    }

    #[test]
    fn signals_and_time_limits_are_reported() {
        let key = Key::fresh();
        let abort = Some(ExitStatus::from_raw(libc::SIGABRT));
        let overflow = "thread 'x' has overflowed its stack\nfatal runtime error: stack overflow";
        let crashed = outcome(abort, "", overflow, &key);
        assert_eq!(crashed.kind, Kind::Crashed);
        assert!(crashed.message.contains("overflowed its stack"));
        assert_eq!(outcome(None, "", "", &key).kind, Kind::TimedOut);
    }
}
