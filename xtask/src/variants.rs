//! Mistakes and alternatives: the tests proven both ways.
//!
//! Beside each solution, per exercise, are wrong versions a learner is
//! likely to write (each must fail the exercise's tests) and other correct
//! designs (each must pass every test of the chapter):
//!
//! ```text
//! solutions/chNN-name/mistakes/<exercise>.toml
//! solutions/chNN-name/alternatives/<exercise>.toml
//! solutions/chNN-name/{mistakes,alternatives}/<exercise>/<slug>.rs   whole files
//! ```
//!
//! ```toml
//! [[mistake]]
//! name = "awaits each job in turn in run_concurrently"   # one line: the mistake
//! catches = "sequential awaits in the concurrent version" # optional: the curriculum item
//! test = "jobs::concurrent_takes_as_long_as_the_longest_job"  # optional: this test must fail
//! says = "one after another"      # optional: with a message containing these words
//! [[mistake.edit]]                # edits of the solution, applied in order
//! file = "src/jobs.rs"            # optional, default src/<exercise>.rs
//! find = '''join_all(jobs.iter().map(work)).await'''   # must occur exactly once
//! replace = '''...'''
//!
//! [[alternative]]
//! name = "an eager token bucket refilled by an interval task"
//! whole = "rate/eager.rs"         # instead of edits: replaces src/<exercise>.rs
//! ```
//!
//! A mistake is caught when it compiles and a test of its exercise fails
//! other than by reaching a `todo!()`; with `test`, that test (the only one
//! run then) fails, with `says`, with those words in its message. An alternative is accepted when it compiles and
//! every test of the chapter passes.
//!
//! Each variant is applied to one scratch copy of the solution per chapter,
//! under `target/awaitlings/variants/`, never to the real files. The copy is
//! a package of its own, built alone (it shares its library name with the
//! stub) into the workspace's target directory: dependencies are the
//! workspace's, and incremental compilation rebuilds only what the edit
//! touched, so one variant costs a fraction of a second of building.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::course::{Chapter, Course};
use crate::files::copy_tree;
use crate::runner::{self, BuildSetup, Outcome, PackageRun, RunOptions, TestResult};
use crate::ui::strip_ansi;
use crate::verify::{compile_errors, outcome_text};

/// The two directories beside a solution, and what their entries must do.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Mistake,
    Alternative,
}

impl Kind {
    fn dir(self) -> &'static str {
        match self {
            Kind::Mistake => "mistakes",
            Kind::Alternative => "alternatives",
        }
    }

    fn word(self) -> &'static str {
        match self {
            Kind::Mistake => "mistake",
            Kind::Alternative => "alternative",
        }
    }
}

/// One file of entries, as stored.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default, rename = "mistake")]
    mistakes: Vec<Entry>,
    #[serde(default, rename = "alternative")]
    alternatives: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    catches: Option<String>,
    test: Option<String>,
    says: Option<String>,
    #[serde(default, rename = "edit")]
    edits: Vec<Edit>,
    whole: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: Option<PathBuf>,
    find: String,
    replace: String,
}

/// An entry ready to apply: the files it changes, with their new text
/// computed when it is applied.
struct Variant {
    kind: Kind,
    exercise: String,
    entry: Entry,
    /// Where `whole` is found: the directory of the entry's file.
    dir: PathBuf,
}

impl Variant {
    fn label(&self, chapter: &Chapter) -> String {
        let verb = match self.kind {
            Kind::Mistake => "is caught",
            Kind::Alternative => "is accepted",
        };
        format!(
            "{}: {} {}: {} {verb}",
            chapter.id,
            self.kind.word(),
            self.exercise,
            self.entry.name
        )
    }

