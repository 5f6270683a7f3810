//! `cargo xtask`: the awaitlings course runner.

mod bench;
mod check;
mod course;
mod dist;
mod files;
mod grade;
mod hint;
mod list;
mod manifest;
mod reset;
mod runner;
mod scaffold;
mod solution;
mod state;
mod status;
mod ui;
mod variants;
mod verify;
mod watch;

use std::process::ExitCode;

use anyhow::{Result, bail};
use lexopt::ValueExt;

use crate::course::Course;
use crate::ui::Style;

const USAGE: &str = "\
cargo xtask — the awaitlings course runner

Students:
  cargo xtask list                       every chapter with its progress
  cargo xtask check [chapter]            test your code; no chapter: the first unfinished one
  cargo xtask hint <chapter> [exercise]  the next hint (run again for more)
  cargo xtask watch [chapter]            check again on every save
  cargo xtask solution <chapter> [exercise] [--force]
                                         the reference solution, once yours passes
  cargo xtask reset <chapter> [exercise] put the stub back (your version is backed up)

Maintainers:
  cargo xtask verify [chapter] [--quick] the project's own test (--quick: without
                                         proving each mistake caught, each alternative accepted)
  cargo xtask new <chNN-name>            scaffold a chapter in the house style
  cargo xtask dist <dir>                 the student hand-out, without solutions
  cargo xtask bench [--cold] [--verify]  how fast check (and verify) are

Instructors:
  cargo xtask grade <submission>... [--out DIR]  grade submissions (see `grade --help`)
  cargo xtask bench-grade [--students N] [--naive N]  grading speed against a fresh `cargo test` each

A chapter is named any way you like: ch03, 3, tasks or ch03-tasks.
";

/// The `--flags` any command may take; each command reads those it knows.
const FLAGS: &[&str] = &["force", "cold", "verify", "quick"];

/// Exit code for a command line we cannot act on.
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    // Like any Unix tool, end quietly when the reader of our output goes
    // away (`cargo xtask list | head`) instead of panicking on the write.
    #[allow(unsafe_code)]
    // SAFETY: called first thing, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    match run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(USAGE_ERROR)
        }
    }
}

fn run() -> Result<ExitCode> {
    let mut words = Vec::new();
    let mut flags = Vec::new();
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            // `grade` has options of its own: it reads the rest of the line.
            lexopt::Arg::Value(word)
                if words.is_empty() && grade::COMMANDS.iter().any(|c| word == *c) =>
            {
                return grade::run(&word.string()?, &mut parser, Style::detect());
            }
            lexopt::Arg::Value(word) => words.push(word.string()?),
            lexopt::Arg::Short('h') | lexopt::Arg::Long("help") => words.insert(0, "help".into()),
            lexopt::Arg::Long(flag) if FLAGS.contains(&flag) => flags.push(flag.to_string()),
            other => return Err(other.unexpected().into()),
        }
    }
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let flag = |name: &str| flags.iter().any(|f| f == name);
    let style = Style::detect();
    let course = || Course::here();
    match words.as_slice() {
        [] | ["help", ..] => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        ["list"] => list::list(&course()?, style).map(|()| ExitCode::SUCCESS),
        ["check"] => check::check(&course()?, None, style),
        ["check", chapter] => check::check(&course()?, Some(chapter), style),
        ["hint", chapter] => {
            hint::hint(&course()?, chapter, None, style).map(|()| ExitCode::SUCCESS)
        }
        ["hint", chapter, exercise] => {
            hint::hint(&course()?, chapter, Some(exercise), style).map(|()| ExitCode::SUCCESS)
        }
        ["watch"] => watch::watch(&course()?, None, style),
        ["watch", chapter] => watch::watch(&course()?, Some(chapter), style),
        ["solution", chapter] => {
            solution::solution(&course()?, chapter, None, flag("force"), style)
        }
        ["solution", chapter, exercise] => {
            solution::solution(&course()?, chapter, Some(exercise), flag("force"), style)
        }
        ["reset", chapter] => reset::reset(&course()?, chapter, None).map(|()| ExitCode::SUCCESS),
        ["reset", chapter, exercise] => {
            reset::reset(&course()?, chapter, Some(exercise)).map(|()| ExitCode::SUCCESS)
        }
        ["new", dir] => scaffold::new_chapter(&course()?, dir).map(|()| ExitCode::SUCCESS),
        ["dist", dir] => {
            dist::dist(&course()?, std::path::Path::new(dir)).map(|()| ExitCode::SUCCESS)
        }
        ["bench"] => {
            bench::bench(&course()?, flag("cold"), flag("verify")).map(|()| ExitCode::SUCCESS)
        }
        ["verify"] => verify::verify(&course()?, None, flag("quick"), style),
        ["verify", chapter] => verify::verify(&course()?, Some(chapter), flag("quick"), style),
        _ => bail!(
            "cannot understand `cargo xtask {}`: run `cargo xtask help` for the commands",
            words.join(" ")
        ),
    }
}
