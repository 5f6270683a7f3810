//! Every report format, each written from the same `Grades`: the terminal
//! table, JSON, CSV, JUnit XML, Markdown, HTML, Gradescope and GitHub
//! Classroom.

use std::fmt::Write as _;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::json;

use super::model::{ChapterGrade, ChapterStatus, Grades, Student, TestGrade};
use crate::ui::Style;

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
    write("grades.json", serde_json::to_string_pretty(grades)? + "\n")?;
    write("grades.csv", csv(grades))?;
    write("junit.xml", junit(grades))?;
    write("grades.md", markdown(grades))?;
    write("grades.html", super::html::html(grades))?;
    std::fs::create_dir(out.join("gradescope"))?;
    std::fs::create_dir(out.join("classroom"))?;
    for (student, name) in grades.students.iter().zip(file_names(grades)) {
        std::fs::create_dir(out.join("gradescope").join(&name))?;
        write(
            &format!("gradescope/{name}/results.json"),
            gradescope(grades, student),
        )?;
        write(
            &format!("classroom/{name}.json"),
            classroom(grades, student),
        )?;
    }
    // One submission is how the platforms grade: one job per student.
    if let [only] = grades.students.as_slice() {
        write("results.json", gradescope(grades, only))?;
        write("classroom.json", classroom(grades, only))?;
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

/// The terminal table: students × chapters with totals, then what needs a
/// human's eye.
pub fn table(grades: &Grades, style: Style) -> String {
    let mut header = vec!["student".to_string()];
    header.extend(
        grades
            .chapters
            .iter()
            .map(|c| format!("{} /{}", c.id, points(c.max))),
    );
    header.push("total".into());
    let mut rows = vec![header];
    for s in &grades.students {
        let mut row = vec![s.id.clone()];
        row.extend(s.chapters.iter().map(cell));
        row.push(format!("{} / {}", points(s.score), points(s.max)));
        rows.push(row);
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (n, row) in rows.iter().enumerate() {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(text, w)| format!("{text:<w$}"))
            .collect();
        let line = line.join("  ").trim_end().to_string();
        let _ = writeln!(out, "{}", if n == 0 { style.bold(&line) } else { line });
    }
    out.push_str(&attention(grades));
    out
}

/// Bad inputs, ignored files, flags and notes, one student at a time.
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

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One row per student: a score column per chapter, then the totals.
pub fn csv(grades: &Grades) -> String {
    let mut header = vec!["student".to_string()];
    header.extend(grades.chapters.iter().map(|c| c.id.clone()));
    header.extend(["total", "max", "flags", "ignored_files", "error"].map(String::from));
    let mut out = header.join(",") + "\n";
    for s in &grades.students {
        let mut row = vec![csv_field(&s.id)];
        row.extend(s.chapters.iter().map(|c| points(c.score)));
        row.push(points(s.score));
        row.push(points(s.max));
        row.push(s.flags.len().to_string());
        row.push(s.ignored.len().to_string());
        row.push(csv_field(s.error.as_deref().unwrap_or("")));
        out.push_str(&(row.join(",") + "\n"));
    }
    out
}

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 has no way to write most control characters.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// One `<testsuite>` per chapter; each student's tests are its test cases,
/// with the student as the class name.
pub fn junit(grades: &Grades) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"awaitlings\">\n",
    );
    // Which protections were in force, as each suite's properties.
    let mut properties = String::from("    <properties>\n");
    for p in &grades.isolation.protections {
        let _ = writeln!(
            properties,
            "      <property name=\"protection.{}\" value=\"{}\"/>",
            xml(&p.name),
            if p.in_force { "in force" } else { "missing" }
        );
    }
    properties.push_str("    </properties>\n");
    for (c, chapter) in grades.chapters.iter().enumerate() {
        let cases: Vec<(&Student, &TestGrade)> = grades
            .students
            .iter()
            .flat_map(|s| {
                s.chapters[c]
                    .exercises
                    .iter()
                    .flat_map(move |e| e.tests.iter().map(move |t| (s, t)))
            })
            .collect();
        let failures = cases.iter().filter(|(_, t)| t.outcome != "passed").count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
            xml(&chapter.id),
            cases.len()
        );
        out.push_str(&properties);
        for (student, test) in cases {
            junit_case(&mut out, student, &chapter.id, test);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn junit_case(out: &mut String, student: &Student, chapter: &str, test: &TestGrade) {
    let _ = write!(
        out,
        "    <testcase classname=\"{}.{}\" name=\"{}\"",
        xml(&student.id),
        xml(chapter),
        xml(&test.name)
    );
    if test.outcome == "passed" {
        out.push_str("/>\n");
    } else {
        let _ = write!(
            out,
            ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
            xml(&test.outcome),
            xml(&test.message)
        );
    }
}

/// A table like the terminal's, then each student's details.
pub fn markdown(grades: &Grades) -> String {
    let mut out = String::from("# Grades\n\n| student |");
    for c in &grades.chapters {
        let _ = write!(out, " {} (/{}) |", c.id, points(c.max));
    }
    out.push_str(" total |\n|---|");
    out.push_str(&"---:|".repeat(grades.chapters.len() + 1));
    out.push('\n');
    for s in &grades.students {
        let _ = write!(out, "| {} |", md(&s.id));
        for c in &s.chapters {
            let _ = write!(out, " {} |", cell(c));
        }
        let _ = writeln!(out, " {} / {} |", points(s.score), points(s.max));
    }
    let details = attention(grades);
    if !details.trim().is_empty() {
        let _ = write!(out, "\n## For a closer look\n\n```text{details}```\n");
    }
    out
}

fn md(text: &str) -> String {
    text.replace('|', "\\|")
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

fn in_force(grades: &Grades) -> Vec<&str> {
    let protections = &grades.isolation.protections;
    protections
        .iter()
        .filter(|p| p.in_force)
        .map(|p| p.name.as_str())
        .collect()
}

/// Gradescope's `results.json`: the total, and one entry per test.
pub fn gradescope(grades: &Grades, student: &Student) -> String {
    let mut tests = Vec::new();
    for chapter in &student.chapters {
        for exercise in &chapter.exercises {
            for test in &exercise.tests {
                let mut output = test.message.clone();
                if chapter.status == ChapterStatus::DoesNotCompile {
                    output = format!("{} does not compile.", chapter.id);
                }
                tests.push(json!({
                    "name": format!("{} {}", chapter.id, test.name),
                    "score": test.score,
                    "max_score": test.max,
                    "status": if test.outcome == "passed" { "passed" } else { "failed" },
                    "output": output,
                }));
            }
        }
    }
    let results = json!({
        "score": student.score,
        "output": student_output(student),
        "tests": tests,
        "extra_data": { "protections_in_force": in_force(grades) },
    });
    serde_json::to_string_pretty(&results).unwrap_or_default() + "\n"
}

/// What the student sees above the tests: why a chapter scored nothing.
fn student_output(student: &Student) -> String {
    let mut out = format!(
        "{} of {} points.\n",
        points(student.score),
        points(student.max)
    );
    if let Some(error) = &student.error {
        let _ = writeln!(out, "Your submission could not be graded: {error}");
    }
    for chapter in &student.chapters {
        if let Some(errors) = &chapter.compile_errors {
            let _ = writeln!(out, "\n{} does not compile:\n{errors}", chapter.id);
        }
        if chapter.status == ChapterStatus::Missing {
            let _ = writeln!(out, "{}: no sources found in the submission.", chapter.id);
        }
    }
    for ignored in &student.ignored {
        let _ = writeln!(out, "ignored, {}: {}", ignored.why, ignored.path);
    }
    out
}

/// The result GitHub Classroom's grading reporter reads (base64-encoded, as
/// a step output): it adds up `score` over `tests`, one per exercise here.
pub fn classroom(grades: &Grades, student: &Student) -> String {
    let mut tests = Vec::new();
    for chapter in &student.chapters {
        for exercise in &chapter.exercises {
            let passed = exercise
                .tests
                .iter()
                .filter(|t| t.outcome == "passed")
                .count();
            let done = exercise.score >= exercise.max;
            let first_problem = exercise.tests.iter().find(|t| t.outcome != "passed");
            let message = match (chapter.status, first_problem) {
                (ChapterStatus::DoesNotCompile, _) => format!("{} does not compile", chapter.id),
                (_, Some(t)) => format!("{}: {} {}", t.name, t.outcome, t.message),
                (_, None) => String::new(),
            };
            tests.push(json!({
                "name": format!("{} {} ({passed}/{} tests)", chapter.id, exercise.name, exercise.tests.len()),
                "status": if done { "pass" } else { "fail" },
                "score": exercise.score,
                "message": message,
                "test_code": format!("cargo xtask grade ({})", chapter.id),
                "filename": "",
                "line_no": 0,
                "execution_time": "0ms",
            }));
        }
    }
    let status = if student.error.is_some() {
        "error"
    } else if student.score >= student.max {
        "pass"
    } else {
        "fail"
    };
    let result = json!({
        "version": 1,
        "status": status,
        "max_score": student.max,
        "tests": tests,
        "protections_in_force": in_force(grades),
    });
    serde_json::to_string_pretty(&result).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_unique() {
        let grades: Grades = serde_json::from_value(json!({
            "format": 1, "chapters": [], "skipped_chapters": [],
            "isolation": {"network": true, "network_note": null,
                "test_limits": super::super::sandbox::Limits::test(),
                "build_limits": super::super::sandbox::Limits::build()},
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

    #[test]
    fn text_is_escaped_for_each_format() {
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(
            xml("<a & 'b'>\u{1b}"),
            "&lt;a &amp; &apos;b&apos;&gt;\u{FFFD}"
        );
        assert_eq!(md("a|b"), "a\\|b");
    }
}
