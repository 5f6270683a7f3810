//! `cargo xtask list`: every chapter with its progress.

use anyhow::Result;

use crate::check::{progress_of, run_student};
use crate::course::Course;
use crate::state::{State, sources_key};
use crate::status::verdicts;
use crate::ui::Style;

pub fn list(course: &Course, style: Style) -> Result<()> {
    for chapter in &course.chapters {
        let key = sources_key(&course.crate_dir(chapter));
        let cached = State::load(&course.root)
            .fresh_progress(&chapter.id, key)
            .cloned();
        let progress = match cached {
            Some(progress) => progress,
            None => {
                let run = run_student(course, chapter, style)?;
                progress_of(key, &verdicts(&chapter.manifest, &run))
            }
        };
        let bar = format!(
            "{}{}",
            "■".repeat(progress.done),
            "□".repeat(progress.total - progress.done)
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
