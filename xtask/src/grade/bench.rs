//! `cargo xtask bench-grade`: grading N generated submissions, against the
//! naive way (copy each one, run a fresh `cargo test` in it with a target
//! directory of its own).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};

use super::Options;
use super::assemble::mirror_instructor;
use super::jail::View;
use super::sandbox::{Limits, Sandbox};
use crate::course::{Chapter, Course};
use crate::files::copy_tree;
use crate::runner;
use crate::runner::Launcher;

const DEFAULT_STUDENTS: usize = 30;
/// The naive way takes minutes per submission on two cores: measure a few
/// and scale, unless asked for more.
const DEFAULT_NAIVE: usize = 2;

pub fn bench(course: &Course, options: &Options) -> Result<ExitCode> {
    let students = options.students.unwrap_or(DEFAULT_STUDENTS);
    let naive = options.naive.unwrap_or(DEFAULT_NAIVE).min(students);
    let scratch = course.root.join("target").join("grade-bench");
    let chapters = super::chosen_chapters(course, &options.chapters)?;
    let submissions = scratch.join("submissions");
    let _ = std::fs::remove_dir_all(&scratch);
    make_submissions(course, &chapters, &submissions, students)?;

    // Ours, from a cold target directory: the dependencies are part of it.
    let started = Instant::now();
    let mut ours = Options {
        inputs: vec![submissions.clone()],
        chapters: options.chapters.clone(),
        scratch: Some(scratch.join("grade")),
        ..Options::default()
    };
    ours.jobs = options.jobs;
    let grades = super::grade_inputs(course, &ours)?;
    let ours_secs = started.elapsed().as_secs_f64();
    let graded = grades.students.iter().filter(|s| s.error.is_none()).count();
    if graded != students {
        bail!("only {graded} of {students} generated submissions were graded");
    }

    let mut naive_secs = Vec::new();
    for i in 0..naive {
        let started = Instant::now();
        naive_run(
            &chapters,
            &submissions.join(student_name(i)),
            &scratch.join("naive"),
        )?;
        naive_secs.push(started.elapsed().as_secs_f64());
        eprintln!(
            "naive: submission {} of {naive}: {:.1} s",
            i + 1,
            naive_secs[i]
        );
    }
    report(students, ours_secs, &naive_secs);
    sandbox_cost(&grades, ours_secs);
    Ok(ExitCode::SUCCESS)
}

/// What the jail costs: starting one test process in it against starting
/// it directly, and that difference times the test processes of the run.
fn sandbox_cost(grades: &super::model::Grades, run_secs: f64) {
    const TRIALS: u32 = 40;
    let time = |command: &mut dyn FnMut() -> Command| {
        let started = Instant::now();
        for _ in 0..TRIALS {
            let _ = command().stdin(Stdio::null()).current_dir("/").status();
        }
        started.elapsed().as_secs_f64() * 1000.0 / f64::from(TRIALS)
    };
    let view = View::default();
    let sandbox = Sandbox::jailed(Limits::test(), &std::env::temp_dir(), view);
    let jailed = time(&mut || sandbox.command(Path::new("true")));
    let direct = time(&mut || Command::new("true"));
    let setup = (jailed - direct).max(0.0);
    // At most: a test whose build was seen before reuses its results.
    let processes: usize = grades
        .students
        .iter()
        .flat_map(|s| &s.chapters)
        .filter(|c| c.status == super::model::ChapterStatus::Graded)
        .map(|c| c.exercises.iter().map(|e| e.tests.len()).sum::<usize>())
        .sum();
    let share = setup * processes as f64 / 1000.0 / run_secs * 100.0;
    println!(
        "per-test set-up: {jailed:.1} ms in the jail, {direct:.1} ms without: {setup:.1} ms each; \
         at most {processes} test processes: at most {share:.1}% of the run"
    );
    let in_force: Vec<&str> = grades
        .isolation
        .protections
        .iter()
        .filter(|p| p.in_force)
        .map(|p| p.name.as_str())
        .collect();
    println!("protections in force: {}", in_force.join(", "));
}

fn report(students: usize, ours: f64, naive: &[f64]) {
    println!("grade: {students} submissions in {ours:.1} s (cold target directory)");
    if naive.is_empty() {
        return;
    }
    let mean = naive.iter().sum::<f64>() / naive.len() as f64;
    let naive_total = mean * students as f64;
    let scaled = if naive.len() < students {
        format!(", measured on {} and scaled", naive.len())
    } else {
        String::new()
    };
    println!(
        "naive: {naive_total:.1} s for {students} ({mean:.1} s each{scaled})\n\
         speed-up: {:.1}×",
        naive_total / ours
    );
}

fn student_name(i: usize) -> String {
    format!("student-{:02}", i + 1)
}

/// Student copies of the workspace: every third one has all solutions,
/// every third the stubs, the rest a different mix of both. Solved files
/// are each student's own; untouched stubs are the course's, byte for byte,
/// as in a real class.
fn make_submissions(course: &Course, chapters: &[&Chapter], dir: &Path, n: usize) -> Result<()> {
    for i in 0..n {
        let root = dir.join(student_name(i));
        mirror_instructor(course, chapters, &root)?;
        for chapter in chapters {
            let exercises = chapter.manifest.exercises.len();
            let solved = match i % 3 {
                0 => exercises,
                1 => 0,
                _ => i % (exercises + 1),
            };
            for exercise in chapter.manifest.exercises.iter().take(solved) {
                let file = exercise.source();
                let solution = std::fs::read_to_string(course.solution_dir(chapter).join(&file))
                    .with_context(|| format!("cannot read the solution of {}", exercise.name))?;
                // Students write their own code: no two solved files are the
                // same, so none is built only once for the whole class.
                let own = format!(
                    "{solution}\n#[allow(dead_code)]\nconst SUBMITTED_BY: &str = \"{}\";\n",
                    student_name(i)
                );
                std::fs::write(root.join("crates").join(&chapter.dir_name).join(&file), own)?;
            }
        }
    }
    Ok(())
}

/// Copy, then `cargo test` of the chapters with a target directory of its own.
fn naive_run(chapters: &[&Chapter], submission: &Path, scratch: &Path) -> Result<()> {
    let copy: PathBuf = scratch.join("copy");
    let _ = std::fs::remove_dir_all(scratch);
    copy_tree(submission, &copy)?;
    let mut cargo = Command::new(runner::cargo());
    cargo
        .current_dir(&copy)
        .args(["test", "--quiet", "--no-fail-fast"])
        .env("CARGO_TARGET_DIR", copy.join("target"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for chapter in chapters {
        cargo.args(["--package", chapter.package()]);
    }
    // Stub tests fail, so the exit status says nothing here; the time does.
    cargo.status().context("cannot run cargo")?;
    let _ = std::fs::remove_dir_all(scratch);
    Ok(())
}
