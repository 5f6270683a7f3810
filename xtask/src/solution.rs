//! `cargo xtask solution <chapter> [exercise] [--force]`: the reference
//! solution of an exercise, shown once the student's own version passes.

use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::check::run_student;
use crate::course::Course;
use crate::manifest::Exercise;
use crate::status::verdicts;
use crate::ui::Style;

pub fn solution(
    course: &Course,
    chapter: &str,
    exercise: Option<&str>,
    force: bool,
    style: Style,
) -> Result<ExitCode> {
    let chapter = course.chapter(chapter)?;
    let solution_dir = course.solution_dir(chapter);
    if !solution_dir.is_dir() {
        bail!("this copy of the course has no solutions (a hand-out leaves them out)");
    }
    let run = run_student(course, chapter, style)?;
    let verdicts = verdicts(&chapter.manifest, &run);
    let chosen: Vec<&Exercise> = match exercise {
        Some(name) => vec![chapter.exercise(name)?],
        None => verdicts
            .iter()
            .filter(|v| v.done())
            .map(|v| v.exercise)
            .collect(),
    };
    if chosen.is_empty() {
        bail!(
            "no exercise of {} passes yet: solutions open once yours passes (or name one with --force)",
            chapter.id
        );
    }
    for exercise in chosen {
        let done = verdicts
            .iter()
            .any(|v| v.exercise.name == exercise.name && v.done());
        if !done && !force {
            bail!(
                "{} {} does not pass yet: solve it first, or add --force to look anyway",
                chapter.id,
                exercise.name
            );
        }
        let path = solution_dir.join(exercise.source());
        let text = std::fs::read_to_string(&path)?;
        let shown = path.strip_prefix(&course.root).unwrap_or(&path);
        println!("{}\n", style.bold(&format!("── {} ──", shown.display())));
        println!("{}", text.trim_end());
        println!();
    }
    Ok(ExitCode::SUCCESS)
}
