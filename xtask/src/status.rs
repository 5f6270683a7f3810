//! From test results to one verdict per exercise.

use crate::manifest::{Exercise, Manifest};
use crate::runner::{Kind, PackageRun, TestResult};

pub struct Verdict<'a> {
    pub exercise: &'a Exercise,
    /// The exercise's status, in the one vocabulary: `Passed` is "done".
    pub status: Kind,
    pub passed: usize,
    /// In the order the tests are written in their file.
    pub tests: Vec<&'a TestResult>,
}

impl Verdict<'_> {
    /// The tests that did not pass, most telling first (then in file order).
    pub fn problems(&self) -> Vec<&TestResult> {
        let mut problems: Vec<&TestResult> = self
            .tests
            .iter()
            .copied()
            .filter(|t| !t.outcome.passed())
            .collect();
        problems.sort_by_key(|t| t.outcome.kind.rank());
        problems
    }

    pub fn done(&self) -> bool {
        self.status == Kind::Passed
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
            let mut tests: Vec<&TestResult> = run
                .results
                .iter()
                .filter(|t| exercise.owns(&t.name))
                .collect();
            // Tests without a line (no record) keep libtest's order, last.
            tests.sort_by_key(|t| if t.line == 0 { u32::MAX } else { t.line });
            let passed = tests.iter().filter(|t| t.outcome.passed()).count();
            let status = if !run.compiled() {
                Kind::DoesNotCompile
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

/// Done when every test passed; not started when every test reached a
/// `todo!()`; otherwise the most telling kind among the tests that did not
/// pass, and "failing" for an exercise half written.
fn status_of(tests: &[&TestResult]) -> Kind {
    let kinds = || tests.iter().map(|t| t.outcome.kind);
    if tests.is_empty() {
        return Kind::NotStarted;
    }
    if kinds().all(|k| k == Kind::Passed) {
        return Kind::Passed;
    }
    let worst = kinds()
        .filter(|k| *k != Kind::Passed)
        .min_by_key(|k| k.rank())
        .unwrap_or(Kind::Failed);
    match worst {
        Kind::NotStarted if kinds().any(|k| k == Kind::Passed) => Kind::Failed,
        kind => kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::Outcome;

    fn status(kinds: &[Kind]) -> Kind {
        let results: Vec<_> = kinds
            .iter()
            .map(|k| TestResult::new("e::t", Outcome::new(*k, "x")))
            .collect();
        status_of(&results.iter().collect::<Vec<_>>())
    }

    #[test]
    fn an_exercise_is_done_only_when_every_test_passes() {
        assert_eq!(status(&[Kind::Passed, Kind::Passed]), Kind::Passed);
        assert_eq!(status(&[Kind::Passed, Kind::NotStarted]), Kind::Failed);
        assert_eq!(
            status(&[Kind::NotStarted, Kind::NotStarted]),
            Kind::NotStarted
        );
    }

    #[test]
    fn the_most_telling_problem_wins() {
        assert_eq!(status(&[Kind::TimedOut, Kind::Failed]), Kind::Failed);
        assert_eq!(
            status(&[Kind::Failed, Kind::BusyPolling]),
            Kind::BusyPolling
        );
        assert_eq!(status(&[Kind::NotStarted, Kind::Crashed]), Kind::Crashed);
    }
}
