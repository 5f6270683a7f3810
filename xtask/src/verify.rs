//! `cargo xtask verify [chapter]`: the project's own test. Every solution
//! passes every test, every test fails against its stub (reaching the
//! stub's `todo!()`), the manifests, hints and READMEs agree, and the whole
//! workspace is formatted and clippy-clean. Each chapter's mistakes fail
//! its tests and its alternatives pass them (see `variants`), unless
//! `--quick` leaves them out.

use std::process::{Command, ExitCode, Stdio};

use anyhow::{Result, bail};

use crate::course::{Chapter, Course};
use crate::runner::{self, Outcome, PackageRun, RunOptions};
use crate::ui::{Style, indent};
use crate::variants;

/// Each exercise needs a nudge and then the API to reach for.
const MIN_HINTS: usize = 2;

pub fn verify(course: &Course, query: Option<&str>, quick: bool, style: Style) -> Result<ExitCode> {
    if !course.root.join("solutions").is_dir() {
        bail!(
            "verify checks the reference solutions, which this copy leaves out: use `cargo xtask check`"
        );
    }
    // One chapter, or all of them with the workspace around them.
    let scope = query.map(|query| course.chapter(query)).transpose()?;
    let chapters: Vec<&Chapter> = match scope {
        Some(chapter) => vec![chapter],
        None => course.chapters.iter().collect(),
    };
    let mut tally = Tally::new(style);
    if scope.is_none() {
        for (dir, error) in &course.broken {
            tally.check(format!("{dir}: the manifest loads"), Some(error.clone()));
        }
    }
    for chapter in chapters {
        let solution_passes = verify_chapter(course, chapter, &mut tally)?;
        if quick {
            println!(
                "  {}",
                tally
                    .style
                    .dim("mistakes and alternatives left out (--quick)")
            );
        } else if solution_passes {
            verify_variants(course, chapter, &mut tally)?;
        } else {
            let note = "mistakes and alternatives not run: the solution fails its own tests";
            println!("  {}", tally.style.dim(note));
        }
    }
    verify_lints(course, scope, &mut tally)?;
    Ok(tally.finish())
}

/// The chapter's own checks; whether its solution passes every test.
fn verify_chapter(course: &Course, chapter: &Chapter, tally: &mut Tally) -> Result<bool> {
    let id = &chapter.id;
    println!(
        "{}",
        tally
            .style
            .bold(&format!("{id} {}", chapter.manifest.title))
    );
    let crate_dir = course.crate_dir(chapter);
    let options = RunOptions::new(crate_dir.clone(), chapter.manifest.timeout());
    let solution_dir = course.solution_dir(chapter);
    let solution = runner::test_package(
        &course.root,
        &chapter.solution_package(),
        &solution_dir,
        &options,
        false,
        &mut |_| {},
    )?;
    let stub = runner::test_package(
        &course.root,
        chapter.package(),
        &crate_dir,
        &options,
        false,
        &mut |_| {},
    )?;

    tally.check(
        format!("{id}: the solution compiles"),
        compile_errors(&solution),
    );
    tally.check(format!("{id}: the stub compiles"), compile_errors(&stub));
    for test in &solution.results {
        let problem = (test.outcome != Outcome::Passed).then(|| {
            format!(
                "it does not pass on the solution: {}",
                outcome_text(&test.outcome)
            )
        });
        tally.check(format!("{id}: solution passes {}", test.name), problem);
    }
    for test in &stub.results {
        let problem = match &test.outcome {
            Outcome::NotStarted => None,
            Outcome::Passed => Some("it passes on the stub, so it tests nothing".to_string()),
            other => Some(format!(
                "on the stub it must reach a `todo!()` (not started), but: {}",
                outcome_text(other)
            )),
        };
        tally.check(format!("{id}: stub fails {}", test.name), problem);
    }

    let tests: Vec<&str> = solution.results.iter().map(|t| t.name.as_str()).collect();
    for test in &tests {
        let problem = chapter.manifest.exercise_of(test).is_none().then(|| {
            "no exercise in exercises.toml owns it (tests are named `<exercise>::…`)".to_string()
        });
        tally.check(format!("{id}: {test} belongs to an exercise"), problem);
    }
    for exercise in &chapter.manifest.exercises {
        let name = &exercise.name;
        let owned = tests.iter().filter(|t| exercise.owns(t)).count();
        tally.check(
            format!("{id}: exercise {name} has tests"),
            (owned == 0).then(|| format!("no test is named `{name}::…`")),
        );
        tally.check(
            format!("{id}: exercise {name} has hints"),
            (exercise.hints.len() < MIN_HINTS).then(|| {
                format!(
                    "{} hints, at least {MIN_HINTS} wanted",
                    exercise.hints.len()
                )
            }),
        );
        for dir in [&crate_dir, &solution_dir] {
            let file = dir.join(exercise.source());
            tally.check(
                format!(
                    "{id}: {} exists",
                    file.strip_prefix(&course.root).unwrap_or(&file).display()
                ),
                (!file.is_file()).then(|| "missing".to_string()),
            );
        }
    }
    let readme = std::fs::read_to_string(crate_dir.join("README.md")).unwrap_or_default();
    let listed = readme_exercises(&readme);
    let manifest: Vec<&str> = chapter
        .manifest
        .exercises
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    tally.check(
        format!("{id}: README.md lists the manifest's exercises in order"),
        (listed != manifest)
            .then(|| format!("README lists {listed:?}, exercises.toml has {manifest:?}")),
    );
    let passes = solution.compiled()
        && solution
            .results
            .iter()
            .all(|t| t.outcome == Outcome::Passed);
    Ok(passes)
}

