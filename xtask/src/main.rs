//! `cargo xtask`: the awaitlings course runner.
//!
//! # Layout
//!
//! The command line comes in through [`cli`], which knows every command's
//! arguments, flags, usage and exit codes; `main` hands each command to its
//! module. The course itself is found at run time, from the current
//! directory upward ([`course`]), so whichever build of the runner runs, it
//! acts on the copy of the course it was started in.
//!
//! Finding the course:
//! - [`course`]: the workspace root, its chapters, and where they are built.
//! - [`manifest`]: a chapter's `exercises.toml`.
//! - [`stubs`]: the stubs as the course ships them, for `reset` and salvage.
//! - [`state`]: what the runner remembers in `.awaitlings/state.json`.
//!
//! Running tests:
//! - [`runner`]: build a chapter's test binary, run each test in its own
//!   process, and say how it ended.
//! - [`salvage`]: when a chapter does not compile, build it again with the
//!   broken exercises' stubs, so the others still get their verdicts.
//! - [`status`]: from test results to one verdict per exercise.
//! - [`os`]: what differs between Linux, macOS and Windows (process
//!   groups, crash names); one file per system.
//!
//! The student commands, each a view of a chapter's verdicts:
//! - [`check`]: `check`, and the chapter run every other command shares.
//! - [`list`], [`hint`], [`watch`], [`solution`], [`reset`].
//! - [`ui`]: colours, status labels and progress lines.
//!
//! Maintainers and instructors:
//! - [`verify`]: the project's own test; [`variants`]: the mistakes and
//!   alternatives beside each solution, which prove the tests both ways.
//! - [`scaffold`] (`new`), [`dist`] (the hand-out), [`bench`](mod@bench).
//! - `grade/`: grading a class in a sandbox (Linux only).
//! - [`files`]: copying workspaces.

#[macro_use]
mod cli;

mod bench;
mod check;
mod course;
mod dist;
mod files;
#[cfg(target_os = "linux")]
mod grade;
mod hint;
mod list;
mod manifest;
mod os;
mod reset;
mod runner;
mod salvage;
mod scaffold;
mod solution;
mod state;
mod status;
mod stubs;
mod ui;
mod variants;
mod verify;
mod watch;

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Invocation, Parsed};
use crate::course::Course;
use crate::ui::Style;

fn main() -> ExitCode {
    os::quiet_on_closed_pipe();
    match run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(cli::exit_code(&error))
        }
    }
}

fn run() -> Result<ExitCode> {
    let style = Style::detect();
    match cli::parse(lexopt::Parser::from_env())? {
        Invocation::Help(None) => {
            // Outside a course, the whole list.
            let has_solutions = Course::here().map_or(true, |c| c.has_solutions());
            print!("{}", cli::overview(has_solutions));
            Ok(ExitCode::SUCCESS)
        }
        Invocation::Help(Some(spec)) => {
            print!("{}", cli::command_usage(spec));
            Ok(ExitCode::SUCCESS)
        }
        Invocation::Grade(command, parser) => grade(&command, parser, style),
        Invocation::Run(parsed) => command(&parsed, &Course::here()?, style),
    }
}

fn command(parsed: &Parsed, course: &Course, style: Style) -> Result<ExitCode> {
    let (first, second) = (parsed.arg(0), parsed.arg(1));
    // `cli` has checked the count of arguments: the required ones are here.
    let required = || first.unwrap_or_default();
    let success = |()| ExitCode::SUCCESS;
    match parsed.spec.name {
        "list" => list::list(course, style).map(success),
        "check" => check::check(course, first, second, style),
        "hint" => hint::hint(course, first, second, style).map(success),
        "watch" => watch::watch(course, first, style),
        "solution" => solution::solution(course, required(), second, parsed.flag("force"), style),
        "reset" => reset::reset(course, required(), second).map(success),
        "verify" => verify::verify(course, first, parsed.flag("quick"), style),
        "new" => scaffold::new_chapter(course, required()).map(success),
        "dist" => dist::dist(course, Path::new(required())).map(success),
        "bench" => bench::bench(course, parsed.flag("cold"), parsed.flag("verify")).map(success),
        other => unreachable!("`cli` lists `{other}` but `main` does not run it"),
    }
}

#[cfg(target_os = "linux")]
fn grade(command: &str, mut parser: lexopt::Parser, style: Style) -> Result<ExitCode> {
    // `cli` hands over exactly the commands grading knows.
    debug_assert!(grade::COMMANDS.contains(&command));
    grade::run(command, &mut parser, style)
}

#[cfg(not(target_os = "linux"))]
fn grade(_command: &str, _parser: lexopt::Parser, _style: Style) -> Result<ExitCode> {
    Err(usage!(
        "grading runs on Linux only: it sandboxes students' code with Linux namespaces"
    ))
}
