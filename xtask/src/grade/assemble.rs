//! The pristine workspace a submission is built in: everything from the
//! instructor's copy, except the student crates' `src/` files.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

use crate::course::{Chapter, Course};
use crate::dist;

/// Never copied from the instructor: build output, history, local state,
/// and the reference solutions (student code could `include!` them).
const NOT_COPIED: [&str; 4] = ["target", ".git", ".awaitlings", "solutions"];
/// Never read from a submission: build output and history.
const NOT_READ: [&str; 3] = ["target", ".git", ".awaitlings"];
/// Submissions are small; a larger file is not source code.
const MAX_SOURCE_BYTES: u64 = 1024 * 1024;
/// Stop listing ignored files after this many: the report stays readable.
const MAX_LISTED: usize = 50;

/// A file of the submission that grading does not use.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct IgnoredFile {
    pub path: String,
    /// `changed` (differs from the instructor's copy), `added` (not in it),
    /// `symlink`, or `too large`.
    pub why: String,
}

/// Makes `dest` a copy of the instructor's workspace with the given
/// chapters (others, perhaps half-written, could stop cargo from loading the
/// workspace), rewriting only files whose content differs so that cargo's
/// fingerprints stay valid between runs.
pub fn mirror_instructor(course: &Course, chapters: &[&Chapter], dest: &Path) -> Result<()> {
    let wanted = |relative: &Path| {
        let mut parts = relative.iter();
        let (Some(top), next) = (parts.next(), parts.next()) else {
            return true;
        };
        if NOT_COPIED.iter().any(|s| top == *s) {
            return false;
        }
        match next.map(|n| n.to_string_lossy()) {
            Some(name) if top == "crates" && crate::course::chapter_id(&name).is_some() => {
                chapters.iter().any(|c| c.dir_name == name)
            }
            _ => true,
        }
    };
    mirror(&course.root, dest, Path::new(""), &wanted)
        .with_context(|| format!("cannot copy the workspace to {}", dest.display()))?;
    drop_solution_members(&dest.join("Cargo.toml"))
}

/// Without `solutions/`, the workspace must not list it: cargo reads a glob
/// that matches nothing as a path.
fn drop_solution_members(manifest: &Path) -> Result<()> {
    let text = std::fs::read_to_string(manifest)?;
    let mut table: toml::Table = toml::from_str(&text)
        .with_context(|| format!("{} is not valid TOML", manifest.display()))?;
    let members = table
        .get_mut("workspace")
        .and_then(|w| w.get_mut("members"))
        .and_then(|m| m.as_array_mut());
    if let Some(members) = members {
        members.retain(|m| !m.as_str().is_some_and(|m| m.starts_with("solutions")));
        std::fs::write(manifest, toml::to_string(&table)?)?;
    }
    Ok(())
}

fn mirror(from: &Path, to: &Path, relative: &Path, wanted: &dyn Fn(&Path) -> bool) -> Result<()> {
    std::fs::create_dir_all(to.join(relative))?;
    let mut kept = std::collections::HashSet::new();
    for entry in std::fs::read_dir(from.join(relative))? {
        let entry = entry?;
        let path = relative.join(entry.file_name());
        if !wanted(&path) {
            continue;
        }
        kept.insert(entry.file_name());
        let kind = entry.file_type()?;
        let target = to.join(&path);
        if kind.is_dir() {
            mirror(from, to, &path, wanted)?;
        } else if kind.is_file()
            && std::fs::read(&target).ok() != Some(std::fs::read(entry.path())?)
        {
            let _ = std::fs::remove_dir_all(&target);
            std::fs::copy(entry.path(), &target)?;
        }
    }
    for entry in std::fs::read_dir(to.join(relative))? {
        let entry = entry?;
        // What is never copied is left alone too: a build's `target/`, a
        // repository's `.git/`.
        let never_copied =
            relative.as_os_str().is_empty() && NOT_COPIED.iter().any(|s| entry.file_name() == *s);
        if !kept.contains(&entry.file_name()) && !never_copied {
            remove(&entry.path())?;
        }
    }
    Ok(())
}

