//! `cargo xtask grade merge`: the shards of one class (`grade --shard K/N`,
//! each on a worker of its own) put back together, into every report
//! format, as if one run had graded the whole class.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use serde::Deserialize;

use super::model::{FORMAT, Grades, Shard};
use super::report;
use crate::ui::Style;

pub fn merge(inputs: &[PathBuf], out: Option<&Path>, style: Style) -> Result<ExitCode> {
    if inputs.is_empty() {
        bail!("usage: cargo xtask grade merge <grades.json or DIR>... [--out DIR]");
    }
    if let Some(out) = out {
        report::check_out(out)?;
    }
    let shards = inputs.iter().map(|p| read(p)).collect::<Result<Vec<_>>>()?;
    let grades = combine(shards)?;
    print!("{}", report::table(&grades, style));
    if let Some(out) = out {
        report::write_all(&grades, out)?;
        println!("\nReports written to {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// A shard's `grades.json`, named itself or by the directory it is in,
/// in the format this runner writes.
pub fn read(path: &Path) -> Result<Grades> {
    let file = if path.is_dir() {
        path.join("grades.json")
    } else {
        path.to_path_buf()
    };
    let text = std::fs::read_to_string(&file)
        .with_context(|| format!("cannot read {}", file.display()))?;
    let not_grades = || format!("{} is not a grades.json", file.display());
    let version: Version = serde_json::from_str(&text).with_context(not_grades)?;
    if version.format != FORMAT {
        bail!(
            "{} is in format {}; this runner reads format {FORMAT}: grade that shard again \
             with the same version of the course",
            file.display(),
            version.format
        );
    }
    serde_json::from_str(&text).with_context(not_grades)
}

/// The one field every format of `grades.json` has.
#[derive(Deserialize)]
struct Version {
    format: u32,
}

/// The whole class, in the order one unsharded run lists it: shard K holds
/// positions K-1, K-1+N, …, so position i is shard i mod N's (i / N)-th.
pub fn combine(mut shards: Vec<Grades>) -> Result<Grades> {
    let first = shards.first().context("no shards given")?;
    let Some(Shard {
        count, class_size, ..
    }) = first.shard
    else {
        bail!("these grades are not from `grade --shard K/N`");
    };
    let mut seen = vec![false; count];
    for grades in &shards {
        let same_class = grades
            .shard
            .is_some_and(|s| s.count == count && s.class_size == class_size);
        let chapters: Vec<&str> = grades.chapters.iter().map(|c| c.id.as_str()).collect();
        let first_chapters: Vec<&str> = first.chapters.iter().map(|c| c.id.as_str()).collect();
        if grades.format != first.format || !same_class || chapters != first_chapters {
            bail!(
                "the shards are not of one class graded the same way (format, chapters, --shard N)"
            );
        }
        let k = grades.shard.map_or(0, |s| s.index);
        if std::mem::replace(&mut seen[k - 1], true) {
            bail!("shard {k}/{count} is given twice");
        }
    }
    if let Some(k) = seen.iter().position(|s| !s) {
        bail!("shard {}/{count} is missing", k + 1);
    }
    shards.sort_by_key(|g| g.shard.map_or(0, |s| s.index));
    let protections = common_protections(&shards);
    let mut queues: Vec<_> = shards
        .iter_mut()
        .map(|g| std::mem::take(&mut g.students).into_iter())
        .collect();
    let students = (0..class_size)
        .map(|i| {
            queues[i % count]
                .next()
                .context("a shard has fewer students than its share")
        })
        .collect::<Result<Vec<_>>>()?;
    let mut merged = shards.swap_remove(0);
    merged.students = students;
    merged.shard = None;
    merged.isolation.protections = protections;
    Ok(merged)
}

/// A protection was in force for the class only if it was on every shard.
fn common_protections(shards: &[Grades]) -> Vec<super::sandbox::Protection> {
    let mut merged = shards[0].isolation.protections.clone();
    for shard in &shards[1..] {
        for p in &mut merged {
            let other = shard
                .isolation
                .protections
                .iter()
                .find(|o| o.name == p.name);
            if let Some(other) = other.filter(|o| !o.in_force) {
                p.in_force = false;
                p.detail = other.detail.clone();
            }
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_of_another_format_is_refused_in_one_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("grades.json");
        std::fs::write(&file, r#"{"format": 1, "students": []}"#).unwrap();
        let error = format!("{:#}", read(&file).unwrap_err());
        let ours = format!("reads format {FORMAT}");
        assert!(
            error.contains("is in format 1") && error.contains(&ours),
            "{error}"
        );
        assert_eq!(error.lines().count(), 1, "{error}");
    }
}
