//! `cargo xtask hint <chapter> [exercise]`: progressive hints, one more
//! each time it is asked.

use anyhow::Result;

use crate::course::Course;
use crate::state::{State, sources_key};
use crate::ui::{Style, indent};

pub fn hint(course: &Course, chapter: &str, exercise: Option<&str>, style: Style) -> Result<()> {
    let chapter = course.chapter(chapter)?;
    let mut state = State::load(&course.root);
    let exercise = match exercise {
        Some(name) => chapter.exercise(name)?,
        None => {
            // The exercise `check` last pointed at, or the first one.
            let key = sources_key(&course.crate_dir(chapter));
            let next = state
                .fresh_progress(&chapter.id, key)
                .and_then(|p| p.next.clone());
            let name = next.unwrap_or_else(|| chapter.manifest.exercises[0].name.clone());
            chapter.exercise(&name)?
        }
    };
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

/// Wraps text at word boundaries to lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> String {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().unwrap();
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
    }
}
