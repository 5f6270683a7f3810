//! `cargo xtask watch [chapter]`: check again on every save.
//!
//! File events come from `notify`, debounced so that an editor's burst of
//! writes makes one check. Where events never arrive (some network file
//! systems and containers), pressing Enter checks by hand. Nothing stops the
//! loop but `q`: a compile error or a hanging test is just another report.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use anyhow::Result;
use notify::{RecursiveMode, Watcher};

use crate::check::{check_chapter, first_unfinished};
use crate::course::{Chapter, Course};
use crate::hint::hint;
use crate::ui::Style;

const DEBOUNCE: Duration = Duration::from_millis(200);

enum Event {
    Saved,
    Key(String),
    InputClosed,
}

pub fn watch(course: &Course, query: Option<&str>, style: Style) -> Result<ExitCode> {
    let mut chapter = match query {
        Some(query) => course.chapter(query)?,
        None => first_unfinished(course).unwrap_or(&course.chapters[0]),
    };
    let (events, inbox) = channel();
    let mut watcher = start_watcher(events.clone());
    read_keys(events);
    let mut watched = None;
    loop {
        if watched != Some(&chapter.id) {
            watched = Some(&chapter.id);
            watch_sources(&mut watcher, course, chapter);
        }
        clear_screen();
        let complete = check_chapter(course, chapter, style).unwrap_or_else(|error| {
            println!("error: {error:#}");
            false
        });
        let next = next_chapter(course, chapter);
        if complete {
            match next {
                Some(next) => {
                    println!("Press n and Enter to go on to {} ({}).", next.id, next.slug)
                }
                None => println!("That was the last chapter."),
            }
        }
        print_footer(course, chapter, watcher.is_some(), style);
        match wait(&inbox) {
            Event::Saved => {}
            Event::InputClosed => return Ok(ExitCode::SUCCESS),
            Event::Key(key) => match key.as_str() {
                "q" => return Ok(ExitCode::SUCCESS),
                "n" => chapter = next.unwrap_or(chapter),
                "h" => {
                    clear_screen();
                    hint(course, &chapter.id, None, style)?;
                    println!("\nPress Enter to check again.");
                    wait(&inbox);
                }
                _ => {}
            },
        }
    }
}

/// A file watcher feeding `events`, or `None` where the system gives none.
fn start_watcher(events: Sender<Event>) -> Option<notify::RecommendedWatcher> {
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| e.kind.is_modify() || e.kind.is_create() || e.kind.is_remove()) {
            let _ = events.send(Event::Saved);
        }
    });
    watcher.ok()
}

/// Watches the chapter's `src/` only: the student's files.
fn watch_sources(
    watcher: &mut Option<notify::RecommendedWatcher>,
    course: &Course,
    chapter: &Chapter,
) {
    if let Some(active) = watcher {
        let src = course.crate_dir(chapter).join("src");
        if active.watch(&src, RecursiveMode::Recursive).is_err() {
            *watcher = None;
        }
    }
}

/// Lines typed on standard input become key events.
fn read_keys(events: Sender<Event>) {
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if events.send(Event::Key(line.trim().to_lowercase())).is_err() {
                return;
            }
        }
        let _ = events.send(Event::InputClosed);
    });
}

/// The next event, with a burst of saves folded into one.
fn wait(inbox: &Receiver<Event>) -> Event {
    let event = inbox.recv().unwrap_or(Event::InputClosed);
    if let Event::Saved = event {
        while inbox.recv_timeout(DEBOUNCE).is_ok() {}
    }
    event
}

fn next_chapter<'a>(course: &'a Course, chapter: &Chapter) -> Option<&'a Chapter> {
    let at = course.chapters.iter().position(|c| c.id == chapter.id)?;
    course.chapters.get(at + 1)
}

fn clear_screen() {
    if std::io::stdout().is_terminal() {
        print!("\x1b[2J\x1b[H");
    }
}

fn print_footer(course: &Course, chapter: &Chapter, watching: bool, style: Style) {
    let src = course.crate_dir(chapter).join("src");
    let src = src
        .strip_prefix(&course.root)
        .unwrap_or(&src)
        .display()
        .to_string();
    let how = if watching {
        format!("Watching {src}: save a file to check again.")
    } else {
        format!("File events are not available here: press Enter to check {src} again.")
    };
    println!("\n{}", style.dim(&how));
    println!(
        "{}",
        style.dim("Keys (then Enter): h hint · n next chapter · q quit · Enter check again")
    );
}