fn remove(path: &Path) -> std::io::Result<()> {
    if path.is_dir() && !path.is_symlink() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// Replaces the chapter's `src/` in the build workspace `dest` by the
/// student's. `Ok(None)` when the submission has no such `src/`.
pub fn install_sources(
    student: &Path,
    chapter: &Chapter,
    dest: &Path,
    ignored: &mut Vec<IgnoredFile>,
) -> Result<Option<()>> {
    let relative = Path::new("crates").join(&chapter.dir_name).join("src");
    let from = student.join(&relative);
    if !from.is_dir() || from.is_symlink() {
        return Ok(None);
    }
    let to = dest.join(&relative);
    if to.exists() {
        std::fs::remove_dir_all(&to)?;
    }
    copy_sources(&from, &to, &relative, ignored)?;
    Ok(Some(()))
}

/// Regular files only: a symlink could point anywhere on the grader.
fn copy_sources(
    from: &Path,
    to: &Path,
    shown: &Path,
    ignored: &mut Vec<IgnoredFile>,
) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let shown = shown.join(entry.file_name());
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_sources(&entry.path(), &target, &shown, ignored)?;
        } else if kind.is_symlink() {
            note(ignored, &shown, "symlink");
        } else if entry.metadata()?.len() > MAX_SOURCE_BYTES {
            note(ignored, &shown, "too large");
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

fn note(ignored: &mut Vec<IgnoredFile>, path: &Path, why: &str) {
    if ignored.len() < MAX_LISTED {
        ignored.push(IgnoredFile {
            path: path.display().to_string(),
            why: why.to_string(),
        });
    }
}

/// The submission's files outside the student crates' `src/` that differ
/// from the instructor's copy: tests, manifests, lock file and the like,
/// all replaced by ours.
pub fn ignored_changes(student: &Path, course: &Course) -> Vec<IgnoredFile> {
    let sources: Vec<PathBuf> = course
        .chapters
        .iter()
        .map(|c| Path::new("crates").join(&c.dir_name).join("src"))
        .collect();
    let mut ignored = Vec::new();
    compare(student, course, Path::new(""), &sources, &mut ignored);
    ignored
}

/// Whether a file of the submission is as we gave it: as in our workspace,
/// or as the hand-out (`cargo xtask dist`) has it.
fn unchanged(course: &Course, relative: &Path, theirs: &[u8]) -> bool {
    let same = |ours: Vec<u8>| ours == theirs;
    std::fs::read(course.root.join(relative)).is_ok_and(same)
        || dist::handout_version(course, relative).is_some_and(same)
}

fn compare(
    student: &Path,
    course: &Course,
    relative: &Path,
    sources: &[PathBuf],
    ignored: &mut Vec<IgnoredFile>,
) {
    let Ok(entries) = std::fs::read_dir(student.join(relative)) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = relative.join(entry.file_name());
        let top_level_skip =
            relative.as_os_str().is_empty() && NOT_READ.iter().any(|s| entry.file_name() == *s);
        if top_level_skip || sources.contains(&path) {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            compare(student, course, &path, sources, ignored);
        } else if kind.is_symlink() {
            note(ignored, &path, "symlink");
        } else {
            let theirs = std::fs::read(entry.path()).unwrap_or_default();
            let ours_has_it =
                course.root.join(&path).is_file() || dist::handout_version(course, &path).is_some();
            if !ours_has_it {
                note(ignored, &path, "added");
            } else if !unchanged(course, &path, &theirs) {
                note(ignored, &path, "changed");
            }
        }
    }
}

/// Chapter directories of the submission that the course does not have.
pub fn unknown_chapters(student: &Path, course: &Course) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(student.join("crates")) else {
        return Vec::new();
    };
    let mut unknown: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| crate::course::chapter_id(name).is_some())
        .filter(|name| !course.chapters.iter().any(|c| &c.dir_name == name))
        .collect();
    unknown.sort();
    unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, path: &str, text: &str) {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn changes_outside_src_are_listed_and_src_is_not() {
        let course = Course::here().unwrap();
        let student = tempfile::tempdir().unwrap();
        let chapter = &course.chapters[0];
        let crate_dir = format!("crates/{}", chapter.dir_name);
        let ours =
            std::fs::read_to_string(course.root.join(&crate_dir).join("Cargo.toml")).unwrap();
        write(student.path(), &format!("{crate_dir}/Cargo.toml"), &ours);
        write(
            student.path(),
            &format!("{crate_dir}/src/lib.rs"),
            "// mine",
        );
        write(student.path(), &format!("{crate_dir}/tests/extra.rs"), "");
        write(student.path(), "Cargo.toml", "[workspace]");
        write(student.path(), "target/debug/junk", "");
        write(student.path(), "crates/ch99-future/src/lib.rs", "");
        let ignored = ignored_changes(student.path(), &course);
        let listed: Vec<(&str, &str)> = ignored
            .iter()
            .map(|i| (i.path.as_str(), i.why.as_str()))
            .collect();
        assert_eq!(
            listed,
            [
                ("Cargo.toml", "changed"),
                (&*format!("{crate_dir}/tests/extra.rs"), "added"),
                ("crates/ch99-future/src/lib.rs", "added"),
            ]
        );
        assert_eq!(unknown_chapters(student.path(), &course), ["ch99-future"]);
    }

    #[test]
    fn sources_are_replaced_and_symlinks_skipped() {
        let course = Course::here().unwrap();
        let chapter = &course.chapters[0];
        let (student, dest) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let src = format!("crates/{}/src", chapter.dir_name);
        write(dest.path(), &format!("{src}/old.rs"), "old");
        write(student.path(), &format!("{src}/lib.rs"), "new");
        std::os::unix::fs::symlink("/etc/passwd", student.path().join(&src).join("p.rs")).unwrap();
        let mut ignored = Vec::new();
        let installed = install_sources(student.path(), chapter, dest.path(), &mut ignored);
        assert!(installed.unwrap().is_some());
        assert!(!dest.path().join(&src).join("old.rs").exists());
        assert!(!dest.path().join(&src).join("p.rs").exists());
        assert_eq!(ignored[0].why, "symlink");
        let other = tempfile::tempdir().unwrap();
        assert!(
            install_sources(other.path(), chapter, dest.path(), &mut ignored)
                .unwrap()
                .is_none()
        );
    }
}
