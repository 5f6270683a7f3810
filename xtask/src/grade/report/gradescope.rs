//! Gradescope's `results.json`: the total, what the student reads above
//! the tests, and one entry per test.

use std::fmt::Write as _;

use serde_json::json;

use super::{in_force, points};
use crate::grade::model::{ChapterStatus, Grades, Student};
use crate::runner::Kind;

pub fn gradescope(grades: &Grades, student: &Student) -> String {
    let mut tests = Vec::new();
    for chapter in &student.chapters {
        for exercise in &chapter.exercises {
            for test in &exercise.tests {
                let mut output = test.message.clone();
                if chapter.status == ChapterStatus::DoesNotCompile {
                    output = format!("{} does not compile.", chapter.id);
                }
                tests.push(json!({
                    "name": format!("{} {}", chapter.id, test.name),
                    "score": test.score,
                    "max_score": test.max,
                    "status": if test.passed() { "passed" } else { "failed" },
                    "output": output,
                }));
            }
        }
    }
    let results = json!({
        "score": student.score,
        "output": student_output(student),
        "tests": tests,
        "extra_data": { "protections_in_force": in_force(grades) },
    });
    serde_json::to_string_pretty(&results).unwrap_or_default() + "\n"
}

/// What the student sees above the tests: why a chapter or an exercise
/// scored nothing.
fn student_output(student: &Student) -> String {
    let mut out = format!(
        "{} of {} points.\n",
        points(student.score),
        points(student.max)
    );
    if let Some(error) = &student.error {
        let _ = writeln!(out, "Your submission could not be graded: {error}");
    }
    for chapter in &student.chapters {
        if let Some(errors) = &chapter.compile_errors {
            let _ = writeln!(out, "\n{} does not compile:\n{errors}", chapter.id);
        }
        if chapter.status == ChapterStatus::Missing {
            let _ = writeln!(out, "{}: no sources found in the submission.", chapter.id);
        }
        let broken = chapter
            .exercises
            .iter()
            .filter(|e| e.status == Some(Kind::DoesNotCompile));
        if chapter.status == ChapterStatus::Graded {
            for exercise in broken {
                let _ = writeln!(
                    out,
                    "{} {}: does not compile, so its tests score 0 (the compiler's errors \
                     are in their output); the chapter's other exercises were graded.",
                    chapter.id, exercise.name
                );
            }
        }
    }
    for ignored in &student.ignored {
        let _ = writeln!(out, "ignored, {}: {}", ignored.why, ignored.path);
    }
    out
}
