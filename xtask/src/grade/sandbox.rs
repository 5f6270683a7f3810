//! Limits for every process a submission's code can run in: resource
//! limits set between fork and exec, and no network where the system lets
//! an unprivileged process give it up.

use std::ffi::CString;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Result;

use serde::{Deserialize, Serialize};

use crate::runner::Launcher;

const MIB: u64 = 1024 * 1024;

/// Per-process resource limits (`setrlimit`), inherited by children.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Limits {
    /// Address space: bounds memory, including what a runaway allocation asks for.
    pub memory_bytes: u64,
    pub cpu_secs: u64,
    /// Processes and threads of the user; not enforced for root.
    pub processes: u64,
    /// The largest file a process may write (its captured output included).
    pub file_bytes: u64,
}

impl Limits {
    /// For one test: tokio's threads reserve address space, so 2 GiB is
    /// roomy for any honest test and stops a leak long before the machine.
    pub fn test() -> Limits {
        Limits {
            memory_bytes: 2048 * MIB,
            cpu_secs: 60,
            processes: 1024,
            file_bytes: 64 * MIB,
        }
    }

    /// For cargo and rustc compiling one chapter: rustc reserves far more
    /// address space than it touches, and writes test binaries of tens of MiB.
    pub fn build() -> Limits {
        Limits {
            memory_bytes: 8192 * MIB,
            cpu_secs: 600,
            processes: 4096,
            file_bytes: 1024 * MIB,
        }
    }

    /// For unpacking an archive or exporting a git repository.
    pub fn unpack() -> Limits {
        Limits {
            memory_bytes: 1024 * MIB,
            cpu_secs: 60,
            processes: 64,
            file_bytes: 64 * MIB,
        }
    }

    fn apply(&self) -> std::io::Result<()> {
        set_limit(libc::RLIMIT_AS, self.memory_bytes)?;
        set_limit(libc::RLIMIT_CPU, self.cpu_secs)?;
        set_limit(libc::RLIMIT_NPROC, self.processes)?;
        set_limit(libc::RLIMIT_FSIZE, self.file_bytes)?;
        // A crash must not leave a core file of the size of its memory.
        set_limit(libc::RLIMIT_CORE, 0)
    }
}

fn set_limit(resource: libc::__rlimit_resource_t, value: u64) -> std::io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: value as libc::rlim_t,
        rlim_max: value as libc::rlim_t,
    };
    // SAFETY: `setrlimit` only reads the struct we pass by reference; it is
    // async-signal-safe, so it may run between fork and exec.
    #[allow(unsafe_code)]
    let result = unsafe { libc::setrlimit(resource, &limit) };
    if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// How processes of submissions are started: with `limits`, in a scratch
/// directory's environment, and without network when `offline` is set.
#[derive(Clone, Debug)]
pub struct Sandbox {
    pub limits: Limits,
    /// Run inside new user and network namespaces (only loopback, brought up).
    pub no_network: bool,
    /// `TMPDIR` for the process: somewhere we delete afterwards.
    pub scratch: Option<PathBuf>,
    /// Variables set on top of the few kept.
    pub env: Vec<(&'static str, &'static str)>,
}

impl Sandbox {
    /// For cargo: the course's and the students' builds must see the very
    /// same environment, or cargo rebuilds the dependencies between them.
    pub fn for_builds() -> Sandbox {
        Sandbox {
            limits: Limits::build(),
            no_network: false,
            scratch: None,
            // Grading needs no debugger; without debug info the student
            // crates compile and link faster. Panic locations stay.
            env: vec![("CARGO_PROFILE_DEV_DEBUG", "0")],
        }
    }
}

/// The environment variables a sandboxed process keeps.
const KEPT_ENV: [&str; 8] = [
    "PATH",
    "HOME",
    "CARGO_HOME",
    "RUSTUP_HOME",
    "RUSTUP_TOOLCHAIN",
    "CARGO",
    "LANG",
    "LC_ALL",
];

impl Launcher for Sandbox {
    fn command(&self, program: &Path) -> Command {
        let mut command = Command::new(program);
        // Only what cargo and rustc need: a grader's tokens and secrets stay
        // out of reach of `env!` and `std::env::var`.
        command.env_clear();
        for (key, value) in std::env::vars_os() {
            if KEPT_ENV.iter().any(|k| key == *k) {
                command.env(key, value);
            }
        }
        if let Some(dir) = &self.scratch {
            command.env("TMPDIR", dir);
        }
        command.envs(self.env.iter().copied());
        let limits = self.limits;
        let offline = self.no_network.then(Offline::prepare);
        // SAFETY: the closure only makes system calls that are
        // async-signal-safe (`setrlimit`, `unshare`, `open`, `write`,
        // `socket`, `ioctl`, `close`) on data prepared before the fork; it
        // allocates nothing and takes no lock, as code between fork and exec
        // must.
        #[allow(unsafe_code)]
        unsafe {
            command.pre_exec(move || {
                limits.apply()?;
                match &offline {
                    Some(offline) => offline.enter(),
                    None => Ok(()),
                }
            });
        }
        command
    }
}

/// New user and network namespaces for the child, entered between fork and
/// exec: the child is root of nothing but itself, and sees only a loopback
/// interface, which starts down and is brought up (tests bind 127.0.0.1:0).
struct Offline {
    /// `/proc/self/...` file and what to write there, as C strings.
    writes: [(CString, CString); 3],
}

