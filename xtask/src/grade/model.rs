//! The grades of a run: one structure that every report format is written
//! from, so every format shows the same numbers. Serialized as `grades.json`
//! (format `FORMAT`, documented in the README's "Grading" section).
//!
//! Outcomes are typed: a test's outcome and an exercise's status are a
//! [`Kind`], the one vocabulary of verdicts, or `None` when nothing ran
//! (the chapter is missing or its submission could not be read). JSON
//! spells a kind as [`Kind::as_str`] does and `None` as `not_run`.

use serde::{Deserialize, Serialize};

use super::assemble::IgnoredFile;
use super::scan::Flag;
use crate::course::Chapter;
use crate::manifest::Exercise;
use crate::runner::{Build, Kind, Outcome, PackageRun};
use crate::status::{Verdict, verdicts};

pub const FORMAT: u32 = 2;

#[derive(Debug, Serialize, Deserialize)]
pub struct Grades {
    pub format: u32,
    pub chapters: Vec<ChapterInfo>,
    /// Chapters not graded because the course's own copy does not build
    /// (or its manifest cannot be read), with the reason.
    pub skipped_chapters: Vec<(String, String)>,
    pub isolation: Isolation,
    /// Which share of the class this run graded (`grade --shard K/N`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<Shard>,
    pub students: Vec<Student>,
}

/// Shard `index` (from 1) of `count`: the submissions whose position in
/// the whole class (of `class_size`) is `index - 1` modulo `count`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
    pub class_size: usize,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ChapterInfo {
    pub id: String,
    pub title: String,
    pub max: f64,
}

