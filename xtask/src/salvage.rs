//! A chapter that does not compile, checked all the same: its exercises
//! whose files have errors are put aside, and the chapter is built again
//! with their stubs in their place, so that every other exercise still
//! gets its verdict (and, in grading, its points).
//!
//! The second build runs in a scratch copy of the chapter's crate, never
//! in the student's files. The copy is a package of its own name (with the
//! chapter's library name, as the solutions are), in a workspace of its
//! own that shares the course's target directory: the dependencies are
//! already built, and cargo never takes the copy's build files for the
//! student's.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::course::Chapter;
use crate::runner::{self, Build, BuildSetup, Diagnostic};
use crate::stubs::Stubs;

/// An exercise whose own files did not compile.
#[derive(Clone, Debug)]
pub struct Broken {
    pub exercise: String,
    /// The compiler's errors in the exercise's files, as rustc prints them.
    pub errors: Vec<Diagnostic>,
}

/// The chapter built again with the broken exercises' stubs in place.
pub struct Salvage {
    /// In manifest order.
    pub broken: Vec<Broken>,
    /// A successful build: its test binary stands in for the student's,
    /// and the tests of `broken` exercises in it run against stubs.
    pub build: Build,
}

/// Where the second build runs, and with what.
pub struct Salvager<'a> {
    /// The workspace the failed build ran in: its manifest, lock file and
    /// path dependencies are the copy's.
    pub workspace: &'a Path,
    /// A directory of ours for the copy, one per chapter. It is kept and
    /// brought up to date: files already right keep their times, so cargo
    /// does not build an unchanged chapter again.
    pub scratch: &'a Path,
    /// How cargo runs. Give it the failed build's target directory, so
    /// the dependencies are warm; `offline` avoids any network wait.
    pub setup: &'a BuildSetup<'a>,
    pub stubs: &'a Stubs,
    /// The chapter's `src/`, when it is not the crate's own: grading keeps
    /// a student's sources apart from its pristine crate.
    pub src: Option<&'a Path>,
}

/// Builds `chapter` again from `crate_dir` (the crate the failed build
/// compiled) with every exercise that has errors in `failed` replaced by
/// its stub, as many rounds as new errors show up.
///
/// `None` when it cannot help: an error outside the exercises' files (the
/// crate's `lib.rs`, a given file, a manifest), no compiler error at all
/// (a cargo failure, a time limit), or a build that still fails.
///
/// Grading calls it the same way, with its sandbox in `setup` and the
/// instructor's course for the stubs; the tests of the returned binary
/// then score every exercise not in `broken`.
pub fn salvage(
    chapter: &Chapter,
    crate_dir: &Path,
    failed: &Build,
    how: &Salvager,
    color: bool,
    progress: &mut dyn FnMut(&str),
) -> Result<Option<Salvage>> {
    if failed.timed_out {
        return Ok(None);
    }
    let Some(mut broken) = broken_exercises(chapter, &failed.diagnostics) else {
        return Ok(None);
    };
    let copy = how.scratch.join("crates").join(&chapter.dir_name);
    write_workspace(chapter, how.workspace, how.scratch)?;
    for _ in 0..chapter.manifest.exercises.len() {
        let package = salvage_package(chapter, how.scratch);
        let files = crate_files(chapter, crate_dir, &package, &broken, how)?;
        sync(&copy, &files)?;
        let build =
            runner::build_tests_with(how.scratch, &package, &copy, color, how.setup, progress)?;
        if build.binary.is_some() {
            broken.sort_by_key(|b| {
                chapter
                    .manifest
                    .exercises
                    .iter()
                    .position(|e| e.name == b.exercise)
            });
            return Ok(Some(Salvage { broken, build }));
        }
        let Some(more) = broken_exercises(chapter, &build.diagnostics) else {
            return Ok(None);
        };
        let new: Vec<Broken> = more
            .into_iter()
            .filter(|m| !broken.iter().any(|b| b.exercise == m.exercise))
            .collect();
        if new.is_empty() || build.timed_out {
            return Ok(None);
        }
        broken.extend(new);
    }
    Ok(None)
}

