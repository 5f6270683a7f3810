//! `cargo xtask hint <chapter> [exercise]`: progressive hints, one more
//! each time it is asked.

use anyhow::Result;

use crate::check::{first_unfinished, progress_of, run_student};
use crate::course::{Chapter, Course};
use crate::manifest::Exercise;
use crate::state::{State, sources_key};
use crate::ui::{Style, indent, wrap};

/// The next hint of `exercise`; without it, of the chapter's first
/// unfinished exercise; without a chapter, of the exercise the student is on.
pub fn hint(
    course: &Course,
    chapter: Option<&str>,
    exercise: Option<&str>,
    style: Style,
) -> Result<()> {
    let chapter = match chapter {
        Some(query) => course.chapter(query)?,
        None => match first_unfinished(course) {
            Some(chapter) => chapter,
            None => {
                println!("Every chapter is complete: name one to read its hints again.");
                return Ok(());
            }
        },
    };
    let exercise = match exercise {
        Some(name) => chapter.exercise(name)?,
        None => match current_exercise(course, chapter, style)? {
            Some(exercise) => exercise,
            None => {
                println!(
                    "{} is complete: name an exercise to read its hints again.",
                    chapter.id
                );
                return Ok(());
            }
        },
    };
    let mut state = State::load(&course.root);
    let id = format!("{}/{}", chapter.id, exercise.name);
    let total = exercise.hints.len();
    let shown = (state.hints.get(&id).copied().unwrap_or(0) + 1).min(total);
    println!(
        "{} {} — {}",
        style.bold(&chapter.id),
        exercise.name,
        exercise.title
    );
    for (i, text) in exercise.hints.iter().take(shown).enumerate() {
        println!("\n  {}", style.bold(&format!("Hint {} of {total}", i + 1)));
        println!("{}", indent(&wrap(text, 76), 4));
    }
    if shown < total {
        println!("\n  {}", style.dim("Ask again for the next hint."));
    }
    state.hints.insert(id, shown);
    // Remembering is a convenience: failing to save must not hide the hint.
    let _ = state.save(&course.root);
    Ok(())
}

/// The chapter's first unfinished exercise: from the last check when the
/// files have not changed since, else from a run of its tests now.
fn current_exercise<'c>(
    course: &Course,
    chapter: &'c Chapter,
    style: Style,
) -> Result<Option<&'c Exercise>> {
    let key = sources_key(&course.crate_dir(chapter));
    let saved = State::load(&course.root)
        .fresh_progress(&chapter.id, key)
        .cloned();
    let progress = match saved {
        Some(progress) => progress,
        None => {
            let run = run_student(course, chapter, None, style)?;
            progress_of(key, &run.verdicts(chapter))
        }
    };
    Ok(progress
        .next
        .and_then(|name| chapter.manifest.exercise(&name)))
}
