//! Every report format, each written from the same `Grades` by a file of
//! its own: the terminal table, JSON, CSV, JUnit XML, Markdown, HTML,
//! Gradescope and GitHub Classroom. Here: writing them safely, and what
//! several formats share.

mod classroom;
mod csv;
mod gradescope;
mod html;
mod json;
mod junit;
mod markdown;
mod table;

use std::fmt::Write as _;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::model::{ChapterGrade, ChapterStatus, Grades};
pub use table::table;

/// `out` must be a directory this run makes: nothing in it can have been
/// put there beforehand (a symlink to a file to overwrite, say).
pub fn check_out(out: &Path) -> Result<()> {
    if out.symlink_metadata().is_ok() {
        bail!(
            "{} already exists: reports go into a new directory (choose another --out)",
            out.display()
        );
    }
    Ok(())
}

/// Writes every file format into `out`, a new directory: each file is
/// created afresh (`O_EXCL | O_NOFOLLOW`), in directories made here.
pub fn write_all(grades: &Grades, out: &Path) -> Result<()> {
    check_out(out)?;
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::create_dir(out).with_context(|| format!("cannot create {}", out.display()))?;
    let write = |name: &str, text: String| -> Result<()> {
        let path = out.join(name);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .custom_flags(libc::O_NOFOLLOW)
            .mode(0o644)
            .open(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        file.write_all(text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))
    };
    write("grades.json", json::json(grades)?)?;
    write("grades.csv", csv::csv(grades))?;
    write("junit.xml", junit::junit(grades))?;
    write("grades.md", markdown::markdown(grades))?;
    write("grades.html", html::html(grades))?;
    std::fs::create_dir(out.join("gradescope"))?;
    std::fs::create_dir(out.join("classroom"))?;
    for (student, name) in grades.students.iter().zip(file_names(grades)) {
        std::fs::create_dir(out.join("gradescope").join(&name))?;
        write(
            &format!("gradescope/{name}/results.json"),
            gradescope::gradescope(grades, student),
        )?;
        write(
            &format!("classroom/{name}.json"),
            classroom::classroom(grades, student),
        )?;
    }
    // One submission is how the platforms grade: one job per student.
    if let [only] = grades.students.as_slice() {
        write("results.json", gradescope::gradescope(grades, only))?;
        write("classroom.json", classroom::classroom(grades, only))?;
    }
    Ok(())
}

/// Each student's file name: the id with anything but letters, digits and
/// `-_.` replaced, never starting with a dot, at most 100 characters, and
/// unique (ignoring case) with `-2`, `-3`, … in class order.
pub fn file_names(grades: &Grades) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    grades
        .students
        .iter()
        .map(|s| {
            let base = file_safe(&s.id);
            let mut name = base.clone();
            let mut n = 1;
            while !taken.insert(name.to_lowercase()) {
                n += 1;
                name = format!("{base}-{n}");
            }
            name
        })
        .collect()
}

fn file_safe(id: &str) -> String {
    let safe: String = id
        .chars()
        .take(100)
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    match safe.strip_prefix('.') {
        Some(rest) => format!("_{rest}"),
        None if safe.is_empty() => "_".to_string(),
        None => safe,
    }
}

/// `12.5` and `10`, not `12.500000` or `10.0`.
fn points(x: f64) -> String {
    let text = format!("{x:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A chapter's cell in the tables: its score, or why it has none.
fn cell(chapter: &ChapterGrade) -> String {
    match chapter.status {
        ChapterStatus::Graded => points(chapter.score),
        ChapterStatus::Missing => "missing".into(),
        ChapterStatus::DoesNotCompile => "0 (does not compile)".into(),
        ChapterStatus::NotGraded => "—".into(),
    }
}

/// Skipped chapters, the protections, then bad inputs, ignored files,
/// flags and notes, one student at a time: what needs a human's eye.
fn attention(grades: &Grades) -> String {
    let mut out = String::new();
    for (chapter, why) in &grades.skipped_chapters {
        let why = why.lines().next().unwrap_or("");
        let _ = writeln!(
            out,
            "\nNot graded: {chapter}, the course's own copy does not build ({why})."
        );
    }
    out.push_str(&protections(grades));
    for s in &grades.students {
        let mut lines = Vec::new();
        if let Some(error) = &s.error {
            lines.push(format!("not graded: {error}"));
        }
        lines.extend(s.notes.iter().cloned());
        lines.extend(
            s.ignored
                .iter()
                .map(|i| format!("ignored, {}: {}", i.why, i.path)),
        );
        lines.extend(
            s.flags
                .iter()
                .map(|f| format!("flagged {}: {} ({})", f.place, f.why, f.line)),
        );
        if !lines.is_empty() {
            let _ = writeln!(out, "\n{}:", s.id);
            for line in lines {
                let _ = writeln!(out, "  {line}");
            }
        }
    }
    out
}

/// Which protections were in force while grading, one line each.
fn protections(grades: &Grades) -> String {
    let mut out = String::from("\nProtections:\n");
    for p in &grades.isolation.protections {
        let mark = if p.in_force { "in force" } else { "MISSING" };
        let _ = writeln!(out, "  {}: {mark}: {}", p.name, p.detail);
    }
    out
}

/// The names of the protections in force, for the platforms' files.
fn in_force(grades: &Grades) -> Vec<&str> {
    let protections = &grades.isolation.protections;
    protections
        .iter()
        .filter(|p| p.in_force)
        .map(|p| p.name.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::grade::model::FORMAT;
    use crate::grade::sandbox::Limits;

    #[test]
    fn file_names_are_safe_and_unique() {
        let grades: Grades = serde_json::from_value(json!({
            "format": FORMAT, "chapters": [], "skipped_chapters": [],
            "isolation": {"network": true, "network_note": null,
                "test_limits": Limits::test(), "build_limits": Limits::build()},
            "students": (["col x", "col_x", "COL_X", "..", "", "a/b"].iter().map(|id| json!({
                "id": id, "source": "", "kind": "directory", "error": null, "score": 0.0,
                "max": 0.0, "chapters": [], "ignored": [], "flags": [], "notes": []
            })).collect::<Vec<_>>()),
        }))
        .unwrap();
        assert_eq!(
            file_names(&grades),
            ["col_x", "col_x-2", "COL_X-3", "_.", "_", "a_b"]
        );
    }

    #[test]
    fn points_drop_needless_decimals() {
        assert_eq!(points(10.0), "10");
        assert_eq!(points(12.5), "12.5");
        assert_eq!(points(1.0 / 3.0), "0.33");
    }
}
