//! `cargo xtask new <chNN-name>`: a new chapter in the house style, with one
//! example exercise that already passes `cargo xtask verify chNN`.

use std::path::Path;

use anyhow::{Result, bail};

use crate::course::{Course, chapter_id};

/// Each template's path (under the workspace) and text. `{dir}` is the
/// chapter's directory name, `{id}` its id, `{lib}` its library name.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "crates/{dir}/Cargo.toml",
        r#"[package]
name = "{dir}"
version = "0.1.0"
description = "Chapter {number}. Your code goes in src/."
edition.workspace = true
rust-version.workspace = true
publish.workspace = true

[lib]
test = false

[dependencies]
tokio.workspace = true

[dev-dependencies]
support.workspace = true
tokio = { workspace = true, features = ["test-util"] }
pretty_assertions.workspace = true

[lints]
workspace = true
"#,
    ),
    (
        "crates/{dir}/src/lib.rs",
        r#"//! Chapter {number}.
//!
//! Each module is one exercise; `cargo xtask check {id}` tells you which one
//! to do next. Read the chapter's README.md first.

// The stubs do not use their arguments yet; your solutions will.
#![allow(unused_variables)]

pub mod first;
"#,
    ),
    (
        "crates/{dir}/src/first.rs",
        r#"//! Exercise `first`.

use std::time::Duration;

/// Waits `delay`, then returns `x + 1`.
///
/// ```no_run
/// # async fn demo() {
/// let two = {lib}::first::later_plus_one(1, std::time::Duration::from_secs(1)).await; // after 1 s
/// assert_eq!(two, 2);
/// # }
/// ```
pub async fn later_plus_one(x: u64, delay: Duration) -> u64 {
    todo!()
}
"#,
    ),
    (
        "crates/{dir}/tests/{id}/main.rs",
        r#"//! Chapter {number} tests: one module per exercise, named like the exercise.

mod first;
"#,
    ),
    (
        "crates/{dir}/tests/{id}/first.rs",
        r#"use {lib}::first::later_plus_one;
use pretty_assertions::assert_eq;
use support::{assert_elapsed, secs, timed};

#[support::test(start_paused = true)]
async fn later_plus_one_waits_then_adds() {
    let (result, took) = timed(later_plus_one(1, secs(2))).await;
    assert_eq!(result, 2, "later_plus_one(1, ..) returns 2");
    assert_elapsed("later_plus_one() with a 2 s delay", took, secs(2));
}
"#,
    ),
    (
        "crates/{dir}/exercises.toml",
        r#"# The chapter manifest, read by `cargo xtask` (format documented in
# xtask/src/manifest.rs).
format = 1
title = "What this chapter teaches"

[[exercise]]
name = "first"
title = "Wait, then add one"
points = 10
hints = [
    "Wait with `tokio::time::sleep(delay).await`, never `std::thread::sleep`.",
    "`tokio::time::sleep(delay).await; x + 1`",
]
"#,
    ),
    (
        "crates/{dir}/README.md",
        r#"# Chapter {number} — title

What the chapter teaches: the idea, the Rust and tokio way, and how it
differs from Python's asyncio.

## Exercises

1. `first` — wait, then add one (`src/first.rs`).
"#,
    ),
    (
        "solutions/{dir}/Cargo.toml",
        r#"[package]
name = "{dir}-solution"
version = "0.1.0"
description = "Reference solution of chapter {number}, run against crates/{dir}/tests."
edition.workspace = true
rust-version.workspace = true
publish.workspace = true

[lib]
name = "{lib}"
test = false
doctest = false

[dependencies]
tokio.workspace = true

[dev-dependencies]
support.workspace = true
tokio = { workspace = true, features = ["test-util"] }
pretty_assertions.workspace = true

[lints]
workspace = true

# The very tests the students run.
[[test]]
name = "{id}"
path = "../../crates/{dir}/tests/{id}/main.rs"
"#,
    ),
    (
        "solutions/{dir}/src/lib.rs",
        r#"//! Chapter {number} — reference solution.

pub mod first;
"#,
    ),
    (
        "solutions/{dir}/src/first.rs",
        r#"//! Exercise `first`.

use std::time::Duration;

/// The timer suspends this task only; the runtime runs others meanwhile.
pub async fn later_plus_one(x: u64, delay: Duration) -> u64 {
    tokio::time::sleep(delay).await;
    x + 1
}
"#,
    ),
];

pub fn new_chapter(course: &Course, dir: &str) -> Result<()> {
    let Some(id) = chapter_id(dir) else {
        bail!("a chapter is named like ch11-streams: `ch`, two digits, `-`, a name");
    };
    for taken in course
        .chapters
        .iter()
        .map(|c| &c.id)
        .chain(course.broken.iter().map(|(d, _)| d))
    {
        if taken.starts_with(id) {
            bail!("{id} exists already ({taken})");
        }
    }
    write_templates(&course.root, dir, id)?;
    println!("Created crates/{dir} and solutions/{dir}. Next: `cargo xtask verify {id}`.");
    Ok(())
}

fn write_templates(root: &Path, dir: &str, id: &str) -> Result<()> {
    let lib = dir.replace('-', "_");
    let number = id[2..].trim_start_matches('0');
    let fill = |text: &str| {
        text.replace("{dir}", dir)
            .replace("{id}", id)
            .replace("{lib}", &lib)
            .replace("{number}", number)
    };
    for (path, text) in TEMPLATES {
        let path = root.join(fill(path));
        std::fs::create_dir_all(path.parent().unwrap())?;
        std::fs::write(&path, fill(text))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::Manifest;

    #[test]
    fn a_new_chapter_has_every_file_filled_in() {
        let root = tempfile::tempdir().unwrap();
        write_templates(root.path(), "ch11-streams", "ch11").unwrap();
        let test =
            std::fs::read_to_string(root.path().join("crates/ch11-streams/tests/ch11/first.rs"))
                .unwrap();
        assert!(test.starts_with("use ch11_streams::first"), "{test}");
        // Only the harness's record is a verdict: a plain tokio test has none.
        assert!(
            test.contains("#[support::test(") && !test.contains("#[tokio::test"),
            "{test}"
        );
        let solution =
            std::fs::read_to_string(root.path().join("solutions/ch11-streams/Cargo.toml")).unwrap();
        assert!(
            solution.contains("path = \"../../crates/ch11-streams/tests/ch11/main.rs\""),
            "{solution}"
        );
        let manifest =
            Manifest::load(&root.path().join("crates/ch11-streams/exercises.toml")).unwrap();
        assert_eq!(manifest.exercises[0].name, "first");
    }
}
