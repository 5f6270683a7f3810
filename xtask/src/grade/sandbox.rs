//! Every process a submission's code can run in (its build, its tests,
//! unpacking it) is started here: with resource limits set between fork
//! and exec, a reduced environment, and in the jail (see `jail.rs`) as far
//! as this system allows, which `protections()` finds out once by trial.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{OnceLock, mpsc};
use std::time::Duration;

use anyhow::Result;

use serde::{Deserialize, Serialize};

use super::cgroup::Cgroups;
use super::jail::{Layer, Mechanisms, Prepared, View};
use crate::runner::Launcher;

const MIB: u64 = 1024 * 1024;

/// Resource limits: per process (`setrlimit`, inherited by children), and
/// for memory and processes also for the whole tree (a cgroup of its own).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    /// Address space of each process, and memory of the whole tree.
    pub memory_bytes: u64,
    pub cpu_secs: u64,
    /// Processes and threads of the tree (`RLIMIT_NPROC`, not enforced for
    /// root, is set too).
    pub processes: u64,
    /// The largest file a process may write (its captured output included).
    pub file_bytes: u64,
    /// The size of its fresh `/tmp`.
    #[serde(default)]
    pub scratch_bytes: u64,
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
            scratch_bytes: 256 * MIB,
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
            scratch_bytes: 1024 * MIB,
        }
    }

    /// For unpacking an archive or exporting a git repository: its `/tmp`
    /// holds the unpacked files, so it bounds their total size.
    pub fn unpack() -> Limits {
        Limits {
            memory_bytes: 1024 * MIB,
            cpu_secs: 60,
            processes: 64,
            file_bytes: 64 * MIB,
            scratch_bytes: 256 * MIB,
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

/// How processes of submissions are started: with `limits`, an
/// environment of our choosing, without network when `no_network` is set,
/// and, with a `view`, in a jail that shows only that view of the files.
#[derive(Clone, Debug)]
pub struct Sandbox {
    pub limits: Limits,
    /// Run inside new user and network namespaces (only loopback, brought up).
    pub no_network: bool,
    /// `TMPDIR` for the process when it has no private root (which gets a
    /// fresh tmpfs of `limits.scratch_bytes` at `/tmp` instead).
    pub scratch: Option<PathBuf>,
    /// Variables set on top of the few kept.
    pub env: Vec<(String, String)>,
    /// What a jailed process may see; `None`: not jailed (the course's own
    /// trusted builds).
    pub view: Option<View>,
}

impl Sandbox {
    /// For cargo: the course's and the students' builds must see the very
    /// same environment, or cargo rebuilds the dependencies between them.
    pub fn for_builds() -> Sandbox {
        let toolchain = toolchain();
        let mut env = vec![
            // Grading needs no debugger; without debug info the student
            // crates compile and link faster. Panic locations stay.
            ("CARGO_PROFILE_DEV_DEBUG".to_string(), "0".to_string()),
        ];
        // The toolchain's own binaries, not rustup's proxies: a jailed
        // build sees the toolchain, not rustup.
        if let Some(sysroot) = &toolchain.sysroot {
            env.push((
                "RUSTC".into(),
                sysroot.join("bin/rustc").display().to_string(),
            ));
        }
        Sandbox {
            limits: Limits::build(),
            no_network: false,
            scratch: None,
            env,
            view: None,
        }
    }

    /// A jailed process sees the system and `view`; a fresh tmpfs is its
    /// `/tmp` where it has a private root.
    pub fn jailed(limits: Limits, scratch: &Path, view: View) -> Sandbox {
        Sandbox {
            limits,
            no_network: protections().network.is_ok(),
            scratch: Some(scratch.to_path_buf()),
            env: Vec::new(),
            view: Some(view),
        }
    }

    fn jail(&self) -> Option<Prepared> {
        let view = self.view.as_ref()?;
        let p = protections();
        let use_ = Mechanisms {
            namespaces: p.namespaces.is_ok(),
            network: self.no_network && p.network.is_ok(),
            private_root: p.private_root.is_ok(),
            landlock: p.landlock,
        };
        let mut view = view.clone();
        if use_.private_root {
            view.tmpfs.push(("/tmp".into(), self.limits.scratch_bytes));
            if p.layers.is_err() {
                view.write.extend(view.layers.drain(..).map(|l| l.dir));
            }
        } else {
            view.write.extend(self.scratch.clone());
            // No overlay: the layer's directory itself is written.
            view.write.extend(view.layers.drain(..).map(|l| l.dir));
        }
        let group = p.cgroups.as_ref().ok().and_then(|c| {
            c.group(self.limits.memory_bytes, self.limits.processes)
                .ok()
        });
        Some(Prepared::new(&view, use_, &p.jail_root, group))
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
        let jail = self.jail();
        let private_root = jail.is_some() && protections().private_root.is_ok();
        match &self.scratch {
            _ if private_root => {
                command.env("TMPDIR", "/tmp");
            }
            Some(dir) => {
                command.env("TMPDIR", dir);
            }
            None => {}
        }
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        let limits = self.limits;
        // SAFETY: the closure only makes system calls that are
        // async-signal-safe (`setrlimit`, `unshare`, `mount`, `fork`,
        // `open`, `write`, Landlock's) on data prepared before the fork; it
        // allocates nothing and takes no lock, as code between fork and exec
        // must.
        #[allow(unsafe_code)]
        unsafe {
            command.pre_exec(move || {
                limits.apply()?;
                match &jail {
                    Some(jail) => jail.enter(),
                    None => Ok(()),
                }
            });
        }
        command
    }
}

/// What this system lets the jail do, found by trial once per run: each
/// mechanism is tried on its own, on top of those that work.
#[derive(Debug)]
pub struct Protections {
    /// New user namespaces: the jail's other namespaces need one.
    pub namespaces: Result<(), String>,
    /// A network namespace with only loopback.
    pub network: Result<(), String>,
    /// Mount and PID namespaces: a private root, and each test as init.
    pub private_root: Result<(), String>,
    /// Copy-on-write directories (overlayfs) in the private root.
    pub layers: Result<(), String>,
    /// The Landlock ABI, 0 for none.
    pub landlock: i32,
    pub cgroups: Result<Cgroups, String>,
    /// An empty directory of ours: the private root is mounted on it, in
    /// the jail's own mount namespace only.
    pub jail_root: PathBuf,
}

pub fn protections() -> &'static Protections {
    static FOUND: OnceLock<Protections> = OnceLock::new();
    FOUND.get_or_init(Protections::find)
}

impl Protections {
    fn find() -> Protections {
        remove_stale_jail_roots();
        let jail_root =
            std::env::temp_dir().join(format!("awaitlings-jail-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&jail_root);
        let mut found = Protections {
            namespaces: Err("not tried".into()),
            network: Err("not tried".into()),
            private_root: Err("not tried".into()),
            layers: Err("not tried".into()),
            landlock: super::jail::landlock_abi(),
            cgroups: Cgroups::create(),
            jail_root,
        };
        let mut use_ = Mechanisms {
            namespaces: true,
            network: false,
            private_root: false,
            landlock: 0,
        };
        found.namespaces = found.trial(use_, &View::default(), "true", &[]).map(drop);
        use_.namespaces = found.namespaces.is_ok();
        if !use_.namespaces {
            found.network = Err("needs a user namespace".into());
            found.private_root = Err("needs a user namespace".into());
            found.layers = Err("needs a user namespace".into());
            return found;
        }
        use_.network = true;
        found.network = found.trial_network(use_);
        use_.network = found.network.is_ok();
        use_.private_root = true;
        use_.landlock = found.landlock;
        found.private_root = found.trial_private_root(use_);
        use_.private_root = found.private_root.is_ok();
        found.layers = match use_.private_root {
            true => found.trial_layer(use_),
            false => Err("needs a private root".into()),
        };
        found
    }

    /// Runs `program` in a jail of these mechanisms; its stdout.
    fn trial(
        &self,
        use_: Mechanisms,
        view: &View,
        program: &str,
        args: &[&str],
    ) -> Result<String, String> {
        let jail = Prepared::new(view, use_, &self.jail_root, None);
        let mut command = Command::new(program);
        command.args(args).stdin(Stdio::null()).current_dir("/");
        // SAFETY: as in `Sandbox::command`: system calls only.
        #[allow(unsafe_code)]
        unsafe {
            command.pre_exec(move || jail.enter());
        }
        match command.output() {
            Err(error) => Err(format!("not permitted here ({error})")),
            Ok(out) if !out.status.success() => Err(format!(
                "the trial failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            )),
            Ok(out) => Ok(String::from_utf8_lossy(&out.stdout).into_owned()),
        }
    }

    /// The namespace must see loopback and nothing else.
    fn trial_network(&self, use_: Mechanisms) -> Result<(), String> {
        let table = self.trial(use_, &View::default(), "cat", &["/proc/net/dev"])?;
        let interfaces: Vec<&str> = table
            .lines()
            .skip(2)
            .filter_map(|l| l.split(':').next().map(str::trim))
            .collect();
        match interfaces.as_slice() {
            ["lo"] => Ok(()),
            _ => Err(format!("the new network namespace has {interfaces:?}")),
        }
    }

    /// The process must be init of its namespace, see its own `/proc`, and
    /// not see this process's files.
    fn trial_private_root(&self, use_: Mechanisms) -> Result<(), String> {
        let hidden = std::env::current_exe().unwrap_or_default();
        let script = "echo $$; test -e /proc/self/status && ! test -e \"$1\" && echo hidden";
        let out = self.trial(
            use_,
            &View::default(),
            "sh",
            &["-c", script, "sh", &hidden.display().to_string()],
        )?;
        match out.split_whitespace().collect::<Vec<_>>().as_slice() {
            ["1", "hidden"] => Ok(()),
            _ => Err(format!("the private root is not private: {out:?}")),
        }
    }

    /// A write through a layer lands in its upper directory only.
    fn trial_layer(&self, use_: Mechanisms) -> Result<(), String> {
        let dir = std::env::temp_dir().join(format!("awaitlings-layer-{}", std::process::id()));
        let layer = Layer {
            dir: dir.join("lower"),
            upper: dir.join("upper"),
            work: dir.join("work"),
        };
        let made = [&layer.dir, &layer.upper, &layer.work]
            .iter()
            .try_for_each(std::fs::create_dir_all);
        let view = View {
            layers: vec![layer.clone()],
            ..View::default()
        };
        let file = layer.dir.join("f");
        let result = made
            .map_err(|e| e.to_string())
            .and_then(|()| {
                self.trial(
                    use_,
                    &view,
                    "sh",
                    &["-c", "echo x > \"$1\"", "sh", &file.display().to_string()],
                )
            })
            .and_then(|_| match (file.exists(), layer.upper.join("f").is_file()) {
                (false, true) => Ok(()),
                _ => Err("a write through the layer did not stay in it".to_string()),
            });
        super::tree::remove_tree(&dir);
        result
    }

    /// Each mechanism as reports list it: a name, whether it was in force
    /// and what it means (or why it was not).
    pub fn list(&self) -> Vec<Protection> {
        let item = |name: &str, state: Result<String, String>| Protection {
            name: name.to_string(),
            in_force: state.is_ok(),
            detail: state.unwrap_or_else(|e| e),
        };
        let ok = |r: &Result<(), String>, what: &str| r.clone().map(|()| what.to_string());
        let test = Limits::test();
        vec![
            item("rlimits", Ok("address space, CPU time, file size and no core files, per process".into())),
            item("network", ok(&self.network, "a network namespace of its own with only loopback, for builds, tests and unpacking")),
            item("private_root", ok(&self.private_root, "a mount namespace whose root holds only the system, the toolchain, the workspace being built or the test binary, and a fresh size-capped /tmp")),
            item("pid_namespace", ok(&self.private_root, "each test is init of its own PID namespace: whatever it started ends with it, and nothing outside is visible or reachable")),
            item("landlock", match self.landlock {
                0 => Err("this kernel has no Landlock".into()),
                abi => Ok(format!("ABI {abi}: writes only to its scratch, reads only what it is shown, signals only its own processes")),
            }),
            item("cgroups", self.cgroups.as_ref().map(|_| format!(
                "cgroup v1 per test: {} MiB of memory and {} processes for the whole tree",
                test.memory_bytes / MIB, test.processes
            )).map_err(Clone::clone)),
            item("build_layers", ok(&self.layers, "each student's build writes only its own copy-on-write layer over the shared dependencies")),
            item("archive_bounds", ok(&self.private_root, "archives and repositories unpack inside the jail into a tmpfs that bounds their total size and file count")),
        ]
    }

    /// Why `--strict` cannot grade here, if it cannot.
    pub fn missing(&self) -> Vec<String> {
        self.list()
            .into_iter()
            .filter(|p| !p.in_force)
            .map(|p| format!("{}: {}", p.name, p.detail))
            .collect()
    }
}

/// The (empty) mount points of runs whose process has ended.
fn remove_stale_jail_roots() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name.strip_prefix("awaitlings-jail-");
        if pid.is_some_and(|pid| !Path::new("/proc").join(pid).exists()) {
            let _ = std::fs::remove_dir(entry.path());
        }
    }
}

/// One protection as every report lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Protection {
    pub name: String,
    pub in_force: bool,
    pub detail: String,
}

/// Where the toolchain and cargo's files are: a jailed build is shown
/// them, read-only.
#[derive(Debug)]
pub struct Toolchain {
    pub sysroot: Option<PathBuf>,
    pub rustup_home: Option<PathBuf>,
    pub cargo_home: Option<PathBuf>,
}

pub fn toolchain() -> &'static Toolchain {
    static FOUND: OnceLock<Toolchain> = OnceLock::new();
    FOUND.get_or_init(|| {
        let sysroot = Command::new("rustc")
            .args(["--print", "sysroot"])
            .stdin(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let from_env = |var: &str, default: &str| {
            std::env::var_os(var)
                .map(PathBuf::from)
                .or_else(|| home.as_ref().map(|h| h.join(default)))
                .filter(|p| p.is_dir())
        };
        Toolchain {
            sysroot,
            rustup_home: from_env("RUSTUP_HOME", ".rustup"),
            cargo_home: from_env("CARGO_HOME", ".cargo"),
        }
    })
}

impl Toolchain {
    /// What a build reads besides the workspace: the toolchain (and
    /// rustup's, whose proxies may start it), cargo's registry and
    /// configuration; `$CARGO_HOME` itself is a fresh tmpfs (cargo keeps
    /// its locks there), so its credentials are not shown.
    pub fn build_view(&self, view: &mut View) {
        view.read.extend(self.sysroot.clone());
        view.read.extend(self.rustup_home.clone());
        if let Some(home) = &self.cargo_home {
            view.tmpfs.push((home.clone(), 64 * MIB));
            for name in ["bin", "registry", "git", "config.toml", "config"] {
                let path = home.join(name);
                if path.exists() {
                    view.read.push(path);
                }
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
pub mod tests {
    use super::*;

    fn jailed(view: View) -> Sandbox {
        let scratch = std::env::temp_dir();
        Sandbox::jailed(Limits::test(), &scratch, view)
    }

    fn sh(sandbox: &Sandbox, script: &str) -> Output {
        sandbox
            .command(Path::new("sh"))
            .args(["-c", script])
            .current_dir("/")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    fn stdout(out: &Output) -> String {
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    #[test]
    fn limits_reach_the_process() {
        let out = sh(&jailed(View::default()), "ulimit -v; ulimit -f; ulimit -t");
        let text = stdout(&out);
        let lines: Vec<&str> = text.lines().collect();
        // `ulimit` reports KiB for memory and 512-byte blocks for files.
        assert_eq!(lines, ["2097152", "131072", "60"], "{out:?}");
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
        if protections().network.is_err() {
            return; // Nothing to test where the system forbids it.
        }
        let table = sh(&jailed(View::default()), "cat /proc/net/dev");
        let text = stdout(&table);
        assert_eq!(
            text.lines().count(),
            3,
            "a header of two lines, then lo: {text}"
        );
        // A server on 127.0.0.1:0 and a client, as the network chapters'
        // tests do; with whatever can do it here.
        let round_trip = "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); \
                          s.listen(); socket.create_connection(s.getsockname()); print('ok')";
        let Ok(out) = jailed(View::default())
            .command(Path::new("python3"))
            .args(["-c", round_trip])
            .current_dir("/")
            .output()
        else {
            return;
        };
        assert_eq!(stdout(&out), "ok", "{out:?}");
    }

    #[test]
    fn a_jailed_process_sees_only_its_view_and_writes_only_its_scratch() {
        if protections().private_root.is_err() {
            return;
        }
        let shown = tempfile::tempdir().unwrap();
        let hidden = tempfile::tempdir().unwrap();
        std::fs::write(shown.path().join("given"), "x\n").unwrap();
        let view = View {
            read: vec![shown.path().to_path_buf()],
            ..View::default()
        };
        let script = format!(
            "cat {shown}/given; echo > {shown}/new 2>/dev/null || echo read-only; \
             test -e {hidden} || echo hidden; test -e $HOME/.bashrc || echo no-home; \
             echo t > $TMPDIR/t && cat $TMPDIR/t; echo $$; ls /proc | grep -c '^[0-9]'",
            // sh, ls and grep: the only processes it can see.
            shown = shown.path().display(),
            hidden = hidden.path().display()
        );
        let out = sh(&jailed(view), &script);
        let text = stdout(&out);
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            ["x", "read-only", "hidden", "no-home", "t", "1", "3"],
            "{out:?}"
        );
        assert!(!shown.path().join("new").exists());
    }

    #[test]
    fn nothing_a_test_starts_outlives_it() {
        if protections().private_root.is_err() {
            return;
        }
        let token = format!("awaitlings-survivor-{}", std::process::id());
        let script = format!("setsid sh -c 'sleep 30' {token} & (sleep 30 &) ; exit 0");
        let out = sh(&jailed(View::default()), &script);
        assert!(out.status.success(), "{out:?}");
        assert!(
            !any_process_named(&token),
            "a process of the jail survived it"
        );
    }

    #[test]
    fn a_tree_of_processes_shares_one_memory_limit() {
        if protections().cgroups.is_err() || protections().private_root.is_err() {
            return;
        }
        // Three children of 900 MiB each: each within its own address space
        // limit, together past the tree's 2 GiB.
        let hog = "dd if=/dev/zero bs=900M count=1 status=none | (sleep 1; wc -c)";
        let script = format!("for i in 1 2 3; do ({hog}) & done; wait");
        let out = sh(&jailed(View::default()), &script);
        let held = stdout(&out)
            .lines()
            .filter(|l| l.trim() == "943718400")
            .count();
        assert!(held < 3, "{out:?}");
    }

    #[test]
    fn every_missing_protection_is_named_and_said_why() {
        let none = Protections {
            namespaces: Err("no user namespaces".into()),
            network: Err("needs a user namespace".into()),
            private_root: Err("needs a user namespace".into()),
            layers: Err("needs a private root".into()),
            landlock: 0,
            cgroups: Err("no cgroup v1".into()),
            jail_root: PathBuf::new(),
        };
        let missing = none.missing();
        let names: Vec<&str> = missing
            .iter()
            .map(|m| m.split(':').next().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "network",
                "private_root",
                "pid_namespace",
                "landlock",
                "cgroups",
                "build_layers",
                "archive_bounds"
            ]
        );
        assert!(missing[3].contains("no Landlock"), "{missing:?}");
        let listed = none.list();
        assert!(listed.iter().any(|p| p.name == "rlimits" && p.in_force));
    }

    pub fn any_process_named(token: &str) -> bool {
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return false;
        };
        entries.flatten().any(|e| {
            std::fs::read(e.path().join("cmdline"))
                .is_ok_and(|c| String::from_utf8_lossy(&c).contains(token))
        })
    }
}
