//! `cargo xtask check [chapter] [exercise]`: run a chapter's tests (or one
//! exercise's) against the student's code and show one line per exercise.
//! Also the chapter run that list, hint, watch and solution share.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli;
use crate::course::{Chapter, Course};
use crate::manifest::Exercise;
use crate::runner::{self, Build, BuildSetup, Diagnostic, Kind, Outcome, PackageRun, RunOptions};
use crate::salvage::{self, Broken, Salvager};
use crate::state::{Progress, State, sources_key};
use crate::status::{Verdict, verdicts};
use crate::stubs::Stubs;
use crate::ui::{self, CountingLauncher, Style, indent};

/// How many compile errors to show at once: the first ones matter most.
const MAX_ERRORS: usize = 3;

pub fn check(
    course: &Course,
    query: Option<&str>,
    exercise: Option<&str>,
    style: Style,
) -> Result<ExitCode> {
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
    let only = exercise.map(|name| chapter.exercise(name)).transpose()?;
    let complete = check_chapter(course, chapter, only, style)?;
    Ok(cli::verdict(complete))
}

/// Checks one chapter, or one exercise of it, and prints the report;
/// `true` when everything checked is done.
pub fn check_chapter(
    course: &Course,
    chapter: &Chapter,
    only: Option<&Exercise>,
    style: Style,
) -> Result<bool> {
    let run = run_student(course, chapter, only, style)?;
    let mut verdicts = run.verdicts(chapter);
    if let Some(only) = only {
        verdicts.retain(|v| v.exercise.name == only.name);
    }
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

/// A chapter's tests run against the student's code.
pub struct ChapterRun {
    /// The build that was tested, and the results. When the student's
    /// build failed but could be salvaged, the salvage build.
    pub run: PackageRun,
    /// Exercises that did not compile and were replaced by their stubs.
    pub broken: Vec<Broken>,
}

impl ChapterRun {
    /// One verdict per exercise; a broken exercise does not compile.
    pub fn verdicts<'a>(&'a self, chapter: &'a Chapter) -> Vec<Verdict<'a>> {
        let mut verdicts = verdicts(&chapter.manifest, &self.run);
        for verdict in &mut verdicts {
            if self.broken_exercise(&verdict.exercise.name).is_some() {
                verdict.status = Kind::DoesNotCompile;
                verdict.passed = 0;
            }
        }
        verdicts
    }

    fn broken_exercise(&self, name: &str) -> Option<&Broken> {
        self.broken.iter().find(|b| b.exercise == name)
    }
}

/// Builds and tests the student's crate of `chapter` (only the tests of
/// `only`, when given), with a progress line on a terminal, and records
/// the chapter's progress after a full run.
pub fn run_student(
    course: &Course,
    chapter: &Chapter,
    only: Option<&Exercise>,
    style: Style,
) -> Result<ChapterRun> {
    let crate_dir = course.crate_dir(chapter);
    let key = sources_key(&crate_dir);
    let progress = ui::Progress::new(&chapter.id);
    let setup = BuildSetup {
        target_dir: Some(course.target_dir()),
        ..BuildSetup::default()
    };
    let build = runner::build_tests_with(
        &course.root,
        chapter.package(),
        &crate_dir,
        style.color,
        &setup,
        &mut progress.compiled(),
    )?;
    let (build, broken) = match build.binary {
        Some(_) => (build, Vec::new()),
        None => salvaged(course, chapter, build, &progress, style),
    };
    let run = test_build(chapter, build, only, &crate_dir, &progress)?;
    progress.clear();
    let run = ChapterRun { run, broken };
    if only.is_none() {
        record_progress(course, chapter, key, &run.verdicts(chapter));
    }
    Ok(run)
}

/// The salvage build of a chapter that did not compile, when its errors
/// are all in exercise files; else the failed build as it is.
fn salvaged(
    course: &Course,
    chapter: &Chapter,
    failed: Build,
    progress: &ui::Progress,
    style: Style,
) -> (Build, Vec<Broken>) {
    let Ok(stubs) = Stubs::of(course) else {
        return (failed, Vec::new());
    };
    let target = course.target_dir();
    let setup = BuildSetup {
        target_dir: Some(target.clone()),
        offline: true,
        ..BuildSetup::default()
    };
    let how = Salvager {
        workspace: &course.root,
        scratch: &target.join("awaitlings/salvage").join(&chapter.dir_name),
        setup: &setup,
        stubs: &stubs,
        src: None,
    };
    progress.show("does not compile: building the other exercises");
    let crate_dir = course.crate_dir(chapter);
    let salvaged = salvage::salvage(
        chapter,
        &crate_dir,
        &failed,
        &how,
        style.color,
        &mut progress.compiled(),
    );
    match salvaged {
        Ok(Some(salvage)) => (salvage.build, salvage.broken),
        // The chapter's own errors are the report then.
        Ok(None) | Err(_) => (failed, Vec::new()),
    }
}

/// Lists the binary's tests (those of `only`, when given) and runs them.
fn test_build(
    chapter: &Chapter,
    build: Build,
    only: Option<&Exercise>,
    crate_dir: &std::path::Path,
    progress: &ui::Progress,
) -> Result<PackageRun> {
    let Some(binary) = &build.binary else {
        return Ok(PackageRun {
            build,
            results: Vec::new(),
        });
    };
    let mut tests = runner::list_tests(binary)?;
    if let Some(only) = only {
        tests.retain(|test| only.owns(test));
    }
    let options = RunOptions::new(crate_dir.to_path_buf(), chapter.manifest.timeout());
    let launcher = CountingLauncher::new(progress, tests.len());
    let results = runner::run_tests_with(binary, &tests, &options, &launcher);
    Ok(PackageRun { build, results })
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
    run: &ChapterRun,
    verdicts: &[Verdict],
    style: Style,
) {
    println!("{} {}", style.bold(&chapter.id), chapter.manifest.title);
    let width = verdicts
        .iter()
        .map(|v| v.exercise.name.len())
        .max()
        .unwrap_or(0);
    for v in verdicts {
        let tests = match run.run.compiled() && v.status != Kind::DoesNotCompile {
            true => format!("{}/{}", v.passed, v.tests.len()),
            false => String::new(),
        };
        let number = chapter
            .manifest
            .exercises
            .iter()
            .position(|e| e.name == v.exercise.name);
        println!(
            "  {:>2}. {:<width$}  {} {:>5}  {}",
            number.map_or(0, |i| i + 1),
            v.exercise.name,
            style.status(v.status),
            tests,
            style.dim(&v.exercise.title),
        );
    }
    let done = verdicts.iter().filter(|v| v.done()).count();
    let score: f64 = verdicts.iter().map(Verdict::score).sum();
    let points: u32 = verdicts.iter().map(|v| v.exercise.points).sum();
    println!(
        "{done} of {} exercises done, {score:.0} of {points} points.",
        verdicts.len()
    );

    if !run.run.compiled() {
        print_compile_errors(chapter, &run.run, style);
        return;
    }
    let shown_broken: Vec<&Broken> = verdicts
        .iter()
        .filter_map(|v| run.broken_exercise(&v.exercise.name))
        .collect();
    if !shown_broken.is_empty() {
        print_broken(chapter, &shown_broken, style);
    }
    match verdicts.iter().find(|v| !v.done()) {
        Some(next) => print_next(course, chapter, &run.run, next, style),
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
    print_errors(&errors, style);
}

/// Exercises that do not compile, while the others were checked.
fn print_broken(chapter: &Chapter, broken: &[&Broken], style: Style) {
    let names: Vec<String> = broken.iter().map(|b| format!("`{}`", b.exercise)).collect();
    let files: Vec<String> = broken
        .iter()
        .map(|b| format!("crates/{}/src/{}.rs", chapter.dir_name, b.exercise))
        .collect();
    let (verb, its) = match broken.len() {
        1 => ("does", "its"),
        _ => ("do", "their"),
    };
    let text = format!(
        "{} {verb} not compile. The other exercises were checked with {its} stub in \
         {its} place; your files are as you left them. The compiler says:",
        names.join(", "),
    );
    println!("\n{}\n", style.red(&ui::wrap(&text, 78)));
    let errors: Vec<&Diagnostic> = broken.iter().flat_map(|b| &b.errors).collect();
    print_errors(&errors, style);
    println!("{}", style.dim(&format!("Fix {}.", files.join(", "))));
}

fn print_errors(errors: &[&Diagnostic], style: Style) {
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
    if next.status == Kind::DoesNotCompile {
        println!("  Make it compile (the errors are above), then check again.");
    } else if next.status == Kind::NotStarted {
        println!("  Replace each `todo!()` with your code, then check again.");
    } else {
        print_problems(next, style);
    }
    let in_file = |d: &&Diagnostic| {
        d.file.as_deref().map(|f| f.replace('\\', "/")).as_deref() == Some(file.as_str())
    };
    for warning in run.build.diagnostics.iter().filter(in_file) {
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
