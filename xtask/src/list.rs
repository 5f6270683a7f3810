//! `cargo xtask list`: every chapter with its progress.
//!
//! A chapter's progress is cached until its files change. The chapters
//! that need a run are first built together, in one cargo run that
//! compiles them side by side, with a progress line; then each one's tests
//! run, and its line is printed as soon as it is known.

use anyhow::Result;

use crate::check::{progress_of, run_student};
use crate::course::{Chapter, Course};
use crate::runner::{self, BuildSetup};
use crate::state::{State, sources_key};
use crate::ui::{self, Style};

pub fn list(course: &Course, style: Style) -> Result<()> {
    let state = State::load(&course.root);
    let cached: Vec<_> = course
        .chapters
        .iter()
        .map(|c| {
            let key = sources_key(&course.crate_dir(c));
            (key, state.fresh_progress(&c.id, key).cloned())
        })
        .collect();
    let stale: Vec<&Chapter> = course
        .chapters
        .iter()
        .zip(&cached)
        .filter(|(_, (_, progress))| progress.is_none())
        .map(|(c, _)| c)
        .collect();
    if stale.len() > 1 {
        build_together(course, &stale, style);
    }
    // Bars as wide as the longest chapter's, so the titles line up.
    let widest = course
        .chapters
        .iter()
        .map(|c| c.manifest.exercises.len())
        .max()
        .unwrap_or(0);
    for (chapter, (key, progress)) in course.chapters.iter().zip(cached) {
        let progress = match progress {
            Some(progress) => progress,
            None => {
                let run = run_student(course, chapter, None, style)?;
                progress_of(key, &run.verdicts(chapter))
            }
        };
        let bar = format!(
            "{}{}{}",
            "■".repeat(progress.done),
            "□".repeat(progress.total - progress.done),
            " ".repeat(widest.saturating_sub(progress.total))
        );
        let bar = if progress.done == progress.total {
            style.green(&bar)
        } else {
            bar
        };
        println!(
            "  {}  {:<14} {:>2}/{:<2} {bar}  {}",
            style.bold(&chapter.id),
            chapter.slug,
            progress.done,
            progress.total,
            style.dim(&chapter.manifest.title)
        );
    }
    for (dir, error) in &course.broken {
        println!("  {}  {}", style.red(dir), error);
    }
    Ok(())
}

/// Compiles the chapters side by side, so that each one's own run finds
/// its build done. What fails here is built (and salvaged) on its own.
fn build_together(course: &Course, chapters: &[&Chapter], style: Style) {
    let dirs: Vec<_> = chapters.iter().map(|c| course.crate_dir(c)).collect();
    let packages: Vec<(&str, &std::path::Path)> = chapters
        .iter()
        .zip(&dirs)
        .map(|(c, dir)| (c.package(), dir.as_path()))
        .collect();
    let setup = BuildSetup {
        target_dir: Some(course.target_dir()),
        ..BuildSetup::default()
    };
    let progress = ui::Progress::new(&format!("building {} chapters", chapters.len()));
    let _ = runner::build_many(
        &course.root,
        &packages,
        style.color,
        &setup,
        &mut progress.compiled(),
    );
    progress.clear();
}