impl Offline {
    fn prepare() -> Offline {
        // SAFETY: `getuid` and `getgid` cannot fail and touch no memory.
        #[allow(unsafe_code)]
        let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
        let c = |s: String| CString::new(s).expect("no NUL inside");
        Offline {
            writes: [
                // Unprivileged, the group map needs `setgroups` denied first.
                (c("/proc/self/setgroups".into()), c("deny".into())),
                (c("/proc/self/uid_map".into()), c(format!("0 {uid} 1"))),
                (c("/proc/self/gid_map".into()), c(format!("0 {gid} 1"))),
            ],
        }
    }

    /// Runs in the child between fork and exec.
    fn enter(&self) -> std::io::Result<()> {
        // SAFETY: plain system calls on C strings and a zeroed `ifreq` that
        // live for the whole call; every result is checked.
        #[allow(unsafe_code)]
        unsafe {
            check(libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNET))?;
            for (path, text) in &self.writes {
                let fd = check(libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC))?;
                let bytes = text.as_bytes();
                let written = libc::write(fd, bytes.as_ptr().cast(), bytes.len());
                libc::close(fd);
                check(written as libc::c_int)?;
            }
            let socket = check(libc::socket(
                libc::AF_INET,
                libc::SOCK_DGRAM | libc::SOCK_CLOEXEC,
                0,
            ))?;
            let mut request: libc::ifreq = std::mem::zeroed();
            for (to, from) in request.ifr_name.iter_mut().zip(b"lo") {
                *to = *from as libc::c_char;
            }
            let up = check(libc::ioctl(socket, libc::SIOCGIFFLAGS, &mut request)).and_then(|_| {
                request.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
                check(libc::ioctl(socket, libc::SIOCSIFFLAGS, &request))
            });
            libc::close(socket);
            up.map(|_| ())
        }
    }
}

fn check(result: libc::c_int) -> std::io::Result<libc::c_int> {
    if result < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(result)
    }
}

/// Whether this system lets us drop network access: a trial run of the
/// same sandbox the tests get, which must see loopback and nothing else.
pub fn network_isolation() -> Result<(), String> {
    let sandbox = Sandbox {
        limits: Limits::test(),
        no_network: true,
        scratch: None,
        env: Vec::new(),
    };
    let probe = sandbox
        .command(Path::new("cat"))
        .arg("/proc/net/dev")
        .stdin(Stdio::null())
        .output();
    match probe {
        Err(error) => Err(format!(
            "new user and network namespaces are not permitted here ({error})"
        )),
        Ok(out) if !out.status.success() => Err(format!(
            "the network-less trial failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Ok(out) => {
            let table = String::from_utf8_lossy(&out.stdout);
            let interfaces: Vec<&str> = table
                .lines()
                .skip(2)
                .filter_map(|l| l.split(':').next())
                .collect();
            if interfaces.iter().all(|i| i.trim() == "lo") {
                Ok(())
            } else {
                Err(format!(
                    "the new network namespace still has {interfaces:?}"
                ))
            }
        }
    }
}

/// Runs `command` to completion in its own process group, collecting its
/// output, and kills the whole group if it outlives `limit`.
pub fn run_limited(mut command: Command, limit: Duration) -> Result<Output> {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()?;
    let group = child.id() as libc::pid_t;
    let (done, wait) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if wait.recv_timeout(limit) == Err(mpsc::RecvTimeoutError::Timeout) {
            kill_group(group);
        }
    });
    let output = child.wait_with_output();
    let _ = done.send(());
    let _ = watchdog.join();
    // Whatever it started in the background goes with it.
    kill_group(group);
    Ok(output?)
}

fn kill_group(group: libc::pid_t) {
    // SAFETY: `kill` takes plain integers; the group is one we created with
    // `process_group(0)`, so nothing else is signalled.
    #[allow(unsafe_code)]
    unsafe {
        libc::kill(-group, libc::SIGKILL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sandbox(no_network: bool) -> Sandbox {
        Sandbox {
            limits: Limits::test(),
            no_network,
            scratch: None,
            env: Vec::new(),
        }
    }

    #[test]
    fn limits_reach_the_process() {
        let out = sandbox(false)
            .command(Path::new("sh"))
            .args(["-c", "ulimit -v; ulimit -f; ulimit -t"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let lines: Vec<&str> = text.lines().collect();
        // `ulimit` reports KiB for memory and 512-byte blocks for files.
        assert_eq!(lines, ["2097152", "131072", "60"], "{text}");
    }

    #[test]
    fn a_process_past_its_time_is_killed_with_its_children() {
        let mut command = Command::new("sh");
        command.args(["-c", "sleep 30 & sleep 30"]);
        let start = std::time::Instant::now();
        let out = run_limited(command, Duration::from_millis(300)).unwrap();
        assert!(!out.status.success());
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn without_network_only_loopback_is_there_and_it_works() {
        if network_isolation().is_err() {
            return; // Nothing to test where the system forbids it.
        }
        let table = sandbox(true)
            .command(Path::new("cat"))
            .arg("/proc/net/dev")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&table.stdout);
        assert_eq!(
            text.lines().count(),
            3,
            "a header of two lines, then lo: {text}"
        );
        // A server on 127.0.0.1:0 and a client, as the network chapters'
        // tests do; with whatever can do it here.
        let round_trip = "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); \
                          s.listen(); socket.create_connection(s.getsockname()); print('ok')";
        let Ok(out) = sandbox(true)
            .command(Path::new("python3"))
            .args(["-c", round_trip])
            .output()
        else {
            return;
        };
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ok", "{out:?}");
    }
}
