//! `cargo xtask`: the awaitlings course runner.

mod check;
mod course;
mod hint;
mod list;
mod manifest;
mod runner;
mod state;
mod status;
mod ui;
mod verify;

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

Maintainers:
  cargo xtask verify [chapter]           the project's own test

A chapter is named any way you like: ch03, 3, tasks or ch03-tasks.
";

/// Exit code for a command line we cannot act on.
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
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
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            lexopt::Arg::Value(word) => words.push(word.string()?),
            lexopt::Arg::Short('h') | lexopt::Arg::Long("help") => words.insert(0, "help".into()),
            other => return Err(other.unexpected().into()),
        }
    }
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
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
        ["verify"] => verify::verify(&course()?, None, style),
        ["verify", chapter] => verify::verify(&course()?, Some(chapter), style),
        _ => bail!(
            "cannot understand `cargo xtask {}`: run `cargo xtask help` for the commands",
            words.join(" ")
        ),
    }
}