/// What the runner could enforce on this machine.
#[derive(Debug, Serialize, Deserialize)]
pub struct Isolation {
    pub network: bool,
    /// Why tests kept network access, when they did.
    pub network_note: Option<String>,
    pub test_limits: super::sandbox::Limits,
    pub build_limits: super::sandbox::Limits,
    /// Every protection, whether it was in force, and what it means.
    #[serde(default)]
    pub protections: Vec<super::sandbox::Protection>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Student {
    pub id: String,
    pub source: String,
    /// `directory`, `git`, `tar.gz`, `zip`, or `unknown`.
    pub kind: String,
    /// Why the submission could not be graded at all (a bad input).
    pub error: Option<String>,
    pub score: f64,
    pub max: f64,
    pub chapters: Vec<ChapterGrade>,
    /// Files outside `src/` that differ from ours: not used.
    pub ignored: Vec<IgnoredFile>,
    /// Lines for a human to look at; never a penalty.
    pub flags: Vec<Flag>,
    pub notes: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChapterStatus {
    Graded,
    /// The submission has no `src/` for this chapter.
    Missing,
    DoesNotCompile,
    /// The submission itself could not be read.
    NotGraded,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ChapterGrade {
    pub id: String,
    pub status: ChapterStatus,
    pub score: f64,
    pub max: f64,
    /// The compiler's errors, when the chapter does not compile.
    pub compile_errors: Option<String>,
    pub exercises: Vec<ExerciseGrade>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ExerciseGrade {
    pub name: String,
    /// As `cargo xtask check` judges it: `Passed` when done, otherwise the
    /// most telling kind among its tests; `None`: not run.
    #[serde(with = "outcome")]
    pub status: Option<Kind>,
    pub score: f64,
    pub max: f64,
    pub tests: Vec<TestGrade>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct TestGrade {
    pub name: String,
    /// The harness's verdict (or the runner's, without one to believe);
    /// `None`: not run.
    #[serde(with = "outcome")]
    pub outcome: Option<Kind>,
    pub score: f64,
    pub max: f64,
    pub message: String,
}

impl TestGrade {
    pub fn passed(&self) -> bool {
        self.outcome == Some(Kind::Passed)
    }
}

/// Scores are shown to two decimals; sums are rounded once, at the end, so
/// that 6 tests of 10/6 points make 10, not 10.02.
pub fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

pub fn chapter_max(chapter: &Chapter) -> f64 {
    chapter
        .manifest
        .exercises
        .iter()
        .map(|e| f64::from(e.points))
        .sum()
}

/// A chapter whose tests ran: scored from the same verdicts `check` shows.
pub fn graded_chapter(chapter: &Chapter, run: &PackageRun) -> ChapterGrade {
    let exercises: Vec<ExerciseGrade> = verdicts(&chapter.manifest, run)
        .iter()
        .map(exercise_grade)
        .collect();
    let status = if run.compiled() {
        ChapterStatus::Graded
    } else {
        ChapterStatus::DoesNotCompile
    };
    ChapterGrade {
        id: chapter.id.clone(),
        status,
        score: round(exercises.iter().map(|e| e.score).sum()),
        max: chapter_max(chapter),
        compile_errors: (!run.compiled()).then(|| compile_errors(&run.build)),
        exercises,
    }
}

/// A chapter that scored nothing without running, listing the tests it
/// would have run (`tests`: the names from the instructor's build): each
/// does not compile when the chapter does not, and is not run otherwise.
pub fn unrun_chapter(chapter: &Chapter, status: ChapterStatus, tests: &[String]) -> ChapterGrade {
    let outcome = match status {
        ChapterStatus::DoesNotCompile => Some(Kind::DoesNotCompile),
        ChapterStatus::Graded | ChapterStatus::Missing | ChapterStatus::NotGraded => None,
    };
    let exercises = chapter
        .manifest
        .exercises
        .iter()
        .map(|exercise| {
            let mine: Vec<&String> = tests.iter().filter(|t| exercise.owns(t)).collect();
            unrun_exercise(exercise, &mine, outcome)
        })
        .collect();
    ChapterGrade {
        id: chapter.id.clone(),
        status,
        score: 0.0,
        max: chapter_max(chapter),
        compile_errors: None,
        exercises,
    }
}

fn unrun_exercise(exercise: &Exercise, tests: &[&String], outcome: Option<Kind>) -> ExerciseGrade {
    let share = share(exercise, tests.len());
    ExerciseGrade {
        name: exercise.name.clone(),
        status: outcome,
        score: 0.0,
        max: f64::from(exercise.points),
        tests: tests
            .iter()
            .map(|name| TestGrade {
                name: name.to_string(),
                outcome,
                score: 0.0,
                max: share,
                message: String::new(),
            })
            .collect(),
    }
}

fn share(exercise: &Exercise, tests: usize) -> f64 {
    f64::from(exercise.points) / tests.max(1) as f64
}

fn exercise_grade(verdict: &Verdict) -> ExerciseGrade {
    let share = share(verdict.exercise, verdict.tests.len());
    let tests = verdict
        .tests
        .iter()
        .map(|t| {
            let passed = t.outcome.passed();
            TestGrade {
                name: t.name.clone(),
                outcome: Some(t.outcome.kind),
                score: if passed { share } else { 0.0 },
                max: share,
                message: cut(message(&t.outcome)),
            }
        })
        .collect();
    ExerciseGrade {
        name: verdict.exercise.name.clone(),
        status: Some(verdict.status),
        score: round(verdict.score()),
        max: f64::from(verdict.exercise.points),
        tests,
    }
}

fn message(outcome: &Outcome) -> &str {
    match outcome.kind {
        Kind::NotStarted => "reached a `todo!()`",
        _ => &outcome.message,
    }
}

/// What a report holds of one message: a test's or a compiler's.
pub const MAX_MESSAGE_BYTES: usize = 8 * 1024;

/// `text`, or its first `MAX_MESSAGE_BYTES` (on a character boundary) and
/// a line saying how much was left out.
pub fn cut(text: &str) -> String {
    if text.len() <= MAX_MESSAGE_BYTES {
        return text.to_string();
    }
    let mut end = MAX_MESSAGE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        "{}\n… [cut here: {} more bytes of this message are not shown]",
        &text[..end],
        text.len() - end
    )
}

/// The compiler's errors (or cargo's, when rustc said nothing), cut to a
/// length a report can hold.
pub fn compile_errors(build: &Build) -> String {
    let errors: Vec<&str> = build
        .diagnostics
        .iter()
        .filter(|d| d.is_error)
        .map(|d| d.rendered.as_str())
        .collect();
    let text = if errors.is_empty() {
        build.cargo_stderr.trim().to_string()
    } else {
        errors.join("\n")
    };
    cut(&text)
}

impl Student {
    /// Sums the chapters' scores; called once the chapters are in.
    pub fn total(&mut self) {
        self.score = round(self.chapters.iter().map(|c| c.score).sum());
        self.max = round(self.chapters.iter().map(|c| c.max).sum());
    }
}

/// How `grades.json` spells an outcome: as [`Kind::as_str`], or `not_run`.
pub fn spelling(outcome: Option<Kind>) -> &'static str {
    outcome.map_or(outcome::NOT_RUN, Kind::as_str)
}

/// Serde for `Option<Kind>`: one string, [`spelling`].
mod outcome {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    use super::Kind;

    pub const NOT_RUN: &str = "not_run";

    pub fn serialize<S: Serializer>(outcome: &Option<Kind>, to: S) -> Result<S::Ok, S::Error> {
        to.serialize_str(super::spelling(*outcome))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<Option<Kind>, D::Error> {
        let text = String::deserialize(from)?;
        match Kind::parse(&text) {
            Some(kind) => Ok(Some(kind)),
            None if text == NOT_RUN => Ok(None),
            None => Err(D::Error::custom(format!(
                "`{text}` is not an outcome (a verdict kind or `{NOT_RUN}`)"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_grade(outcome: Option<Kind>) -> TestGrade {
        TestGrade {
            name: "jobs::works".into(),
            outcome,
            score: 0.0,
            max: 1.0,
            message: String::new(),
        }
    }

    #[test]
    fn every_outcome_has_one_spelling_that_reads_back() {
        let outcomes = Kind::ALL.map(Some).into_iter().chain([None]);
        for outcome in outcomes {
            let json = serde_json::to_value(test_grade(outcome)).unwrap();
            assert_eq!(json["outcome"], spelling(outcome));
            let back: TestGrade = serde_json::from_value(json).unwrap();
            assert_eq!(back.outcome, outcome);
        }
        assert_eq!(Kind::parse(outcome::NOT_RUN), None, "`not_run` is no kind");
    }

    #[test]
    fn an_unknown_outcome_is_refused() {
        let mut json = serde_json::to_value(test_grade(None)).unwrap();
        json["outcome"] = "not run".into();
        let error = serde_json::from_value::<TestGrade>(json).unwrap_err();
        assert!(error.to_string().contains("not an outcome"), "{error}");
    }

    /// The README documents this format: every spelling, and its number.
    #[test]
    fn the_readme_documents_every_spelling() {
        let readme = include_str!("../../../README.md");
        let section = readme
            .split("**`grades.json`, format ")
            .nth(1)
            .expect("the README documents grades.json");
        assert!(
            section.starts_with(&format!("{FORMAT}.**")),
            "format {FORMAT}"
        );
        for outcome in Kind::ALL.map(Some).into_iter().chain([None]) {
            let spelled = format!("`{}`", spelling(outcome));
            assert!(section.contains(&spelled), "{spelled} is not documented");
        }
    }
}
