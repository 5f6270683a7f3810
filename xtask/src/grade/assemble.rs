//! The pristine workspace a submission is built in: everything from the
//! instructor's copy, except the student crates' `src/` files.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

use super::tree;
use crate::course::{Chapter, Course};
use crate::dist;

/// Never copied from the instructor: build output, history, local state,
/// and the reference solutions (student code could `include!` them).
const NOT_COPIED: [&str; 4] = ["target", ".git", ".awaitlings", "solutions"];
/// Never read from a submission: build output and history.
const NOT_READ: [&str; 3] = ["target", ".git", ".awaitlings"];
/// Stop listing ignored files after this many: the report stays readable.
const MAX_LISTED: usize = 50;

/// A file of the submission that grading does not use.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct IgnoredFile {
    pub path: String,
    /// `changed` (differs from the instructor's copy), `added` (not in it),
    /// `a symlink`, `a named pipe`, `a socket`, `a device`, `too large`, or
    /// `not graded: …` (a chapter's `src/` reached through a symlink).
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

/// Copies the chapter's `src/` from the submission into `to` (a directory
/// of ours, made afresh): regular files only, each at most
/// `MAX_FILE_BYTES`. `Ok(None)` when the submission has no such `src/`, or
/// reaches it through a symlink (noted).
pub fn install_sources(
    student: &Path,
    chapter: &Chapter,
    to: &Path,
    ignored: &mut Vec<IgnoredFile>,
) -> Result<Option<()>> {
    let relative = Path::new("crates").join(&chapter.dir_name).join("src");
    match tree::kind_below(student, &relative) {
        Ok(Some(tree::Kind::Dir)) => {}
        Ok(Some(kind)) => {
            note(ignored, &relative, tree::describe(kind));
            return Ok(None);
        }
        Ok(None) => return Ok(None),
        Err(why) => {
            note(ignored, &relative, &format!("not graded: {why}"));
            return Ok(None);
        }
    }
    if to.exists() {
        std::fs::remove_dir_all(to)?;
    }
    std::fs::create_dir_all(to)?;
    let from = student.join(&relative);
    let mut failed = None;
    tree::walk(&from, &mut |entry| {
        let shown = relative.join(&entry.relative);
        let target = to.join(&entry.relative);
        let copied = match entry.kind {
            tree::Kind::Dir => std::fs::create_dir(&target),
            tree::Kind::File(len) if len > tree::MAX_FILE_BYTES => {
                note(ignored, &shown, "too large");
                Ok(())
            }
            tree::Kind::File(_) => tree::read_regular(&entry.path, tree::MAX_FILE_BYTES)
                .and_then(|bytes| std::fs::write(&target, bytes)),
            kind => {
                note(ignored, &shown, tree::describe(kind));
                Ok(())
            }
        };
        if let Err(error) = copied {
            failed.get_or_insert(format!("cannot copy {}: {error}", shown.display()));
        }
        true
    })
    .map_err(anyhow::Error::msg)
    .with_context(|| format!("{}", relative.display()))?;
    match failed {
        Some(why) => Err(anyhow::Error::msg(why)),
        None => Ok(Some(())),
    }
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
    let walked = tree::walk(student, &mut |entry| {
        let path = &entry.relative;
        let top_level_skip = entry.relative.components().count() == 1
            && NOT_READ.iter().any(|s| path.as_os_str() == *s);
        if top_level_skip || sources.contains(path) {
            return false;
        }
        match entry.kind {
            tree::Kind::Dir => return true,
            tree::Kind::File(len) => {
                if let Some(why) = difference(course, path, &entry.path, len) {
                    note(&mut ignored, path, why);
                }
            }
            kind => note(&mut ignored, path, tree::describe(kind)),
        }
        false
    });
    if let Err(why) = walked {
        note(
            &mut ignored,
            Path::new("."),
            &format!("stopped looking: {why}"),
        );
    }
    ignored
}

/// How a submitted file differs from ours (as in our workspace, or as the
/// hand-out of `cargo xtask dist` has it), if it does: sizes are compared
/// before any byte is read.
fn difference(course: &Course, relative: &Path, theirs: &Path, len: u64) -> Option<&'static str> {
    let ours = std::fs::read(course.root.join(relative)).ok();
    let handout = dist::handout_version(course, relative);
    if ours.is_none() && handout.is_none() {
        return Some("added");
    }
    let same = |ours: &Vec<u8>| ours.len() as u64 == len && tree::same_content(theirs, ours);
    if ours.as_ref().is_some_and(same) || handout.as_ref().is_some_and(same) {
        None
    } else {
        Some("changed")
    }
}

/// Chapter directories of the submission that the course does not have.
pub fn unknown_chapters(student: &Path, course: &Course) -> Vec<String> {
    if tree::kind_below(student, Path::new("crates")) != Ok(Some(tree::Kind::Dir)) {
        return Vec::new();
    }
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
    fn sources_are_copied_as_regular_files_only() {
        let course = Course::here().unwrap();
        let chapter = &course.chapters[0];
        let (student, dest) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let src = format!("crates/{}/src", chapter.dir_name);
        let to = dest.path().join("src");
        write(&to, "old.rs", "old");
        write(student.path(), &format!("{src}/lib.rs"), "new");
        let from = student.path().join(&src);
        std::os::unix::fs::symlink("/etc/passwd", from.join("p.rs")).unwrap();
        let fifo = std::ffi::CString::new(from.join("f.rs").to_str().unwrap()).unwrap();
        // SAFETY: a valid C string.
        #[allow(unsafe_code)]
        let made = unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) };
        assert_eq!(made, 0);
        let mut ignored = Vec::new();
        let installed = install_sources(student.path(), chapter, &to, &mut ignored);
        assert!(installed.unwrap().is_some());
        let copied: Vec<String> = std::fs::read_dir(&to)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(copied, ["lib.rs"]);
        let whys: Vec<&str> = ignored.iter().map(|i| i.why.as_str()).collect();
        assert_eq!(whys, ["a named pipe", "a symlink"]);
        let other = tempfile::tempdir().unwrap();
        assert!(
            install_sources(other.path(), chapter, &to, &mut ignored)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_symlink_on_the_way_to_src_is_refused() {
        let course = Course::here().unwrap();
        let chapter = &course.chapters[0];
        let student = tempfile::tempdir().unwrap();
        std::fs::create_dir(student.path().join("crates")).unwrap();
        let solution = course.solution_dir(chapter);
        std::os::unix::fs::symlink(
            &solution,
            student.path().join("crates").join(&chapter.dir_name),
        )
        .unwrap();
        let mut ignored = Vec::new();
        let to = tempfile::tempdir().unwrap();
        let installed = install_sources(student.path(), chapter, to.path(), &mut ignored);
        assert!(installed.unwrap().is_none());
        assert!(ignored[0].why.contains("is a symlink"), "{ignored:?}");
    }
}
