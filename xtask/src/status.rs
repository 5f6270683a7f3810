//! From test results to one verdict per exercise.

use crate::manifest::{Exercise, Manifest};
use crate::runner::{Outcome, PackageRun, TestResult};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Done,
    Failing,
    NotStarted,
    DoesNotCompile,
    TimedOut,
    Blocked,
    Crashed,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Failing => "failing",
            Status::NotStarted => "not started",
            Status::DoesNotCompile => "does not compile",
            Status::TimedOut => "timed out",
            Status::Blocked => "blocked the runtime",
            Status::Crashed => "crashed",
        }
    }
}

pub struct Verdict<'a> {
    pub exercise: &'a Exercise,
    pub status: Status,
    pub passed: usize,
    pub tests: Vec<&'a TestResult>,
}

impl Verdict<'_> {
    /// The test to show the student: the first one whose outcome explains
    /// the exercise's status, else the first that did not pass.
    pub fn first_problem(&self) -> Option<&TestResult> {
        let unpassed = || {
            self.tests
                .iter()
                .copied()
                .filter(|t| t.outcome != Outcome::Passed)
        };
        unpassed()
            .find(|t| status_of(&[t]) == self.status)
            .or_else(|| unpassed().next())
    }

    /// Points earned: the exercise's points shared equally by its tests.
    pub fn score(&self) -> f64 {
        if self.tests.is_empty() {
            return 0.0;
        }
        f64::from(self.exercise.points) * self.passed as f64 / self.tests.len() as f64
    }
}

/// One verdict per exercise, in manifest order.
pub fn verdicts<'a>(manifest: &'a Manifest, run: &'a PackageRun) -> Vec<Verdict<'a>> {
    manifest
        .exercises
        .iter()
        .map(|exercise| {
            let tests: Vec<&TestResult> = run
                .results
                .iter()
                .filter(|t| exercise.owns(&t.name))
                .collect();
            let passed = tests
                .iter()
                .filter(|t| t.outcome == Outcome::Passed)
                .count();
            let status = if !run.compiled() {
                Status::DoesNotCompile
            } else {
                status_of(&tests)
            };
            Verdict {
                exercise,
                status,
                passed,
                tests,
            }
        })
        .collect()
}

fn status_of(tests: &[&TestResult]) -> Status {
    let any = |f: fn(&Outcome) -> bool| tests.iter().any(|t| f(&t.outcome));
    if tests.is_empty() {
        Status::NotStarted
    } else if tests.iter().all(|t| t.outcome == Outcome::Passed) {
        Status::Done
    } else if tests.iter().all(|t| t.outcome == Outcome::NotStarted) {
        Status::NotStarted
    } else if any(|o| matches!(o, Outcome::TimedOut(_))) {
        Status::TimedOut
    } else if any(|o| matches!(o, Outcome::Blocked(_))) {
        Status::Blocked
    } else if any(|o| matches!(o, Outcome::Crashed(_))) {
        Status::Crashed
    } else {
        Status::Failing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(outcome: Outcome) -> TestResult {
        TestResult {
            name: "e::t".into(),
            outcome,
        }
    }

    fn status(outcomes: Vec<Outcome>) -> Status {
        let results: Vec<_> = outcomes.into_iter().map(result).collect();
        status_of(&results.iter().collect::<Vec<_>>())
    }

    #[test]
    fn an_exercise_is_done_only_when_every_test_passes() {
        assert_eq!(status(vec![Outcome::Passed, Outcome::Passed]), Status::Done);
        assert_eq!(
            status(vec![Outcome::Passed, Outcome::NotStarted]),
            Status::Failing
        );
        assert_eq!(
            status(vec![Outcome::NotStarted, Outcome::NotStarted]),
            Status::NotStarted
        );
    }

    #[test]
    fn the_most_telling_problem_wins() {
        let failed = Outcome::Failed("x".into());
        let hung = Outcome::TimedOut("x".into());
        assert_eq!(status(vec![failed.clone(), hung]), Status::TimedOut);
        assert_eq!(
            status(vec![failed, Outcome::Blocked("x".into())]),
            Status::Blocked
        );
    }
}
