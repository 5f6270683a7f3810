//! `cargo xtask bench [--cold] [--verify]`: the speed students and
//! maintainers feel, measured on a scratch copy of the workspace.
//!
//! - save → verdict: `cargo xtask check ch01` after editing one function,
//!   warm, median of 5 (on a copy holding ch01's solution, so every test runs
//!   to the end);
//! - `--cold`: the first `check ch01` of a fresh copy with an empty target
//!   directory (downloads are already cached: that is a fresh clone on a
//!   machine that has fetched the crates once);
//! - `--verify`: a warm `cargo xtask verify` of this workspace.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use crate::course::Course;
use crate::files::{copy_tree, copy_workspace};
use crate::runner;

const SKIP: &[&str] = &["target", ".git", ".awaitlings"];
const RUNS: usize = 5;

pub fn bench(course: &Course, cold: bool, verify: bool) -> Result<()> {
    let chapter = course.chapter("ch01")?;
    let scratch = course.root.join("target/awaitlings/bench");
    let _ = std::fs::remove_dir_all(&scratch);
    let copy = scratch.join("workspace");
    copy_workspace(&course.root, &copy, SKIP)?;
    let src = Path::new("crates").join(&chapter.dir_name).join("src");
    copy_tree(&course.solution_dir(chapter).join("src"), &copy.join(&src))?;
    // The workspace's own build directory, so dependencies are warm.
    let target = course.target_dir();

    if cold {
        let fresh = scratch.join("cold-target");
        let took = time_check(&copy, &fresh)?;
        println!(
            "first check ch01, empty target dir: {:.1} s",
            took.as_secs_f64()
        );
        let _ = std::fs::remove_dir_all(&fresh);
    }

    time_check(&copy, &target)?; // warm up: build the copy's xtask and crate once
    let edited = copy.join(&src).join("jobs.rs");
    let original = std::fs::read_to_string(&edited)?;
    let mut times = Vec::new();
    for run in 0..RUNS {
        let change = format!("format!(\"{{}} done\", job.name) // edit {run}");
        std::fs::write(
            &edited,
            original.replace("format!(\"{} done\", job.name)", &change),
        )?;
        times.push(time_check(&copy, &target)?);
    }
    times.sort();
    let ms: Vec<String> = times
        .iter()
        .map(|t| format!("{:.0}", t.as_secs_f64() * 1000.0))
        .collect();
    println!(
        "save → verdict, check ch01 after editing one function: median {:.2} s (runs, ms: {})",
        times[RUNS / 2].as_secs_f64(),
        ms.join(", ")
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
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(())
}

/// Wall time of `cargo xtask check ch01` in `workspace`, built into `target`.
fn time_check(workspace: &Path, target: &Path) -> Result<Duration> {
    let start = Instant::now();
    let status = Command::new(runner::cargo())
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target)
        .args(["xtask", "check", "ch01"])
        .stdout(Stdio::null())
        .status()?;
    let took = start.elapsed();
    if !status.success() {
        bail!("check ch01 failed in the benchmark copy ({status})");
    }
    Ok(took)
}
