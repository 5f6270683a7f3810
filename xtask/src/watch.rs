//! `cargo xtask watch [chapter]`: check again on every save.
//!
//! File events come from `notify`, debounced so that an editor's burst of
//! writes makes one check. On a terminal, keys act at once (the terminal
//! reads single keys while a key is awaited, and output is left as it is);
//! elsewhere, a key and Enter. Where file events never arrive (some network
//! file systems and containers), Enter checks by hand. Nothing stops the
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
const QUIT: char = 'q';
const ENTER: char = '\n';

enum Event {
    Saved,
    /// A key, lower-cased; Enter is `ENTER`.
    Key(char),
    InputClosed,
}

pub fn watch(course: &Course, query: Option<&str>, style: Style) -> Result<ExitCode> {
    let mut chapter = match query {
        Some(query) => course.chapter(query)?,
        None => first_unfinished(course).unwrap_or(&course.chapters[0]),
    };
    let (events, inbox) = channel();
    let mut watcher = start_watcher(events.clone());
    let single_keys = std::io::stdin().is_terminal() && console::Term::stdout().is_term();
    read_keys(events, single_keys);
    let mut watched = None;
    loop {
        if watched != Some(&chapter.id) {
            watched = Some(&chapter.id);
            watch_sources(&mut watcher, course, chapter);
        }
        clear_screen();
        let complete = check_chapter(course, chapter, None, style).unwrap_or_else(|error| {
            println!("error: {error:#}");
            false
        });
        let next = next_chapter(course, chapter);
        let press = if single_keys { "Press" } else { "Type" };
        if complete {
            match next {
                Some(next) => println!("{press} n to go on to {} ({}).", next.id, next.slug),
                None => println!("That was the last chapter."),
            }
        }
        print_footer(course, chapter, watcher.is_some(), single_keys, style);
        match wait(&inbox) {
            Event::Saved => {}
            Event::InputClosed | Event::Key(QUIT) => return Ok(ExitCode::SUCCESS),
            Event::Key('n') => chapter = next.unwrap_or(chapter),
            Event::Key('h') => {
                clear_screen();
                if let Err(error) = hint(course, Some(&chapter.id), None, style) {
                    println!("error: {error:#}");
                }
                println!("\n{press} any key (or save) to check again.");
                if let Event::InputClosed | Event::Key(QUIT) = wait(&inbox) {
                    return Ok(ExitCode::SUCCESS);
                }
            }
            Event::Key(_) => {}
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

/// Keys become events: single keys on a terminal, else the first letter
/// of each line typed. Reading stops at `q`, so the terminal is never left
/// reading single keys after the program ends (Ctrl+C puts it back too).
fn read_keys(events: Sender<Event>, single_keys: bool) {
    std::thread::spawn(move || {
        let mut keys: Box<dyn Iterator<Item = char>> = match single_keys {
            true => Box::new(single_key_presses()),
            false => Box::new(line_keys()),
        };
        for key in keys.by_ref() {
            if events.send(Event::Key(key)).is_err() || key == QUIT {
                return;
            }
        }
        let _ = events.send(Event::InputClosed);
    });
}

fn single_key_presses() -> impl Iterator<Item = char> {
    let term = console::Term::stdout();
    std::iter::from_fn(move || {
        loop {
            match term.read_key().ok()? {
                console::Key::Char(c) => return Some(c.to_ascii_lowercase()),
                console::Key::Enter => return Some(ENTER),
                console::Key::Escape => return Some(QUIT),
                _ => {}
            }
        }
    })
}

fn line_keys() -> impl Iterator<Item = char> {
    std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .map(|line| line.trim().to_lowercase().chars().next().unwrap_or(ENTER))
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

fn print_footer(
    course: &Course,
    chapter: &Chapter,
    watching: bool,
    single_keys: bool,
    style: Style,
) {
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
    let keys = match single_keys {
        true => "Keys: h hint · n next chapter · q quit · Enter check again",
        false => "Keys (then Enter): h hint · n next chapter · q quit · Enter check again",
    };
    println!("{}", style.dim(keys));
}
