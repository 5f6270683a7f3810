//! `cargo xtask solution <chapter> [exercise] [--force]`: the reference
//! solution of an exercise, shown once the student's own version passes.

use std::process::ExitCode;

use anyhow::Result;

use crate::check::run_student;
use crate::cli;
use crate::course::Course;
use crate::manifest::Exercise;
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
    if !course.has_solutions() || !solution_dir.is_dir() {
        return Err(usage!(
            "this copy of the course has no solutions: a class hand-out leaves them out"
        ));
    }
    let run = run_student(course, chapter, None, style)?;
    let verdicts = run.verdicts(chapter);
    let chosen: Vec<&Exercise> = match exercise {
        Some(name) => vec![chapter.exercise(name)?],
        None => verdicts
            .iter()
            .filter(|v| v.done())
            .map(|v| v.exercise)
            .collect(),
    };
    if chosen.is_empty() {
        println!(
            "No exercise of {} passes yet: a solution opens once yours passes (or name one \
             with --force).",
            chapter.id
        );
        return Ok(cli::verdict(false));
    }
    for exercise in chosen {
        let done = verdicts
            .iter()
            .any(|v| v.exercise.name == exercise.name && v.done());
        if !done && !force {
            println!(
                "{} {} does not pass yet: solve it first, or add --force to look anyway.",
                chapter.id, exercise.name
            );
            return Ok(cli::verdict(false));
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