/// Every mistake fails and every alternative passes, with the counts.
fn verify_variants(course: &Course, chapter: &Chapter, tally: &mut Tally) -> Result<()> {
    let counts = variants::verify_chapter(course, chapter, &mut |name, problem| {
        tally.check(name, problem)
    })?;
    let style = tally.style;
    let line = |text: String, all: bool| {
        let text = if all {
            style.green(&text)
        } else {
            style.red(&text)
        };
        println!("  {text}");
    };
    line(
        format!("mistakes caught {} of {}", counts.caught, counts.mistakes),
        counts.caught == counts.mistakes,
    );
    line(
        format!(
            "alternatives accepted {} of {}",
            counts.accepted, counts.alternatives
        ),
        counts.accepted == counts.alternatives,
    );
    let variants = counts.mistakes + counts.alternatives;
    if variants > 0 {
        let each = (counts.building + counts.testing) / variants as u32;
        println!(
            "  {}",
            style.dim(&format!(
                "variants: {variants} in {:.1} s (building {:.1} s, testing {:.1} s), {:.2} s each",
                (counts.building + counts.testing).as_secs_f64(),
                counts.building.as_secs_f64(),
                counts.testing.as_secs_f64(),
                each.as_secs_f64()
            ))
        );
    }
    Ok(())
}

pub(crate) fn compile_errors(run: &PackageRun) -> Option<String> {
    if run.compiled() {
        return None;
    }
    let errors: Vec<&str> = run
        .build
        .diagnostics
        .iter()
        .filter(|d| d.is_error)
        .map(|d| d.rendered.as_str())
        .collect();
    Some(if errors.is_empty() {
        run.build.cargo_stderr.clone()
    } else {
        errors.join("\n")
    })
}

pub(crate) fn outcome_text(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Passed => "passed".into(),
        Outcome::NotStarted => "not started (reached a `todo!()`)".into(),
        Outcome::Failed(m) => format!("failed:\n{m}"),
        Outcome::TimedOut(m) => format!("timed out:\n{m}"),
        Outcome::Blocked(m) => format!("blocked the runtime:\n{m}"),
        Outcome::Crashed(m) => format!("crashed:\n{m}"),
    }
}

/// The exercise names of a README's numbered list: lines like
/// ``1. `jobs` — …``.
fn readme_exercises(readme: &str) -> Vec<&str> {
    readme
        .lines()
        .filter_map(|line| {
            let (number, rest) = line.split_once(". `")?;
            number.bytes().all(|b| b.is_ascii_digit()).then_some(())?;
            rest.split_once('`').map(|(name, _)| name)
        })
        .collect()
}

