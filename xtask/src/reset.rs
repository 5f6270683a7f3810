//! `cargo xtask reset <chapter> [exercise]`: put a stub back, after saving
//! what it replaces.
//!
//! The stub is taken from git history: the version of the file in the commit
//! that first added it, which is how the hand-out brought it. Whatever is in
//! the file now is first copied under `.awaitlings/backups/<time>/`, so a
//! reset never loses work.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};

use crate::course::Course;
use crate::manifest::Exercise;

pub fn reset(course: &Course, chapter: &str, exercise: Option<&str>) -> Result<()> {
    let chapter = course.chapter(chapter)?;
    let exercises: Vec<&Exercise> = match exercise {
        Some(name) => vec![chapter.exercise(name)?],
        None => chapter.manifest.exercises.iter().collect(),
    };
    let crate_dir = course.crate_dir(chapter);
    let mut changes = Vec::new();
    for exercise in exercises {
        let path = crate_dir.join(exercise.source());
        let relative = path.strip_prefix(&course.root)?.to_path_buf();
        let stub = original(&course.root, &relative)?;
        let current = std::fs::read(&path).unwrap_or_default();
        if current != stub {
            changes.push((relative, stub));
        }
    }
    if changes.is_empty() {
        bail!("nothing to reset: the files are already the stubs");
    }
    let backup = course.root.join(".awaitlings/backups").join(timestamp());
    for (relative, stub) in &changes {
        let path = course.root.join(relative);
        if path.exists() {
            let saved = backup.join(relative);
            std::fs::create_dir_all(saved.parent().unwrap())?;
            std::fs::copy(&path, &saved)
                .with_context(|| format!("cannot back up {}", relative.display()))?;
        }
        std::fs::write(&path, stub)?;
        println!("reset {}", relative.display());
    }
    println!(
        "Your versions are saved in {}",
        backup.strip_prefix(&course.root)?.display()
    );
    Ok(())
}

/// The file as the commit that added it had it.
fn original(root: &Path, relative: &Path) -> Result<Vec<u8>> {
    let git = |args: &[&str]| -> Result<Vec<u8>> {
        let output = Command::new("git")
            .current_dir(root)
            .args(args)
            .output()
            .context("cannot run git")?;
        if !output.status.success() {
            bail!("{}", String::from_utf8_lossy(&output.stderr).trim());
        }
        Ok(output.stdout)
    };
    let file = relative.to_string_lossy();
    let added = git(&["log", "--diff-filter=A", "--format=%H", "--", &file])
        .context("reset needs the course's git history to find the stub")?;
    let added = String::from_utf8_lossy(&added);
    let Some(commit) = added.lines().last() else {
        bail!("git has no history of {file}, so its stub cannot be found");
    };
    git(&["show", &format!("{commit}:{file}")])
}

/// The current UTC time as `2026-11-25T03-20-05`: sorts, and names a directory.
fn timestamp() -> PathBuf {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_date(days as i64);
    PathBuf::from(format!(
        "{year:04}-{month:02}-{day:02}T{:02}-{:02}-{:02}",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    ))
}

/// Year, month and day of a count of days since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_date(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::civil_date;

    #[test]
    fn dates_are_civil() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(20_417), (2025, 11, 25));
        assert_eq!(civil_date(11_016), (2000, 2, 29));
    }
}
