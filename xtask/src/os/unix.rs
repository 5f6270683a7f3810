//! Linux and macOS: process groups and signals.

use std::os::unix::process::{CommandExt as _, ExitStatusExt};
use std::process::{Child, Command, ExitStatus};

/// Starting a process that can be ended with everything it starts.
pub trait CommandExt {
    /// The process leads a new process group, which its children join.
    fn own_process_group(&mut self) -> &mut Self;
}

impl CommandExt for Command {
    fn own_process_group(&mut self) -> &mut Self {
        self.process_group(0)
    }
}

/// Kills `child`'s process group: the child and every process it started.
pub fn kill_tree(child: &mut Child) {
    kill_tree_id(child.id());
}

/// [`kill_tree`] for a child known only by its id (the one started with
/// [`CommandExt::own_process_group`]).
pub fn kill_tree_id(id: u32) {
    let Ok(group) = libc::pid_t::try_from(id) else {
        return;
    };
    // SAFETY: `kill` takes plain integers and touches no memory of ours.
    #[allow(unsafe_code)]
    unsafe {
        libc::kill(-group, libc::SIGKILL);
    }
}

/// How a process ended other than by exiting: `was killed by signal 6 (abort)`.
pub fn abnormal_exit(status: ExitStatus) -> Option<String> {
    let signal = status.signal()?;
    Some(format!(
        "was killed by signal {signal} ({})",
        signal_name(signal)
    ))
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        libc::SIGABRT => "abort",
        libc::SIGSEGV => "segmentation fault",
        libc::SIGKILL => "killed",
        libc::SIGBUS => "bus error",
        libc::SIGFPE => "arithmetic error",
        libc::SIGILL => "illegal instruction",
        libc::SIGXCPU => "CPU time limit",
        libc::SIGXFSZ => "file size limit",
        _ => "signal",
    }
}

/// Ends the program quietly, as any Unix tool does, when the reader of its
/// output goes away (`cargo xtask list | head`), instead of panicking on
/// the next write. Call it first thing, before any other thread exists.
pub fn quiet_on_closed_pipe() {
    // SAFETY: restoring a signal's default action, with no other thread
    // running yet.
    #[allow(unsafe_code)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Stdio;
    use std::time::Duration;

    #[test]
    fn killing_the_tree_ends_the_grandchildren_too() {
        // The shell starts a grandchild that holds the pipe open; only when
        // every process of the group is gone does the pipe reach its end.
        let mut child = Command::new("sh")
            .args(["-c", "sleep 30 & wait"])
            .stdout(Stdio::piped())
            .own_process_group()
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, closed) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(std::io::read_to_string(out).is_ok()));
        kill_tree(&mut child);
        let status = child.wait().unwrap();
        assert_eq!(
            closed.recv_timeout(Duration::from_secs(10)),
            Ok(true),
            "a process of the group still holds the pipe: the grandchild survived"
        );
        assert_eq!(
            abnormal_exit(status).as_deref(),
            Some("was killed by signal 9 (killed)")
        );
    }

    #[test]
    fn an_exit_is_not_abnormal() {
        assert_eq!(abnormal_exit(ExitStatus::from_raw(3 << 8)), None);
        assert_eq!(
            abnormal_exit(ExitStatus::from_raw(libc::SIGABRT)).as_deref(),
            Some("was killed by signal 6 (abort)")
        );
    }
}