/// The exercises the errors are in, each with its errors; `None` when an
/// error is outside every exercise, or there is none.
fn broken_exercises(chapter: &Chapter, diagnostics: &[Diagnostic]) -> Option<Vec<Broken>> {
    let mut broken: Vec<Broken> = Vec::new();
    // rustc's closing "aborting due to N errors" has no file: not an error
    // of its own.
    let errors = diagnostics
        .iter()
        .filter(|d| d.is_error && d.file.is_some());
    for error in errors {
        let exercise = exercise_of_file(chapter, error.file.as_deref()?)?;
        match broken.iter_mut().find(|b| b.exercise == exercise) {
            Some(known) => known.errors.push(error.clone()),
            None => broken.push(Broken {
                exercise: exercise.to_string(),
                errors: vec![error.clone()],
            }),
        }
    }
    (!broken.is_empty()).then_some(broken)
}

/// The exercise a file (relative to the workspace root) belongs to: its
/// source `src/<name>.rs` or its tests `tests/chNN/<name>.rs`.
pub fn exercise_of_file<'c>(chapter: &'c Chapter, file: &str) -> Option<&'c str> {
    let file = file.replace('\\', "/");
    let in_crate = file.strip_prefix(&format!("crates/{}/", chapter.dir_name))?;
    let tests = format!("tests/{}/", chapter.id);
    let name = in_crate
        .strip_prefix("src/")
        .or_else(|| in_crate.strip_prefix(&tests))?
        .strip_suffix(".rs")?;
    let exercise = chapter.manifest.exercise(name)?;
    Some(exercise.name.as_str())
}

fn source_of(chapter: &Chapter, exercise: &str) -> String {
    format!("crates/{}/src/{exercise}.rs", chapter.dir_name)
}

/// The copy's package name, of its own for each scratch directory. Cargo
/// knows a local package by its name and its place in its workspace, and
/// decides by file times whether a build is up to date: two scratch copies
/// of one name sharing a target directory (two students graded in turn)
/// could each be given the other's build.
fn salvage_package(chapter: &Chapter, scratch: &Path) -> String {
    let mut hasher = DefaultHasher::new();
    std::path::absolute(scratch)
        .unwrap_or_else(|_| scratch.to_path_buf())
        .hash(&mut hasher);
    format!("{}-salvage-{:016x}", chapter.dir_name, hasher.finish())
}

/// `scratch/`: the workspace's manifest and lock file, with `chapter`'s
/// copy its only member.
fn write_workspace(chapter: &Chapter, workspace: &Path, scratch: &Path) -> Result<()> {
    let root = read_toml(&workspace.join("Cargo.toml"))?;
    let member = format!("crates/{}", chapter.dir_name);
    let manifest = workspace_manifest(root, workspace, &member)?;
    write_if_changed(&scratch.join("Cargo.toml"), manifest.as_bytes())?;
    let lock = workspace.join("Cargo.lock");
    if lock.is_file() {
        write_if_changed(&scratch.join("Cargo.lock"), &std::fs::read(&lock)?)?;
    }
    Ok(())
}

/// The copy's files by path in the crate: the crate's own (without any
/// `target/`, and with `how.src` as its `src/` when given), its manifest
/// renamed so that cargo keeps the copy's build files apart from the
/// student's, and the broken exercises' stubs.
fn crate_files(
    chapter: &Chapter,
    crate_dir: &Path,
    package: &str,
    broken: &[Broken],
    how: &Salvager,
) -> Result<BTreeMap<PathBuf, Vec<u8>>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(crate_dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let elsewhere = name == "src" && how.src.is_some();
        if name != "target" && !elsewhere {
            read_tree(&entry.path(), Path::new(&name), &mut files)?;
        }
    }
    if let Some(src) = how.src {
        read_tree(src, Path::new("src"), &mut files)?;
    }
    let manifest = read_toml(&crate_dir.join("Cargo.toml"))?;
    let renamed = renamed_package(manifest, &chapter.dir_name, package)?;
    files.insert(PathBuf::from("Cargo.toml"), renamed.into_bytes());
    for exercise in broken {
        let stub = how.stubs.get(&source_of(chapter, &exercise.exercise))?;
        files.insert(
            Path::new("src").join(format!("{}.rs", exercise.exercise)),
            stub,
        );
    }
    Ok(files)
}