    /// The new text of every file the variant changes, from the scratch
    /// copy's `original` text.
    fn changes(
        &self,
        original: &dyn Fn(&Path) -> Result<String>,
    ) -> Result<BTreeMap<PathBuf, String>> {
        let default_file = PathBuf::from(format!("src/{}.rs", self.exercise));
        let mut files = BTreeMap::new();
        match (&self.entry.whole, self.entry.edits.is_empty()) {
            (Some(whole), true) => {
                let path = self.dir.join(inside("whole", whole)?);
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                files.insert(default_file, text);
            }
            (None, false) => {
                for edit in &self.entry.edits {
                    let file = match &edit.file {
                        Some(file) => inside("file", file)?.to_path_buf(),
                        None => default_file.clone(),
                    };
                    let text = match files.remove(&file) {
                        Some(text) => text,
                        None => original(&file)?,
                    };
                    let found = text.matches(&edit.find).count();
                    if found != 1 {
                        bail!(
                            "the edit's `find` text occurs {found} times in {}, not once:\n{}",
                            file.display(),
                            edit.find
                        );
                    }
                    files.insert(file, text.replacen(&edit.find, &edit.replace, 1));
                }
            }
            _ => bail!("an entry has either `whole` or `[[edit]]`s, not both nor neither"),
        }
        Ok(files)
    }
}

/// A relative path that stays inside its directory.
fn inside<'a>(key: &str, path: &'a Path) -> Result<&'a Path> {
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        bail!("`{key} = {:?}` must be a relative path without `..`", path);
    }
    Ok(path)
}

/// The variants of a chapter, mistakes first, and a problem for each file
/// that cannot be read.
fn load(course: &Course, chapter: &Chapter) -> (Vec<Variant>, Vec<(String, String)>) {
    let mut variants = Vec::new();
    let mut problems = Vec::new();
    for kind in [Kind::Mistake, Kind::Alternative] {
        let dir = course.solution_dir(chapter).join(kind.dir());
        let Ok(listing) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = listing
            .filter_map(|entry| Some(entry.ok()?.path()))
            .filter(|path| path.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let label = format!(
                "{}: {} loads",
                chapter.id,
                path.strip_prefix(&course.root).unwrap_or(&path).display()
            );
            match load_file(chapter, kind, &path) {
                Ok(found) => variants.extend(found),
                Err(error) => problems.push((label, format!("{error:#}"))),
            }
        }
    }
    (variants, problems)
}

fn load_file(chapter: &Chapter, kind: Kind, path: &Path) -> Result<Vec<Variant>> {
    let exercise = path.file_stem().unwrap_or_default().to_string_lossy();
    if chapter.manifest.exercise(&exercise).is_none() {
        bail!("no exercise named `{exercise}` in exercises.toml");
    }
    let text = std::fs::read_to_string(path)?;
    let file: File = toml::from_str(&text).context("not a valid file of entries")?;
    let (entries, others) = match kind {
        Kind::Mistake => (file.mistakes, file.alternatives),
        Kind::Alternative => (file.alternatives, file.mistakes),
    };
    if !others.is_empty() {
        bail!(
            "a file under {}/ holds only [[{}]] entries",
            kind.dir(),
            kind.word()
        );
    }
    if kind == Kind::Alternative
        && let Some(entry) = entries
            .iter()
            .find(|e| e.test.is_some() || e.says.is_some() || e.catches.is_some())
    {
        bail!(
            "alternative \"{}\": `catches`, `test` and `says` are for mistakes",
            entry.name
        );
    }
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    Ok(entries
        .into_iter()
        .map(|entry| Variant {
            kind,
            exercise: exercise.to_string(),
            entry,
            dir: dir.clone(),
        })
        .collect())
}

/// What the variants of one chapter showed.
#[derive(Default)]
pub struct Counts {
    pub mistakes: usize,
    pub caught: usize,
    pub alternatives: usize,
    pub accepted: usize,
    /// Wall time spent building variants, and running their tests.
    pub building: Duration,
    pub testing: Duration,
}

