//! The result GitHub Classroom's grading reporter reads (base64-encoded, as
//! a step output): it adds up `score` over `tests`, one per exercise here.

use serde_json::json;

use super::in_force;
use crate::grade::model::{self, ChapterStatus, Grades, Student};

pub fn classroom(grades: &Grades, student: &Student) -> String {
    let mut tests = Vec::new();
    for chapter in &student.chapters {
        for exercise in &chapter.exercises {
            let passes = exercise.tests.iter().filter(|t| t.passed()).count();
            let done = exercise.score >= exercise.max;
            let first_problem = exercise.tests.iter().find(|t| !t.passed());
            let message = match (chapter.status, first_problem) {
                (ChapterStatus::DoesNotCompile, _) => format!("{} does not compile", chapter.id),
                (_, Some(t)) => format!("{}: {} {}", t.name, model::spelling(t.outcome), t.message),
                (_, None) => String::new(),
            };
            tests.push(json!({
                "name": format!("{} {} ({passes}/{} tests)", chapter.id, exercise.name, exercise.tests.len()),
                "status": if done { "pass" } else { "fail" },
                "score": exercise.score,
                "message": message,
                "test_code": format!("cargo xtask grade ({})", chapter.id),
                "filename": "",
                "line_no": 0,
                "execution_time": "0ms",
            }));
        }
    }
    let status = if student.error.is_some() {
        "error"
    } else if student.score >= student.max {
        "pass"
    } else {
        "fail"
    };
    let result = json!({
        "version": 1,
        "status": status,
        "max_score": student.max,
        "tests": tests,
        "protections_in_force": in_force(grades),
    });
    serde_json::to_string_pretty(&result).unwrap_or_default() + "\n"
}
