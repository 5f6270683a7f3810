//! `cargo xtask dist <dir>`: the student hand-out — the workspace without
//! the solutions, ready to push as a template repository.
//!
//! A class hand-out: it has no solutions in any form, and its `help` and
//! README leave `solution` out. It carries the stubs as it ships them
//! (see [`crate::stubs`]), so that `reset` works without git.

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Result, bail};

use crate::course::Course;
use crate::files::copy_workspace;
use crate::runner;
use crate::stubs;

/// What never goes into a hand-out, by top-level name.
const LEFT_OUT: &[&str] = &[
    "target",
    ".git",
    ".awaitlings",
    "solutions",
    ".ci",
    "TESTING.md",
];

/// The grading workflow for GitHub Classroom, installed in the hand-out.
const CLASSROOM_WORKFLOW: &str = "xtask/graders/classroom/classroom.yml";

/// The README students see instead of the maintainers' one.
const STUDENT_README: &str = include_str!("../dist/README.md");

/// What a student's repository does not commit: builds and the runner's
/// own state, but the shipped stubs, which `reset` needs, are kept.
const STUDENT_GITIGNORE: &str = "\
/target
/.awaitlings/*
!/.awaitlings/stubs/
!/.awaitlings/stubs.sha256
";

pub fn dist(course: &Course, out: &Path) -> Result<()> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        bail!(
            "{} exists and is not empty: choose a new directory",
            out.display()
        );
    }
    copy_workspace(&course.root, out, LEFT_OUT)?;
    std::fs::write(out.join("README.md"), STUDENT_README)?;
    std::fs::write(out.join(".gitignore"), STUDENT_GITIGNORE)?;
    stubs::ship(course, out)?;
    // GitHub Classroom grades a template's clones on push with this workflow.
    let workflows = out.join(".github/workflows");
    std::fs::create_dir_all(&workflows)?;
    std::fs::copy(
        course.root.join(CLASSROOM_WORKFLOW),
        workflows.join("classroom.yml"),
    )?;
    let manifest = std::fs::read_to_string(out.join("Cargo.toml"))?;
    std::fs::write(out.join("Cargo.toml"), without_solutions(&manifest)?)?;
    // Drop the solution packages from the lock file without upgrading anything.
    let trimmed = Command::new(runner::cargo())
        .args([
            "metadata",
            "--offline",
            "--format-version",
            "1",
            "--manifest-path",
        ])
        .arg(out.join("Cargo.toml"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    if !trimmed.success() {
        eprintln!(
            "note: Cargo.lock still names the solution packages; cargo trims it on the first build"
        );
    }
    println!(
        "Wrote the hand-out to {}: push it as a template repository.",
        out.display()
    );
    Ok(())
}

/// How the hand-out has a file that `dist` writes differently from the
/// workspace (`relative` to its root), or `None` for every other file.
pub fn handout_version(course: &Course, relative: &Path) -> Option<Vec<u8>> {
    let ours = |name: &str| std::fs::read_to_string(course.root.join(name)).ok();
    let text = match relative.to_str()? {
        "README.md" => STUDENT_README.to_string(),
        ".gitignore" => STUDENT_GITIGNORE.to_string(),
        "Cargo.toml" => without_solutions(&ours("Cargo.toml")?).ok()?,
        "Cargo.lock" => without_solution_packages(&ours("Cargo.lock")?),
        ".github/workflows/classroom.yml" => ours(CLASSROOM_WORKFLOW)?,
        _ => return None,
    };
    Some(text.into_bytes())
}

/// The lock file as cargo trims it when the solution packages are gone.
fn without_solution_packages(lock: &str) -> String {
    let blocks: Vec<&str> = lock
        .split("\n\n")
        .filter(|block| {
            let name = block.lines().find_map(|l| l.strip_prefix("name = \""));
            !name.is_some_and(|n| n.trim_end_matches('"').ends_with("-solution"))
        })
        .collect();
    blocks.join("\n\n")
}

/// The workspace manifest with the `solutions/*` member removed: cargo reads
/// a glob that matches nothing as a missing path.
fn without_solutions(manifest: &str) -> Result<String> {
    let member = "\"solutions/*\", ";
    if !manifest.contains(member) {
        bail!("the workspace Cargo.toml has no `{member}` member to remove");
    }
    Ok(manifest.replacen(member, "", 1))
}

#[cfg(test)]
mod tests {
    use super::{without_solution_packages, without_solutions};

    #[test]
    fn the_hand_out_lock_has_no_solution_packages() {
        let lock = "version = 4\n\n[[package]]\nname = \"ch01-coroutines\"\n\n\
                    [[package]]\nname = \"ch01-coroutines-solution\"\ndependencies = []\n\n\
                    [[package]]\nname = \"tokio\"\n";
        assert_eq!(
            without_solution_packages(lock),
            "version = 4\n\n[[package]]\nname = \"ch01-coroutines\"\n\n[[package]]\nname = \"tokio\"\n"
        );
    }

    #[test]
    fn the_hand_out_has_no_solution_members() {
        let manifest = "members = [\"crates/*\", \"solutions/*\", \"xtask\"]";
        assert_eq!(
            without_solutions(manifest).unwrap(),
            "members = [\"crates/*\", \"xtask\"]"
        );
    }
}