/// Applies, builds and runs every variant of `chapter`, reporting each one
/// to `check` (a problem, or `None` when it did what it must).
pub fn verify_chapter(
    course: &Course,
    chapter: &Chapter,
    check: &mut dyn FnMut(String, Option<String>),
) -> Result<Counts> {
    let (variants, problems) = load(course, chapter);
    for (label, problem) in problems {
        check(label, Some(problem));
    }
    check_coverage(course, chapter, &variants, check);
    let mut counts = Counts::default();
    if variants.is_empty() {
        return Ok(counts);
    }
    let mut scratch = Scratch::create(course, chapter)?;
    let options = RunOptions::new(course.crate_dir(chapter), chapter.manifest.timeout());
    // The copy as it is: proves the copy sound, and warms its build.
    let pristine = scratch.build(None)?;
    if let Some(errors) = compile_errors(&pristine) {
        check(
            format!("{}: the scratch copy of the solution compiles", chapter.id),
            Some(errors),
        );
        return Ok(counts);
    }
    for variant in &variants {
        let problem = try_variant(&mut scratch, variant, &options, &mut counts)?;
        match variant.kind {
            Kind::Mistake => {
                counts.mistakes += 1;
                counts.caught += usize::from(problem.is_none());
            }
            Kind::Alternative => {
                counts.alternatives += 1;
                counts.accepted += usize::from(problem.is_none());
            }
        }
        check(variant.label(chapter), problem);
    }
    Ok(counts)
}

/// What every exercise has at least: wrong versions its tests catch, and
/// other right designs they accept.
const MIN_MISTAKES: usize = 3;
const MIN_ALTERNATIVES: usize = 2;

fn check_coverage(
    course: &Course,
    chapter: &Chapter,
    variants: &[Variant],
    check: &mut dyn FnMut(String, Option<String>),
) {
    let solution = course.solution_dir(chapter);
    let dir = solution
        .strip_prefix(&course.root)
        .unwrap_or(&solution)
        .display();
    for exercise in &chapter.manifest.exercises {
        let name = &exercise.name;
        let count = |kind| {
            variants
                .iter()
                .filter(|v| v.kind == kind && &v.exercise == name)
                .count()
        };
        let (mistakes, alternatives) = (count(Kind::Mistake), count(Kind::Alternative));
        let short = mistakes < MIN_MISTAKES || alternatives < MIN_ALTERNATIVES;
        check(
            format!(
                "{}: exercise {name} has {MIN_MISTAKES} mistakes and {MIN_ALTERNATIVES} alternatives",
                chapter.id
            ),
            short.then(|| {
                format!(
                    "{mistakes} in {dir}/mistakes/{name}.toml, \
                     {alternatives} in {dir}/alternatives/{name}.toml"
                )
            }),
        );
    }
}

/// `None` when the variant did what it must; otherwise why not.
fn try_variant(
    scratch: &mut Scratch,
    variant: &Variant,
    options: &RunOptions,
    counts: &mut Counts,
) -> Result<Option<String>> {
    if let Err(error) = scratch.apply(variant) {
        return Ok(Some(format!("cannot be applied: {error:#}")));
    }
    // A mistake needs only its exercise's tests; an alternative, all.
    let only = (variant.kind == Kind::Mistake).then_some(variant.exercise.as_str());
    let started = Instant::now();
    let mut run = scratch.build(only)?;
    counts.building += started.elapsed();
    if let Some(errors) = compile_errors(&run) {
        return Ok(Some(format!(
            "does not compile, so it proves nothing:\n{errors}"
        )));
    }
    let binary = run
        .build
        .binary
        .clone()
        .expect("a compiled run has a binary");
    // A mistake that names its test is judged by that test alone.
    let named = variant.entry.test.as_deref().filter(|_| only.is_some());
    let tests: Vec<String> = runner::list_tests(&binary)?
        .into_iter()
        .filter(|test| only.is_none_or(|exercise| owned_by(exercise, test)))
        .filter(|test| named.is_none_or(|named| test == named))
        .collect();
    let started = Instant::now();
    run.results = runner::run_tests(&binary, &tests, options);
    counts.testing += started.elapsed();
    Ok(match variant.kind {
        Kind::Mistake => judge_mistake(&variant.entry, &variant.exercise, &run.results),
        Kind::Alternative => judge_alternative(&run.results),
    })
}

