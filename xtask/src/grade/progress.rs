//! Progress of a grading run: one self-rewriting line on a terminal
//! (students done / total and what is happening now), plain lines otherwise.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;

pub struct Progress {
    total: usize,
    terminal: bool,
    state: Mutex<State>,
}

struct State {
    done: usize,
    now: String,
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        Progress {
            total,
            terminal: std::io::stderr().is_terminal(),
            state: Mutex::new(State {
                done: 0,
                now: String::new(),
            }),
        }
    }

    /// What is happening now: `building alice ch01`.
    pub fn doing(&self, what: &str) {
        let mut state = self.state.lock().unwrap();
        state.now = what.to_string();
        if self.terminal {
            self.draw(&state);
        }
    }

    /// A student is graded: `summary` is shown on its own line.
    pub fn finished(&self, summary: &str) {
        let mut state = self.state.lock().unwrap();
        state.done += 1;
        let mut err = std::io::stderr().lock();
        if self.terminal {
            let _ = write!(err, "\r\x1b[2K");
        }
        let _ = writeln!(err, "[{}/{}] {summary}", state.done, self.total);
        if self.terminal {
            self.draw(&state);
        }
    }

    fn draw(&self, state: &State) {
        const WIDTH: usize = 30;
        let filled = WIDTH * state.done / self.total.max(1);
        let bar = format!("{}{}", "█".repeat(filled), "░".repeat(WIDTH - filled));
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[2K{bar} {}/{} {}",
            state.done, self.total, state.now
        );
        let _ = err.flush();
    }

    /// Clears the line before the reports are printed.
    pub fn clear(&self) {
        if self.terminal {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}
