//! Terminal output: colour when it is a terminal, plain otherwise, and a
//! progress line while a chapter builds and its tests run.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::runner::{Kind, Launcher};

#[derive(Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    pub fn detect() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: std::io::stdout().is_terminal() && !no_color,
        }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    pub fn green(self, text: &str) -> String {
        self.paint("32", text)
    }

    pub fn red(self, text: &str) -> String {
        self.paint("31", text)
    }

    pub fn yellow(self, text: &str) -> String {
        self.paint("33", text)
    }

    /// A status as a fixed-width, coloured label with its mark.
    pub fn status(self, status: Kind) -> String {
        let text = format!("{} {:<19}", mark(status), status.label());
        match status {
            Kind::Passed => self.green(&text),
            Kind::NotStarted => self.dim(&text),
            Kind::Failed | Kind::DoesNotCompile | Kind::Crashed => self.red(&text),
            _ => self.yellow(&text),
        }
    }

    /// Removes colour codes from text we did not write (test output), when
    /// colour is off.
    pub fn clean(self, text: &str) -> String {
        if self.color {
            text.to_string()
        } else {
            strip_ansi(text)
        }
    }
}

fn mark(status: Kind) -> &'static str {
    match status {
        Kind::Passed => "✓",
        Kind::NotStarted => "·",
        Kind::Failed | Kind::DoesNotCompile | Kind::Crashed => "✗",
        _ => "⧗",
    }
}

pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // Skip `ESC [ ... letter`.
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Indents every line of `text` by `n` spaces.
pub fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("{pad}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Wraps text at word boundaries to lines of at most `width` characters.
pub fn wrap(text: &str, width: usize) -> String {
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

/// On a terminal, one self-erasing line on stderr saying what is going on:
/// `  ch01: compiled tokio`, `  ch01: running tests, 5 of 23 started`.
/// Elsewhere (a pipe, a file, CI), nothing.
pub struct Progress {
    terminal: bool,
    label: String,
}

impl Progress {
    pub fn new(label: &str) -> Progress {
        Progress {
            terminal: std::io::stderr().is_terminal(),
            label: label.to_string(),
        }
    }

    pub fn show(&self, text: &str) {
        if self.terminal {
            // One write, so that lines from several threads never mix.
            let line = format!("\r\x1b[2K  {}: {text}", self.label);
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(line.as_bytes());
            let _ = err.flush();
        }
    }

    pub fn clear(&self) {
        if self.terminal {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }

    /// A callback for cargo's progress: the name of each crate compiled.
    pub fn compiled(&self) -> impl FnMut(&str) + '_ {
        move |name| self.show(&format!("compiled {name}"))
    }
}

/// Starts each test as it is, counting them on a [`Progress`] line: the
/// runner asks for each test's command just before it starts it.
pub struct CountingLauncher<'a> {
    progress: &'a Progress,
    total: usize,
    started: AtomicUsize,
}

impl<'a> CountingLauncher<'a> {
    pub fn new(progress: &'a Progress, total: usize) -> CountingLauncher<'a> {
        CountingLauncher {
            progress,
            total,
            started: AtomicUsize::new(0),
        }
    }
}

impl Launcher for CountingLauncher<'_> {
    fn command(&self, program: &Path) -> Command {
        let started = self.started.fetch_add(1, Ordering::SeqCst) + 1;
        let total = self.total;
        self.progress
            .show(&format!("running tests, {started} of {total} started"));
        Command::new(program)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
    }

    #[test]
    fn colour_codes_are_stripped() {
        assert_eq!(
            strip_ansi("\x1b[31mred\x1b[0m and \x1b[1;32mgreen\x1b[0m"),
            "red and green"
        );
    }
}
