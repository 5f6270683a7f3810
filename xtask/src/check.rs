//! `cargo xtask check [chapter]`: run a chapter's tests against the
//! student's code and show one line per exercise.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;

use crate::course::{Chapter, Course};
use crate::runner::{self, Diagnostic, Kind, Outcome, PackageRun, RunOptions};
use crate::state::{Progress, State, sources_key};
use crate::status::{Verdict, verdicts};
use crate::ui::{Style, indent};

/// How many compile errors to show at once: the first ones matter most.
const MAX_ERRORS: usize = 3;

pub fn check(course: &Course, query: Option<&str>, style: Style) -> Result<ExitCode> {
    let chapter = match query {
        Some(query) => course.chapter(query)?,
        None => match first_unfinished(course) {
            Some(chapter) => chapter,
            None => {
                println!("{}", style.green("Every chapter is complete. Well done!"));
                return Ok(ExitCode::SUCCESS);
            }
        },
    };
    let complete = check_chapter(course, chapter, style)?;
    Ok(if complete {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Checks one chapter and prints its report; `true` when it is complete.
pub fn check_chapter(course: &Course, chapter: &Chapter, style: Style) -> Result<bool> {
    let run = run_student(course, chapter, style)?;
    let verdicts = verdicts(&chapter.manifest, &run);
    print_report(course, chapter, &run, &verdicts, style);
    Ok(verdicts.iter().all(|v| v.done()))
}

/// The first chapter not known to be complete (from saved progress that
/// still matches the sources).
pub fn first_unfinished(course: &Course) -> Option<&Chapter> {
    let state = State::load(&course.root);
    course.chapters.iter().find(|chapter| {
        let key = sources_key(&course.crate_dir(chapter));
        state
            .fresh_progress(&chapter.id, key)
            .is_none_or(|p| p.done < p.total)
    })
}

/// Builds and tests the student's crate of `chapter`, showing build progress
/// on a terminal, and records the chapter's progress.
pub fn run_student(course: &Course, chapter: &Chapter, style: Style) -> Result<PackageRun> {
    let crate_dir = course.crate_dir(chapter);
    let key = sources_key(&crate_dir);
    let options = RunOptions::new(crate_dir.clone(), chapter.manifest.timeout());
    let mut progress = build_progress(chapter);
    let run = runner::test_package(
        &course.root,
        chapter.package(),
        &crate_dir,
        &options,
        style.color,
        &mut progress,
    )?;
    progress("");
    record_progress(course, chapter, key, &verdicts(&chapter.manifest, &run));
    Ok(run)
}

/// On a terminal, one self-erasing line naming the crate being compiled.
fn build_progress(chapter: &Chapter) -> impl FnMut(&str) {
    let terminal = std::io::stderr().is_terminal();
    let id = chapter.id.clone();
    move |name: &str| {
        if terminal {
            let mut err = std::io::stderr();
            let _ = match name {
                "" => write!(err, "\r\x1b[2K"),
                _ => write!(err, "\r\x1b[2K  building {id}: compiled {name}"),
            };
            let _ = err.flush();
        }
    }
}

/// A chapter's progress from its verdicts; `key` is its [`sources_key`].
pub fn progress_of(key: u64, verdicts: &[Verdict]) -> Progress {
    let next = verdicts.iter().find(|v| !v.done());
    Progress {
        key,
        done: verdicts.iter().filter(|v| v.done()).count(),
        total: verdicts.len(),
        next: next.map(|v| v.exercise.name.clone()),
    }
}

fn record_progress(course: &Course, chapter: &Chapter, key: u64, verdicts: &[Verdict]) {
    let mut state = State::load(&course.root);
    state
        .progress
        .insert(chapter.id.clone(), progress_of(key, verdicts));
    // Progress is a cache: failing to save it must not fail the check.
    let _ = state.save(&course.root);
}

fn print_report(
    course: &Course,
    chapter: &Chapter,
    run: &PackageRun,
    verdicts: &[Verdict],
    style: Style,
) {
    let done = verdicts.iter().filter(|v| v.done()).count();
    println!("{} {}", style.bold(&chapter.id), chapter.manifest.title);
    let width = verdicts
        .iter()
        .map(|v| v.exercise.name.len())
        .max()
        .unwrap_or(0);
    for (i, v) in verdicts.iter().enumerate() {
        let tests = match run.compiled() {
            true => format!("{}/{}", v.passed, v.tests.len()),
            false => String::new(),
        };
        println!(
            "  {:>2}. {:<width$}  {} {:>5}  {}",
            i + 1,
            v.exercise.name,
            style.status(v.status),
            tests,
            style.dim(&v.exercise.title),
        );
    }
    let score: f64 = verdicts.iter().map(Verdict::score).sum();
    let points: u32 = verdicts.iter().map(|v| v.exercise.points).sum();
    println!(
        "{done} of {} exercises done, {score:.0} of {points} points.",
        verdicts.len()
    );

    if !run.compiled() {
        print_compile_errors(chapter, run, style);
        return;
    }
    match verdicts.iter().find(|v| !v.done()) {
        Some(next) => print_next(course, chapter, run, next, style),
        None => println!("\n{}", style.green(&format!("{} is complete!", chapter.id))),
    }
}

fn print_compile_errors(chapter: &Chapter, run: &PackageRun, style: Style) {
    let errors: Vec<&Diagnostic> = run
        .build
        .diagnostics
        .iter()
        .filter(|d| d.is_error)
        .collect();
    println!(
        "\n{} does not compile, so none of its tests can run. {}:\n",
        style.red(&format!("crates/{}", chapter.dir_name)),
        if errors.is_empty() {
            "Cargo says"
        } else {
            "The compiler says"
        }
    );
    if errors.is_empty() {
        println!("{}", style.clean(run.build.cargo_stderr.trim_end()));
    }
    for error in errors.iter().take(MAX_ERRORS) {
        println!("{}", style.clean(error.rendered.trim_end()));
        println!();
    }
    if errors.len() > MAX_ERRORS {
        println!(
            "…and {} more errors; fix these first.",
            errors.len() - MAX_ERRORS
        );
    }
}

fn print_next(course: &Course, chapter: &Chapter, run: &PackageRun, next: &Verdict, style: Style) {
    let exercise = next.exercise;
    let file = format!("crates/{}/{}", chapter.dir_name, exercise.source());
    println!(
        "\n{} {} — {}",
        style.bold("Next:"),
        exercise.name,
        exercise.title
    );
    println!("  Read the task in the doc comments of {file}.");
    if next.status == Kind::NotStarted {
        println!("  Replace each `todo!()` with your code, then check again.");
    } else {
        print_problems(next, style);
    }
    for warning in run
        .build
        .diagnostics
        .iter()
        .filter(|d| d.file.as_deref() == Some(file.as_str()))
    {
        println!("\n{}", indent(&style.clean(warning.rendered.trim_end()), 2));
    }
    let state = State::load(&course.root);
    let seen = state
        .hints
        .get(&format!("{}/{}", chapter.id, exercise.name))
        .copied()
        .unwrap_or(0);
    let left = exercise.hints.len().saturating_sub(seen);
    println!(
        "\n  Stuck? `cargo xtask hint {} {}` ({left} of {} hints left)",
        chapter.id,
        exercise.name,
        exercise.hints.len()
    );
}

/// Every test of the exercise that did not pass, one line each (most
/// telling first), then the full message of the most telling one.
fn print_problems(verdict: &Verdict, style: Style) {
    let problems = verdict.problems();
    if problems.len() > 1 {
        println!();
        for test in &problems {
            let first_line = test
                .outcome
                .message
                .lines()
                .find(|l| !l.starts_with("panicked at"));
            println!(
                "  {} {} — {}: {}",
                style.red("✗"),
                test.name,
                test.outcome.kind.label(),
                style.clean(first_line.unwrap_or(""))
            );
        }
    }
    if let Some(test) = problems.first() {
        println!("\n  {} {}", style.red("✗"), style.bold(&test.name));
        println!("{}", indent(describe(&test.outcome), 4));
        if !test.outcome.message.is_empty() {
            println!("{}", indent(&style.clean(&test.outcome.message), 6));
        }
    }
}

/// A sentence about how the test ended, before its own message.
fn describe(outcome: &Outcome) -> &'static str {
    match outcome.kind {
        Kind::Passed => "passed",
        Kind::NotStarted => "This test reached a `todo!()` that still needs your code.",
        Kind::Failed => "This test failed:",
        Kind::NeverWaited => "This test expected your code to wait, and it never did:",
        Kind::Blocked => "This test saw the runtime's thread blocked:",
        Kind::BusyPolling => "This test saw your code busy polling:",
        Kind::LostWakeup => "This test saw a lost wake-up:",
        Kind::TimedOut => "This test never finished:",
        Kind::Crashed => "The test process crashed:",
        Kind::DoesNotCompile => "This code does not compile:",
    }
}