fn owned_by(exercise: &str, test: &str) -> bool {
    test.strip_prefix(exercise)
        .is_some_and(|rest| rest.starts_with("::"))
}

/// How a test ended, as far as variants care.
enum Verdict {
    Passed,
    /// It reached a `todo!()`: proves nothing about the variant.
    Todo,
    Failed(String),
}

fn verdict(result: &TestResult) -> Verdict {
    match &result.outcome {
        Outcome::Passed => Verdict::Passed,
        Outcome::NotStarted => Verdict::Todo,
        other => Verdict::Failed(strip_ansi(&outcome_text(other))),
    }
}

fn judge_mistake(entry: &Entry, exercise: &str, results: &[TestResult]) -> Option<String> {
    let failures: Vec<(&str, String)> = results
        .iter()
        .filter_map(|r| match verdict(r) {
            Verdict::Failed(message) => Some((r.name.as_str(), message)),
            _ => None,
        })
        .collect();
    let says = entry.says.as_deref();
    let has_words = |message: &str| says.is_none_or(|words| message.contains(words));
    match &entry.test {
        Some(test) => {
            let Some(result) = results.iter().find(|r| &r.name == test) else {
                return Some(format!(
                    "it names the test `{test}`, which `{exercise}` does not have"
                ));
            };
            match verdict(result) {
                Verdict::Passed => Some(format!("escaped: `{test}` passed")),
                Verdict::Todo => Some(format!(
                    "`{test}` reached a `todo!()`, which proves nothing"
                )),
                Verdict::Failed(message) if !has_words(&message) => Some(format!(
                    "`{test}` failed, but without the words \"{}\":\n{message}",
                    says.unwrap_or_default()
                )),
                Verdict::Failed(_) => None,
            }
        }
        None if failures.is_empty() => Some(format!(
            "escaped: no test of `{exercise}` failed (reaching a `todo!()` does not count)"
        )),
        None if !failures.iter().any(|(_, message)| has_words(message)) => Some(format!(
            "tests of `{exercise}` failed, but none with the words \"{}\":\n{}",
            says.unwrap_or_default(),
            failures
                .iter()
                .map(|(name, message)| format!("{name}: {message}"))
                .collect::<Vec<_>>()
                .join("\n")
        )),
        None => None,
    }
}

fn judge_alternative(results: &[TestResult]) -> Option<String> {
    let rejections: Vec<String> = results
        .iter()
        .filter(|r| r.outcome != Outcome::Passed)
        .map(|r| format!("rejected by {}: {}", r.name, outcome_text(&r.outcome)))
        .collect();
    (!rejections.is_empty()).then(|| rejections.join("\n"))
}

/// A copy of a chapter's solution as a package of its own, with a copy of
/// the chapter's tests, which variants are applied to one at a time.
/// Removed when dropped.
struct Scratch {
    dir: PathBuf,
    package: String,
    target_dir: PathBuf,
    /// The solution's manifest, made a workspace of its own, without its
    /// test target: each build names the one it needs.
    manifest: toml::Table,
    /// The chapter's test target (`ch01`), copied to `tests/<name>/`.
    tests: String,
    /// The copy's text of each file the last variant changed.
    changed: BTreeMap<PathBuf, String>,
}