/// Formatting, clippy, doc examples and the runner's own tests: over the
/// whole workspace, or over one chapter's two packages.
fn verify_lints(course: &Course, chapter: Option<&Chapter>, tally: &mut Tally) -> Result<()> {
    let cargo = |args: Vec<&str>| -> Result<Option<String>> {
        let output = Command::new(runner::cargo())
            .current_dir(&course.root)
            .args(args)
            .stdin(Stdio::null())
            .output()?;
        Ok((!output.status.success()).then(|| {
            format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        }))
    };
    let solution;
    // Which packages: `students` never includes a solution, because stubs and
    // solutions share library names and one cargo run must never build both.
    let (label, students, solutions): (&str, Vec<&str>, Vec<&str>) = match chapter {
        None => {
            println!("{}", tally.style.bold("workspace"));
            let students = vec!["--workspace", "--exclude", "*-solution"];
            ("workspace", students, vec!["--package", "*-solution"])
        }
        Some(chapter) => {
            solution = chapter.solution_package();
            let students = vec!["--package", chapter.package()];
            (
                chapter.id.as_str(),
                students,
                vec!["--package", solution.as_str()],
            )
        }
    };
    let fmt = match chapter {
        None => vec!["fmt", "--all", "--", "--check"],
        Some(_) => [&["fmt"], &students[..2], &solutions[..], &["--", "--check"]].concat(),
    };
    tally.check(format!("{label}: cargo fmt --check"), cargo(fmt)?);
    tally.check(
        format!("{label}: clippy, student crates"),
        cargo(clippy(&students))?,
    );
    tally.check(
        format!("{label}: clippy, solutions"),
        cargo(clippy(&solutions))?,
    );
    let mut docs = [&["test", "--quiet", "--doc"], &students[..]].concat();
    if chapter.is_none() {
        docs.extend(["--exclude", "xtask"]);
    }
    tally.check(format!("{label}: doc examples compile"), cargo(docs)?);
    if chapter.is_none() {
        // With the ignored ones: they grade a class of built submissions.
        let unit = vec![
            "test",
            "--quiet",
            "--package",
            "xtask",
            "--",
            "--include-ignored",
        ];
        tally.check("xtask tests, grading included".into(), cargo(unit)?);
    }
    Ok(())
}

/// `cargo clippy` over `packages`, every target, warnings denied.
fn clippy<'a>(packages: &[&'a str]) -> Vec<&'a str> {
    let deny = ["--all-targets", "--", "-D", "warnings"];
    [&["clippy", "--quiet"], packages, &deny].concat()
}

/// Counts checks, printing each failure with its reason as it happens.
struct Tally {
    style: Style,
    passed: usize,
    failed: Vec<String>,
}

impl Tally {
    fn new(style: Style) -> Tally {
        Tally {
            style,
            passed: 0,
            failed: Vec::new(),
        }
    }

    /// Records a check: `problem` is `None` when it passed.
    fn check(&mut self, name: String, problem: Option<String>) {
        match problem {
            None => self.passed += 1,
            Some(problem) => {
                println!("  {} {name}", self.style.red("FAILED"));
                println!("{}", indent(problem.trim_end(), 6));
                self.failed.push(name);
            }
        }
    }

    fn finish(self) -> ExitCode {
        if !self.failed.is_empty() {
            println!("\nFailed checks:");
            for name in &self.failed {
                println!("  {name}");
            }
        }
        println!(
            "\nverify: {} passed, {} failed",
            self.passed,
            self.failed.len()
        );
        if self.failed.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::readme_exercises;

    #[test]
    fn readme_exercises_are_the_numbered_code_names() {
        let readme = "# T\n1. `jobs` — a\n2. `lazy` — b\n- `not` — c\n10. `ten` — d\nx. `no`\n";
        assert_eq!(readme_exercises(readme), ["jobs", "lazy", "ten"]);
    }
}
