//! The test-running core shared by every command: build a chapter's test
//! binary, list its tests, run each one in its own process, classify it.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::os::{self, CommandExt as _};

/// How one test ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Passed,
    /// An assertion failed; the message says what went wrong.
    Failed(String),
    /// The student's code reached a `todo!()`.
    NotStarted,
    /// The test never finished: killed at the wall-clock limit, or stopped
    /// by the support crate's virtual-time deadline.
    TimedOut(String),
    /// The support crate saw the runtime's thread blocked.
    Blocked(String),
    /// Aborted, overflowed its stack, killed by a signal, or exited without
    /// libtest reporting a result (`std::process::exit`).
    Crashed(String),
}

#[derive(Clone, Debug)]
pub struct TestResult {
    pub name: String,
    pub outcome: Outcome,
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
                    let outcome = run_test(binary, name, options, launcher).unwrap_or_else(|e| {
                        Outcome::Crashed(format!("could not run the test: {e:#}"))
                    });
                    results.lock().unwrap()[i] = Some(TestResult {
                        name: name.clone(),
                        outcome,
                    });
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
/// time limit and when the test is over.
fn run_test(
    binary: &Path,
    name: &str,
    options: &RunOptions,
    launcher: &dyn Launcher,
) -> Result<Outcome> {
    let out = tempfile("out")?;
    let err = tempfile("err")?;
    let mut child = launcher
        .command(binary)
        .args([name, "--exact", "--test-threads=1"])
        .current_dir(&options.cwd)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(out.1.try_clone()?)
        .stderr(err.1.try_clone()?)
        .own_process_group()
        .spawn()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    let status = wait_with_timeout(&mut child, options.timeout)?;
    kill_group(&mut child);
    let stdout = read_lossy(&out.0);
    let stderr = read_lossy(&err.0);
    Ok(classify(name, status, &stdout, &stderr, options.timeout))
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

/// Phrases the support crate puts in its failure messages (see its docs).
const TIMED_OUT: &str = "did not finish within";
const BLOCKED: &str = "blocked the runtime";
const TODO: &str = "not yet implemented";

/// Decides how a test ended from its exit status and output.
///
/// A pass needs all of: exit status 0, libtest's own line for this test
/// ending in `ok`, and libtest's summary of exactly one passed test. A test
/// that exits early (`std::process::exit(0)`) prints neither line.
fn classify(
    name: &str,
    status: Option<ExitStatus>,
    stdout: &str,
    stderr: &str,
    timeout: Duration,
) -> Outcome {
    let Some(status) = status else {
        return Outcome::TimedOut(format!(
            "still running after {} s of real time, and was stopped. Likely causes: a busy \
             loop, a blocking call that never returns, or a wait on something that never \
             comes (a missing `.await`, a lock held across an `.await`, a channel whose \
             senders are never dropped).",
            timeout.as_secs()
        ));
    };
    let passed_line = format!("test {name} ... ok");
    let failed_line = format!("test {name} ... FAILED");
    let lines: Vec<&str> = stdout.lines().collect();
    // With one test thread libtest prints `test <name> ... ` before the
    // test runs and `ok` after it, so anything the test itself writes to
    // stdout lands between the two: a pass is libtest's lines in one piece.
    let libtest_pass =
        format!("running 1 test\n{passed_line}\n\ntest result: ok. 1 passed; 0 failed;");
    let reported_pass = stdout.contains(&libtest_pass)
        && stdout.matches("test result:").count() == 1
        && !lines.contains(&failed_line.as_str());
    if status.success() && reported_pass {
        return Outcome::Passed;
    }
    let message = failure_message(name, stdout, stderr);
    if let Some(how) = os::abnormal_exit(status) {
        let what = if stderr.contains("has overflowed its stack") {
            "overflowed its stack".to_string()
        } else {
            how
        };
        return Outcome::Crashed(
            format!("the test process {what}.\n{message}")
                .trim_end()
                .to_string(),
        );
    }
    if message.contains(TODO) {
        Outcome::NotStarted
    } else if message.contains(TIMED_OUT) {
        Outcome::TimedOut(message)
    } else if message.contains(BLOCKED) {
        Outcome::Blocked(message)
    } else if lines.contains(&failed_line.as_str()) {
        Outcome::Failed(message)
    } else {
        Outcome::Crashed(
            format!(
                "the test process exited with {status} before libtest reported a result \
                 (does the code call `std::process::exit`?).\n{message}"
            )
            .trim_end()
            .to_string(),
        )
    }
}

/// The test's captured output (libtest's `---- name stdout ----` section)
/// plus anything printed outside it on stderr, without libtest's notes.
fn failure_message(name: &str, stdout: &str, stderr: &str) -> String {
    let header = format!("---- {name} stdout ----\n");
    let captured = stdout
        .split_once(&header)
        .map(|(_, rest)| rest.split("\n\nfailures:\n").next().unwrap_or(rest))
        .unwrap_or("");
    let mut message = String::new();
    for line in captured.lines().chain(stderr.lines()) {
        let noise = line.starts_with("note: run with `RUST_BACKTRACE=1`")
            || line.starts_with("warning: `--logfile`");
        if !noise {
            message.push_str(&tidy_panic_line(line));
            message.push('\n');
        }
    }
    message.trim().to_string()
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

    const NAME: &str = "jobs::works";
    const SECS: Duration = Duration::from_secs(10);

    fn exit(code: i32) -> Option<ExitStatus> {
        Some(ExitStatus::from_raw(code << 8))
    }

    fn passed_stdout() -> String {
        format!(
            "\nrunning 1 test\ntest {NAME} ... ok\n\ntest result: ok. 1 passed; 0 failed; 0 ignored\n"
        )
    }

    fn failed_stdout(body: &str) -> String {
        format!(
            "\nrunning 1 test\ntest {NAME} ... FAILED\n\nfailures:\n\n---- {NAME} stdout ----\n\n\
             thread '{NAME}' (77) panicked at tests/a.rs:3:5:\n{body}\nnote: run with `RUST_BACKTRACE=1` \
             environment variable to display a backtrace\n\n\nfailures:\n    {NAME}\n\n\
             test result: FAILED. 0 passed; 1 failed\n"
        )
    }

    #[test]
    fn a_pass_needs_libtest_lines_and_exit_zero() {
        assert_eq!(
            classify(NAME, exit(0), &passed_stdout(), "", SECS),
            Outcome::Passed
        );
    }

    #[test]
    fn exit_zero_without_libtest_is_not_a_pass() {
        let outcome = classify(NAME, exit(0), "\nrunning 1 test\n", "", SECS);
        assert!(matches!(outcome, Outcome::Crashed(m) if m.contains("process::exit")));
    }

    #[test]
    fn a_forged_summary_with_a_failure_is_not_a_pass() {
        let forged = format!("{}{}", passed_stdout(), failed_stdout("boom"));
        assert!(matches!(
            classify(NAME, exit(101), &forged, "", SECS),
            Outcome::Failed(_)
        ));
        assert!(matches!(
            classify(NAME, exit(0), &forged, "", SECS),
            Outcome::Crashed(_) | Outcome::Failed(_)
        ));
    }

    #[test]
    fn lines_printed_by_the_test_itself_are_not_a_pass() {
        // A test that writes libtest's lines itself and exits: its text
        // follows libtest's `test <name> ... `, which never ends in `ok`.
        let forged = format!(
            "\nrunning 1 test\ntest {NAME} ... \ntest {NAME} ... ok\n\n\
             test result: ok. 1 passed; 0 failed; 0 ignored\n"
        );
        assert!(matches!(
            classify(NAME, exit(0), &forged, "", SECS),
            Outcome::Crashed(_)
        ));
    }

    #[test]
    fn a_failure_keeps_the_panic_message_without_noise() {
        let outcome = classify(NAME, exit(101), &failed_stdout("left != right"), "", SECS);
        assert_eq!(
            outcome,
            Outcome::Failed("panicked at tests/a.rs:3:5:\nleft != right".to_string())
        );
    }

    #[test]
    fn todo_is_not_started_and_deadlines_are_timeouts() {
        let todo = failed_stdout("not yet implemented");
        assert_eq!(
            classify(NAME, exit(101), &todo, "", SECS),
            Outcome::NotStarted
        );
        let late = failed_stdout("the future did not finish within 3600 s");
        assert!(matches!(
            classify(NAME, exit(101), &late, "", SECS),
            Outcome::TimedOut(_)
        ));
        let blocked = failed_stdout("the code blocked the runtime");
        assert!(matches!(
            classify(NAME, exit(101), &blocked, "", SECS),
            Outcome::Blocked(_)
        ));
    }

    #[test]
    fn signals_and_time_limits_are_reported() {
        let abort = Some(ExitStatus::from_raw(libc::SIGABRT));
        let overflow = "thread 'x' has overflowed its stack\nfatal runtime error: stack overflow";
        assert!(
            matches!(classify(NAME, abort, "", overflow, SECS), Outcome::Crashed(m) if m.contains("overflowed its stack"))
        );
        assert!(matches!(
            classify(NAME, None, "", "", SECS),
            Outcome::TimedOut(_)
        ));
    }
}
