//! Terminal output: colour when it is a terminal, plain otherwise.

use std::io::IsTerminal;

use crate::runner::Kind;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_codes_are_stripped() {
        assert_eq!(
            strip_ansi("\x1b[31mred\x1b[0m and \x1b[1;32mgreen\x1b[0m"),
            "red and green"
        );
    }
}