/// Every regular file under `path`, keyed by its path under `relative`.
fn read_tree(path: &Path, relative: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) -> Result<()> {
    let kind = std::fs::symlink_metadata(path)?.file_type();
    if kind.is_dir() {
        for entry in std::fs::read_dir(path)? {
            let entry = entry?;
            read_tree(&entry.path(), &relative.join(entry.file_name()), files)?;
        }
    } else if kind.is_file() {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        files.insert(relative.to_path_buf(), bytes);
    }
    Ok(())
}

/// Makes `dir` hold exactly `files`. A file whose bytes are already right
/// is left alone: cargo goes by file times, so checking the same broken
/// chapter twice builds the copy once.
fn sync(dir: &Path, files: &BTreeMap<PathBuf, Vec<u8>>) -> Result<()> {
    for (relative, bytes) in files {
        write_if_changed(&dir.join(relative), bytes)?;
    }
    let mut present = BTreeMap::new();
    read_tree(dir, Path::new(""), &mut present)?;
    for relative in present.keys().filter(|p| !files.contains_key(*p)) {
        std::fs::remove_file(dir.join(relative))?;
    }
    Ok(())
}

fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    std::fs::create_dir_all(path.parent().unwrap())?;
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

fn read_toml(path: &Path) -> Result<toml::Table> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.parse()
        .with_context(|| format!("{} is not valid TOML", path.display()))
}

/// The workspace manifest with one member, `member`, and every path
/// dependency pointing back into `workspace`.
fn workspace_manifest(mut root: toml::Table, workspace: &Path, member: &str) -> Result<String> {
    let Some(toml::Value::Table(ws)) = root.get_mut("workspace") else {
        bail!("{} has no [workspace]", workspace.display());
    };
    ws.insert("members".into(), toml::Value::Array(vec![member.into()]));
    ws.remove("default-members");
    ws.remove("exclude");
    if let Some(toml::Value::Table(deps)) = ws.get_mut("dependencies") {
        for (_, dep) in deps.iter_mut() {
            if let Some(toml::Value::String(path)) = dep.get_mut("path") {
                *path = absolute(workspace, path)?;
            }
        }
    }
    Ok(toml::to_string(&root)?)
}

fn absolute(base: &Path, path: &str) -> Result<String> {
    let joined: PathBuf = std::path::absolute(base.join(path))?;
    Ok(joined.to_string_lossy().into_owned())
}

