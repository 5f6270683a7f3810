//! `cargo xtask bench [--cold] [--verify]`: the speed students and
//! maintainers feel, measured on a scratch copy of the workspace
//! (`target/awaitlings/bench/`), built in the copy's own target directory
//! as a student's clone is.
//!
//! - save → verdict: `cargo xtask check ch01` after editing one function,
//!   warm, median of 5 (on a copy holding ch01's solution, so every test runs
//!   to the end), beside its floor: the same edit followed by only
//!   `cargo test --no-run`, which no runner can beat;
//! - a syntax error in one exercise (jobs) while another (squares) is
//!   edited: `check ch01` builds, fails, and builds the chapter again with
//!   jobs's stub (see `salvage`), beside the failing `cargo test --no-run`
//!   alone, so the difference is what the second build and the tests cost;
//! - `--cold`: the first `check ch01` of a fresh copy with an empty target
//!   directory (downloads are already cached: that is a fresh clone on a
//!   machine that has fetched the crates once);
//! - `--verify`: a warm `cargo xtask verify` of this workspace.
//!
//! The copy keeps its target directory between runs, so only the first
//! bench of a worktree builds the dependencies.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::course::Course;
use crate::files::{copy_tree, copy_workspace};
use crate::runner;
use crate::stubs;

const SKIP: &[&str] = &["target", ".git", ".awaitlings"];
const RUNS: usize = 5;

/// The edit each run makes: one function of ch01's `jobs`.
const ORIGINAL: &str = "format!(\"{} done\", job.name)";

pub fn bench(course: &Course, cold: bool, verify: bool) -> Result<()> {
    let scratch = course.root.join("target/awaitlings/bench");
    if cold {
        let fresh = scratch.join("cold");
        let _ = std::fs::remove_dir_all(&fresh);
        fill(course, &fresh)?;
        let took = time(&mut xtask_check(&fresh), Expect::Success)?;
        println!(
            "first check ch01 of a fresh copy, empty target dir: {:.1} s",
            took.as_secs_f64()
        );
        let _ = std::fs::remove_dir_all(&fresh);
    }

    let copy = scratch.join("warm");
    fill(course, &copy)?;
    time(&mut xtask_check(&copy), Expect::Success)?; // warm up: build the copy once
    let edited = copy.join("crates/ch01-coroutines/src/jobs.rs");
    let original = std::fs::read_to_string(&edited)?;
    if !original.contains(ORIGINAL) {
        bail!("ch01's solution of jobs no longer has `{ORIGINAL}` to edit");
    }
    let mut checks = Vec::new();
    let mut floors = Vec::new();
    for run in 0..RUNS {
        let edit = |tag: &str| {
            let change = format!("format!(\"{{}} done\", job.name) // {tag} {run}");
            std::fs::write(&edited, original.replace(ORIGINAL, &change))
        };
        edit("floor")?;
        floors.push(time(&mut build_only(&copy), Expect::Success)?);
        edit("check")?;
        checks.push(time(&mut xtask_check(&copy), Expect::Success)?);
    }
    println!(
        "save → verdict, check ch01 after editing one function: {}",
        summary(&mut checks)
    );
    println!(
        "floor, the same edit and `cargo test --no-run` only:    {}",
        summary(&mut floors)
    );

    // jobs stays broken while squares is edited: each check builds the
    // student's crate (which fails), then the chapter again with jobs's stub.
    let squares = copy.join("crates/ch01-coroutines/src/squares.rs");
    let squares_original = std::fs::read_to_string(&squares)?;
    std::fs::write(&edited, format!("{original}\nfn broken( {{\n"))?;
    let mut salvaged = Vec::new();
    let mut failing = Vec::new();
    for run in 0..RUNS {
        let edit =
            |tag: &str| std::fs::write(&squares, format!("{squares_original}// {tag} {run}\n"));
        edit("floor")?;
        failing.push(time(&mut build_only(&copy), Expect::Failure)?);
        edit("check")?;
        salvaged.push(time(&mut xtask_check(&copy), Expect::Failure)?);
    }
    std::fs::write(&edited, &original)?;
    std::fs::write(&squares, &squares_original)?;
    println!(
        "jobs broken, squares edited: check ch01, salvaging:     {}",
        summary(&mut salvaged)
    );
    println!(
        "its floor, the failing `cargo test --no-run` only:      {}",
        summary(&mut failing)
    );

    if verify {
        let start = Instant::now();
        let status = Command::new(runner::cargo())
            .current_dir(&course.root)
            .args(["xtask", "verify"])
            .stdout(Stdio::null())
            .status()?;
        println!(
            "verify, warm: {:.1} s (exit {status})",
            start.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Makes `copy` this workspace with its stubs shipped and ch01's solution
/// in its student crate, keeping the copy's `target/` from an earlier run.
fn fill(course: &Course, copy: &Path) -> Result<()> {
    if copy.is_dir() {
        for entry in std::fs::read_dir(copy)? {
            let entry = entry?;
            if entry.file_name() != "target" {
                let path = entry.path();
                let removed = match entry.file_type()?.is_dir() {
                    true => std::fs::remove_dir_all(&path),
                    false => std::fs::remove_file(&path),
                };
                removed.with_context(|| format!("cannot clear {}", path.display()))?;
            }
        }
    }
    copy_workspace(&course.root, copy, SKIP)?;
    // The copy has no git: it carries its stubs as a hand-out does.
    stubs::ship(course, copy)?;
    let chapter = course.chapter("ch01")?;
    let src = Path::new("crates").join(&chapter.dir_name).join("src");
    copy_tree(&course.solution_dir(chapter).join("src"), &copy.join(src))
}

/// `cargo xtask check ch01` in `workspace`, as a student runs it there.
fn xtask_check(workspace: &Path) -> Command {
    let mut command = cargo_in(workspace);
    command.args(["xtask", "check", "ch01"]);
    command
}

/// Only the build that `check ch01` starts with.
fn build_only(workspace: &Path) -> Command {
    let mut command = cargo_in(workspace);
    command.args([
        "test",
        "--no-run",
        "--quiet",
        "--package",
        "ch01-coroutines",
    ]);
    command
}

/// Cargo in `workspace`, building into the workspace's own `target/`.
fn cargo_in(workspace: &Path) -> Command {
    let mut command = Command::new(runner::cargo());
    command
        .current_dir(workspace)
        .env_remove("CARGO_TARGET_DIR")
        .stdout(Stdio::null());
    command
}

#[derive(Clone, Copy, PartialEq)]
enum Expect {
    Success,
    Failure,
}

/// Wall time of a command that must end as `expect` says.
fn time(command: &mut Command, expect: Expect) -> Result<Duration> {
    if expect == Expect::Failure {
        command.stderr(Stdio::null()); // the compiler's errors, expected
    }
    let start = Instant::now();
    let status = command.status()?;
    let took = start.elapsed();
    if status.success() != (expect == Expect::Success) {
        bail!("{command:?} ended with {status} in the benchmark copy");
    }
    Ok(took)
}

/// `median 0.41 s (runs, ms: 380, 400, 410, 420, 450)`.
fn summary(times: &mut [Duration]) -> String {
    times.sort();
    let ms: Vec<String> = times
        .iter()
        .map(|t| format!("{:.0}", t.as_secs_f64() * 1000.0))
        .collect();
    format!(
        "median {:.2} s (runs, ms: {})",
        times[times.len() / 2].as_secs_f64(),
        ms.join(", ")
    )
}
