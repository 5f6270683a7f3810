//! `cargo xtask reset <chapter> [exercise]`: put a stub back, after saving
//! what it replaces.
//!
//! The stub is today's, as the course ships it (see [`crate::stubs`]): the
//! hand-out's own copy, or the committed file in the maintainers'
//! repository. Whatever is in the file now is first copied under
//! `.awaitlings/backups/<time>/`, so a reset never loses work.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};

use crate::course::Course;
use crate::manifest::Exercise;
use crate::stubs::Stubs;

pub fn reset(course: &Course, chapter: &str, exercise: Option<&str>) -> Result<()> {
    let chapter = course.chapter(chapter)?;
    let exercises: Vec<&Exercise> = match exercise {
        Some(name) => vec![chapter.exercise(name)?],
        None => chapter.manifest.exercises.iter().collect(),
    };
    let stubs = Stubs::of(course)?;
    let mut changes = Vec::new();
    for exercise in exercises {
        let relative = format!("crates/{}/{}", chapter.dir_name, exercise.source());
        let stub = stubs.get(&relative)?;
        let path = course.root.join(&relative);
        if std::fs::read(&path).ok().as_ref() != Some(&stub) {
            changes.push((path, relative, stub));
        }
    }
    if changes.is_empty() {
        println!("Nothing to reset: the files are already the stubs.");
        return Ok(());
    }
    let backup = new_backup_dir(&course.root)?;
    for (path, relative, stub) in &changes {
        if path.exists() {
            let saved = backup.join(relative);
            std::fs::create_dir_all(saved.parent().unwrap())?;
            std::fs::copy(path, &saved).with_context(|| format!("cannot back up {relative}"))?;
        }
        std::fs::write(path, stub).with_context(|| format!("cannot write {relative}"))?;
        println!("reset {relative}");
    }
    println!(
        "Your versions are saved in {}",
        backup.strip_prefix(&course.root)?.display()
    );
    Ok(())
}

/// A backup directory of its own, even for two resets in one second.
fn new_backup_dir(root: &Path) -> Result<PathBuf> {
    let backups = root.join(".awaitlings").join("backups");
    std::fs::create_dir_all(&backups)?;
    let stamp = timestamp();
    for n in 0.. {
        let name = match n {
            0 => stamp.clone(),
            n => format!("{stamp}-{n}"),
        };
        let dir = backups.join(name);
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e).context("cannot create the backup directory"),
        }
    }
    unreachable!("some name is free")
}

/// The current UTC time as `2026-11-25T03-20-05`: sorts, and names a directory.
fn timestamp() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_date(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}-{:02}-{:02}",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
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