/// The chapter's manifest under another package name, its library keeping
/// the chapter's name so the tests' `use chNN_name::…` still resolve.
fn renamed_package(mut package: toml::Table, dir_name: &str, name: &str) -> Result<String> {
    let Some(toml::Value::Table(section)) = package.get_mut("package") else {
        bail!("crates/{dir_name}/Cargo.toml has no [package]");
    };
    section.insert("name".into(), name.into());
    let lib = package
        .entry("lib")
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    if let toml::Value::Table(lib) = lib {
        lib.entry("name")
            .or_insert_with(|| dir_name.replace('-', "_").into());
    }
    Ok(toml::to_string(&package)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::Course;

    /// This course's chapter 1: exercises `jobs`, `lazy` and more.
    fn course() -> Course {
        Course::here().unwrap()
    }

    fn error(file: Option<&str>) -> Diagnostic {
        Diagnostic {
            is_error: true,
            file: file.map(str::to_string),
            rendered: format!("error in {file:?}"),
        }
    }

    #[test]
    fn errors_belong_to_the_exercise_of_their_file() {
        let course = course();
        let chapter = course.chapter("ch01").unwrap();
        let of = |file| exercise_of_file(chapter, file);
        assert_eq!(of("crates/ch01-coroutines/src/jobs.rs"), Some("jobs"));
        assert_eq!(of("crates\\ch01-coroutines\\src\\lazy.rs"), Some("lazy"));
        assert_eq!(
            of("crates/ch01-coroutines/tests/ch01/lazy.rs"),
            Some("lazy")
        );
        assert_eq!(of("crates/ch01-coroutines/src/lib.rs"), None);
        assert_eq!(of("crates/ch01-coroutines/tests/ch01/main.rs"), None);
        assert_eq!(of("crates/ch02-event-loop/src/jobs.rs"), None);
    }

    #[test]
    fn only_errors_inside_exercises_can_be_salvaged() {
        let course = course();
        let chapter = course.chapter("ch01").unwrap();
        let jobs = Some("crates/ch01-coroutines/src/jobs.rs");
        let broken = broken_exercises(chapter, &[error(jobs), error(None), error(jobs)]);
        let broken = broken.unwrap();
        assert_eq!(broken.len(), 1);
        assert_eq!(
            (broken[0].exercise.as_str(), broken[0].errors.len()),
            ("jobs", 2)
        );
        let lib = Some("crates/ch01-coroutines/src/lib.rs");
        assert!(broken_exercises(chapter, &[error(jobs), error(lib)]).is_none());
        assert!(broken_exercises(chapter, &[error(None)]).is_none());
    }

    #[test]
    fn each_scratch_directory_builds_a_package_of_its_own() {
        let course = course();
        let chapter = course.chapter("ch01").unwrap();
        let alice = salvage_package(chapter, Path::new("/grade/alice/salvage"));
        let bob = salvage_package(chapter, Path::new("/grade/bob/salvage"));
        assert_ne!(alice, bob);
        assert!(alice.starts_with("ch01-coroutines-salvage-"), "{alice}");
        assert_eq!(
            alice,
            salvage_package(chapter, Path::new("/grade/alice/salvage"))
        );
    }

    #[test]
    fn the_copy_keeps_the_times_of_files_already_right() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, text: &str| (PathBuf::from(name), text.as_bytes().to_vec());
        let first = BTreeMap::from([file("src/a.rs", "a"), file("src/b.rs", "b")]);
        sync(dir.path(), &first).unwrap();
        let a = dir.path().join("src/a.rs");
        let written = std::fs::metadata(&a).unwrap().modified().unwrap();
        let second = BTreeMap::from([file("src/a.rs", "a"), file("src/c.rs", "c")]);
        sync(dir.path(), &second).unwrap();
        assert_eq!(std::fs::metadata(&a).unwrap().modified().unwrap(), written);
        assert!(
            !dir.path().join("src/b.rs").exists(),
            "a file no longer there goes"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("src/c.rs")).unwrap(),
            "c"
        );
    }

    #[test]
    fn the_copy_is_a_package_of_its_own_with_the_chapter_library() {
        let package: toml::Table = "[package]\nname = \"ch01-coroutines\"\n[lib]\ntest = false\n"
            .parse()
            .unwrap();
        let renamed = renamed_package(package, "ch01-coroutines", "ch01-coroutines-salvage");
        let renamed: toml::Table = renamed.unwrap().parse().unwrap();
        assert_eq!(
            renamed["package"]["name"].as_str(),
            Some("ch01-coroutines-salvage")
        );
        assert_eq!(renamed["lib"]["name"].as_str(), Some("ch01_coroutines"));
        assert_eq!(renamed["lib"]["test"].as_bool(), Some(false));
    }

    #[test]
    fn the_copy_workspace_has_one_member_and_absolute_paths() {
        let root: toml::Table = "[workspace]\nmembers = [\"crates/*\", \"xtask\"]\n\
                                 default-members = [\"crates/*\"]\n\
                                 [workspace.dependencies]\nsupport = { path = \"crates/support\" }\n\
                                 tokio = \"1\"\n"
            .parse()
            .unwrap();
        let base = std::path::absolute("/course").unwrap();
        let text = workspace_manifest(root, &base, "ch01-coroutines").unwrap();
        let manifest: toml::Table = text.parse().unwrap();
        let ws = &manifest["workspace"];
        assert_eq!(ws["members"].as_array().unwrap().len(), 1);
        assert!(ws.get("default-members").is_none());
        let support = ws["dependencies"]["support"]["path"].as_str().unwrap();
        assert_eq!(Path::new(support), base.join("crates/support"));
        assert_eq!(ws["dependencies"]["tokio"].as_str(), Some("1"));
    }
}
