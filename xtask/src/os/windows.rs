//! Windows, and any other system that is not Unix, with the standard
//! library only: this file compiles on every system, and Linux runs its
//! tests, so the fallback is tested code even where it cannot be built.
//!
//! A test's process tree is ended with `taskkill /T /F`, which every
//! Windows has: it follows parent process ids down from the test. Then
//! `Child::kill` ends the test itself, which is enough where `taskkill` is
//! missing or the test started nothing.

use std::process::{Child, Command, ExitStatus, Stdio};

/// Starting a process that can be ended with everything it starts.
pub trait CommandExt {
    /// Nothing to do here: `taskkill /T` finds the tree by parent ids.
    fn own_process_group(&mut self) -> &mut Self;
}

impl CommandExt for Command {
    fn own_process_group(&mut self) -> &mut Self {
        self
    }
}

/// Kills `child` and, where `taskkill` can find them, the processes it
/// started. A child that has already exited is left alone: its own children
/// no longer hang from it.
pub fn kill_tree(child: &mut Child) {
    if matches!(child.try_wait(), Ok(Some(_))) {
        return;
    }
    kill_tree_id(child.id());
    let _ = child.kill();
}

/// [`kill_tree`] for a child known only by its id.
pub fn kill_tree_id(id: u32) {
    let _ = taskkill(id)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

fn taskkill(id: u32) -> Command {
    let mut command = Command::new("taskkill");
    command.args(["/T", "/F", "/PID", &id.to_string()]);
    command
}

/// How a process ended other than by exiting: Windows reports a crash as
/// an exit code that is an NTSTATUS exception code.
pub fn abnormal_exit(status: ExitStatus) -> Option<String> {
    describe_exception(status.code()?)
}

fn describe_exception(code: i32) -> Option<String> {
    // The bits of the code, as Windows documents them.
    let code = code as u32;
    let what = match code {
        0xC000_0005 => "access violation",
        0xC000_001D => "illegal instruction",
        0xC000_0094 => "integer division by zero",
        0xC000_00FD => "stack overflow",
        0xC000_0374 => "heap corruption",
        // `__fastfail`: how Rust's `abort` ends a process on Windows.
        0xC000_0409 => "abort",
        0xC000_013A => "interrupted by Ctrl+C",
        // Severity "error": some other exception.
        _ if code >> 30 == 0b11 => "exception",
        _ => return None,
    };
    Some(format!("crashed with exception 0x{code:08X} ({what})"))
}

/// Windows has no `SIGPIPE`: a write to a closed pipe is an error there.
pub fn quiet_on_closed_pipe() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crashes_are_named_and_exits_are_not() {
        let abort = describe_exception(0xC000_0409_u32 as i32);
        assert_eq!(
            abort.as_deref(),
            Some("crashed with exception 0xC0000409 (abort)")
        );
        let other = describe_exception(0xC123_4567_u32 as i32);
        assert_eq!(
            other.as_deref(),
            Some("crashed with exception 0xC1234567 (exception)")
        );
        assert_eq!(describe_exception(0), None);
        assert_eq!(describe_exception(101), None);
    }

    #[test]
    fn the_tree_is_ended_by_taskkill() {
        let command = taskkill(42);
        let args: Vec<_> = command.get_args().collect();
        assert_eq!(command.get_program(), "taskkill");
        assert_eq!(args, ["/T", "/F", "/PID", "42"]);
    }

    #[test]
    #[cfg(unix)]
    fn without_taskkill_the_child_is_still_killed() {
        // Linux has no `taskkill`: this is the path of a Windows machine
        // where it is missing, and the last resort everywhere.
        let mut child = Command::new("sleep").arg("30").spawn().unwrap();
        kill_tree(&mut child);
        assert!(!child.wait().unwrap().success());
        // An exited child is left alone.
        kill_tree(&mut child);
    }
}