impl Scratch {
    fn create(course: &Course, chapter: &Chapter) -> Result<Scratch> {
        let solution = course.solution_dir(chapter);
        let dir = course
            .root
            .join("target/awaitlings/variants")
            .join(&chapter.dir_name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        let left_out = [Kind::Mistake.dir(), Kind::Alternative.dir(), "target"];
        for entry in std::fs::read_dir(&solution)? {
            let name = entry?.file_name();
            if !left_out.iter().any(|left| name == *left) {
                copy_tree(&solution.join(&name), &dir.join(&name))?;
            }
        }
        absolute_module_paths(&solution.join("src"), &dir.join("src"))?;
        std::fs::copy(course.root.join("Cargo.lock"), dir.join("Cargo.lock"))?;
        let (manifest, test) = scratch_manifest(&course.root, &solution)?;
        // The tests are copied too, to add one crate root per exercise.
        let tests_dir = test
            .main
            .parent()
            .context("the test target has no directory")?;
        let copied = dir.join("tests").join(&test.name);
        copy_tree(tests_dir, &copied)?;
        absolute_module_paths(tests_dir, &copied)?;
        let main = std::fs::read_to_string(&test.main)?;
        let exercises: Vec<&str> = chapter
            .manifest
            .exercises
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        for exercise in &exercises {
            let others: Vec<&str> = exercises
                .iter()
                .copied()
                .filter(|e| e != exercise)
                .collect();
            std::fs::write(
                copied.join(only_file(exercise)),
                only_modules(&main, &others),
            )?;
        }
        Ok(Scratch {
            dir,
            package: chapter.solution_package(),
            target_dir: course.target_dir(),
            manifest,
            tests: test.name,
            changed: BTreeMap::new(),
        })
    }

    /// Puts back what the last variant changed, then makes this one's changes.
    fn apply(&mut self, variant: &Variant) -> Result<()> {
        for (file, text) in std::mem::take(&mut self.changed) {
            std::fs::write(self.dir.join(file), text)?;
        }
        let original = |file: &Path| {
            std::fs::read_to_string(self.dir.join(file))
                .with_context(|| format!("the solution has no file {}", file.display()))
        };
        let changes = variant.changes(&original)?;
        for (file, text) in changes {
            let path = self.dir.join(&file);
            let before = std::fs::read_to_string(&path)
                .with_context(|| format!("the solution has no file {}", file.display()))?;
            std::fs::write(&path, text)?;
            self.changed.insert(file, before);
        }
        Ok(())
    }

    /// Builds the copy with every test of the chapter, or with the tests of
    /// one exercise only: a smaller test crate, rebuilt faster. Each has a
    /// target (and so an incremental cache) of its own.
    fn build(&self, only: Option<&str>) -> Result<PackageRun> {
        let (name, root) = match only {
            None => (self.tests.clone(), "main.rs".to_string()),
            Some(exercise) => (format!("{}_{exercise}", self.tests), only_file(exercise)),
        };
        let mut target = toml::Table::new();
        target.insert("name".into(), name.into());
        let path = format!("tests/{}/{root}", self.tests);
        target.insert("path".into(), path.into());
        let mut manifest = self.manifest.clone();
        manifest.insert("test".into(), vec![toml::Value::Table(target)].into());
        let text = toml::to_string(&manifest)?;
        let file = self.dir.join("Cargo.toml");
        if std::fs::read_to_string(&file).ok().as_deref() != Some(&text) {
            std::fs::write(&file, text)?;
        }
        let setup = BuildSetup {
            target_dir: Some(self.target_dir.clone()),
            ..BuildSetup::default()
        };
        let build = runner::build_tests_with(
            &self.dir,
            &self.package,
            &self.dir,
            false,
            &setup,
            &mut |_| {},
        )?;
        Ok(PackageRun {
            build,
            results: Vec::new(),
        })
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The crate root of the tests of one exercise.
fn only_file(exercise: &str) -> String {
    format!("only_{exercise}.rs")
}

/// A test crate root without the modules of `others`.
fn only_modules(main: &str, others: &[&str]) -> String {
    main.lines()
        .filter(|line| {
            let module = line
                .trim()
                .strip_prefix("mod ")
                .and_then(|m| m.strip_suffix(';'));
            !module.is_some_and(|m| others.contains(&m))
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The chapter's test target, as the solution's manifest names it.
struct TestTarget {
    name: String,
    /// Its crate root, an absolute path.
    main: PathBuf,
}

/// The solution's manifest made a workspace of its own: the workspace's
/// shared settings copied in, every path that leads out of the copy made
/// absolute, and its one test target taken out.
fn scratch_manifest(root: &Path, solution: &Path) -> Result<(toml::Table, TestTarget)> {
    let read = |path: &Path| -> Result<toml::Table> {
        let text = std::fs::read_to_string(path)?;
        toml::from_str(&text).with_context(|| format!("cannot read {}", path.display()))
    };
    let mut workspace_manifest = read(&root.join("Cargo.toml"))?;
    let mut package = read(&solution.join("Cargo.toml"))?;
    let mut workspace = match workspace_manifest.remove("workspace") {
        Some(toml::Value::Table(table)) => table,
        _ => bail!("{} has no [workspace]", root.display()),
    };
    for key in ["members", "default-members", "exclude"] {
        workspace.remove(key);
    }
    if let Some(toml::Value::Table(dependencies)) = workspace.get_mut("dependencies") {
        absolute_paths(dependencies, root, None);
    }
    let test = match package.remove("test") {
        Some(toml::Value::Array(targets)) if targets.len() == 1 => targets[0].clone(),
        _ => bail!(
            "{} must have one [[test]] target",
            solution.join("Cargo.toml").display()
        ),
    };
    let field = |key: &str| test.get(key).and_then(toml::Value::as_str);
    let (Some(name), Some(main)) = (field("name"), field("path")) else {
        bail!(
            "the [[test]] target of {} needs a name and a path",
            solution.display()
        );
    };
    let test = TestTarget {
        name: name.to_string(),
        main: normalize(&solution.join(main)),
    };
    absolute_paths(&mut package, solution, Some(solution));
    package.insert("workspace".into(), toml::Value::Table(workspace));
    // Profiles count only in a workspace's root manifest.
    if let Some(profile) = workspace_manifest.remove("profile") {
        package.insert("profile".into(), profile);
    }
    Ok((package, test))
}

/// Makes every `path = "…"` in `table` absolute (taken from `base`),
/// except those that stay inside `copied`: the copy has its own.
fn absolute_paths(table: &mut toml::Table, base: &Path, copied: Option<&Path>) {
    for (key, value) in table.iter_mut() {
        match value {
            toml::Value::String(path) if key == "path" => {
                let full = normalize(&base.join(&*path));
                if copied.is_none_or(|dir| !full.starts_with(dir)) {
                    *path = full.to_string_lossy().into_owned();
                }
            }
            toml::Value::Table(inner) => absolute_paths(inner, base, copied),
            toml::Value::Array(items) => {
                for item in items {
                    if let toml::Value::Table(inner) = item {
                        absolute_paths(inner, base, copied);
                    }
                }
            }
            _ => {}
        }
    }
}

/// `a/b/../c` as `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// In every `.rs` file of the copy, a `#[path = "…"]` that leads out of the
/// solution's `src` (a file given to students whole, included once) points
/// at the original file.
fn absolute_module_paths(original: &Path, copy: &Path) -> Result<()> {
    for entry in std::fs::read_dir(copy)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            absolute_module_paths(&original.join(&name), &path)?;
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        const ATTRIBUTE: &str = "#[path = \"";
        if !text.contains(ATTRIBUTE) {
            continue;
        }
        let mut out = String::new();
        let mut rest = text.as_str();
        while let Some(at) = rest.find(ATTRIBUTE) {
            let (before, after) = rest.split_at(at + ATTRIBUTE.len());
            let Some(end) = after.find('"') else { break };
            let full = normalize(&original.join(&after[..end]));
            out.push_str(before);
            if full.starts_with(original) {
                out.push_str(&after[..end]);
            } else {
                out.push_str(&full.to_string_lossy());
            }
            rest = &after[end..];
        }
        out.push_str(rest);
        std::fs::write(&path, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str) -> Entry {
        let file: File = toml::from_str(text).unwrap();
        file.mistakes.into_iter().next().unwrap()
    }

    fn variant(text: &str) -> Variant {
        Variant {
            kind: Kind::Mistake,
            exercise: "jobs".into(),
            entry: entry(text),
            dir: PathBuf::from("."),
        }
    }

    const ONE_EDIT: &str = r#"
        [[mistake]]
        name = "m"
        [[mistake.edit]]
        find = "b"
        replace = "x"
    "#;

    #[test]
    fn edits_replace_text_that_occurs_once() {
        let changes = variant(ONE_EDIT)
            .changes(&|file| {
                assert_eq!(file, Path::new("src/jobs.rs"));
                Ok("abc".into())
            })
            .unwrap();
        assert_eq!(changes[Path::new("src/jobs.rs")], "axc");
        let twice = variant(ONE_EDIT).changes(&|_| Ok("bb".into()));
        assert!(twice.unwrap_err().to_string().contains("occurs 2 times"));
    }

    #[test]
    fn paths_out_of_the_entry_and_unknown_keys_are_refused() {
        let up = ONE_EDIT.replace("find", "file = \"../x.rs\"\nfind");
        let error = variant(&up).changes(&|_| Ok("b".into())).err().unwrap();
        assert!(error.to_string().contains("without `..`"), "{error}");
        let typo = ONE_EDIT.replace("name = \"m\"", "name = \"m\"\nsay = \"x\"");
        assert!(toml::from_str::<File>(&typo).is_err());
    }

    fn result(name: &str, outcome: Outcome) -> TestResult {
        TestResult {
            name: name.into(),
            outcome,
        }
    }

    #[test]
    fn a_mistake_is_caught_by_a_failure_not_by_a_todo() {
        let plain = entry(ONE_EDIT);
        let todo = [result("jobs::a", Outcome::NotStarted)];
        assert!(
            judge_mistake(&plain, "jobs", &todo)
                .unwrap()
                .contains("escaped")
        );
        let failed = [result(
            "jobs::a",
            Outcome::Failed("one after another".into()),
        )];
        assert!(judge_mistake(&plain, "jobs", &failed).is_none());
        let named = entry(&ONE_EDIT.replace(
            "name = \"m\"",
            "name = \"m\"\ntest = \"jobs::a\"\nsays = \"in turn\"",
        ));
        let problem = judge_mistake(&named, "jobs", &failed).unwrap();
        assert!(
            problem.contains("without the words \"in turn\""),
            "{problem}"
        );
    }

    #[test]
    fn the_tests_of_one_exercise_leave_out_the_other_modules() {
        let main = "//! Tests.\n\nmod common;\n\nmod jobs;\nmod lazy;\n";
        assert_eq!(
            only_modules(main, &["lazy"]),
            "//! Tests.\n\nmod common;\n\nmod jobs;\n"
        );
    }

    #[test]
    fn paths_leading_out_of_the_copy_become_absolute() {
        let mut table: toml::Table = toml::from_str(
            "[lib]\npath = \"src/lib.rs\"\n[[test]]\npath = \"../../crates/c/tests/main.rs\"",
        )
        .unwrap();
        let solution = Path::new("/w/solutions/c");
        absolute_paths(&mut table, solution, Some(solution));
        assert_eq!(table["lib"]["path"].as_str(), Some("src/lib.rs"));
        assert_eq!(
            table["test"][0]["path"].as_str(),
            Some("/w/crates/c/tests/main.rs")
        );
    }
}
