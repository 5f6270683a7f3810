//! Limits for the whole tree of processes of one test or build, not for
//! each process: a cgroup (version 1, `pids` and `memory` controllers) of
//! its own, made for it and removed after it.

use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

const V1: &str = "/sys/fs/cgroup";

/// This run's parent cgroups, one per controller.
#[derive(Debug)]
pub struct Cgroups {
    pids: PathBuf,
    memory: PathBuf,
    next: AtomicUsize,
}

impl Cgroups {
    /// Parent cgroups for this process, where the system lets us make them.
    pub fn create() -> Result<Cgroups, String> {
        let name = format!("awaitlings-{}", std::process::id());
        let root = |controller: &str| -> Result<PathBuf, String> {
            let base = Path::new(V1).join(controller);
            if !base.join("cgroup.procs").is_file() {
                return Err(format!(
                    "no cgroup v1 `{controller}` hierarchy at {}",
                    base.display()
                ));
            }
            remove_stale(&base);
            let dir = base.join(&name);
            std::fs::create_dir(&dir)
                .map_err(|e| format!("cannot make a cgroup in {}: {e}", base.display()))?;
            Ok(dir)
        };
        let cgroups = Cgroups {
            pids: root("pids")?,
            memory: root("memory")?,
            next: AtomicUsize::new(0),
        };
        // A trial group: its limits must be writable.
        cgroups
            .group(1024 * 1024 * 1024, 16)
            .map(|g| g.remove())
            .map_err(|e| format!("cannot set cgroup limits: {e}"))?;
        Ok(cgroups)
    }

    /// A new group with these limits for one process tree.
    pub fn group(&self, memory_bytes: u64, processes: u64) -> io::Result<Group> {
        let n = self.next.fetch_add(1, Ordering::SeqCst);
        let pids = self.pids.join(n.to_string());
        let memory = self.memory.join(n.to_string());
        std::fs::create_dir(&pids)?;
        std::fs::create_dir(&memory)?;
        let group = Group {
            procs: vec![open_procs(&pids)?, open_procs(&memory)?],
            dirs: vec![c_path(&pids), c_path(&memory)],
        };
        std::fs::write(pids.join("pids.max"), processes.to_string())?;
        std::fs::write(
            memory.join("memory.limit_in_bytes"),
            memory_bytes.to_string(),
        )?;
        // With swap accounting, swap counts too; without, the file is absent.
        let _ = std::fs::write(
            memory.join("memory.memsw.limit_in_bytes"),
            memory_bytes.to_string(),
        );
        Ok(group)
    }

    /// Removes what is left: groups whose process tree was killed before it
    /// could remove them. Only once nothing runs in them any more.
    pub fn sweep(&self) {
        for parent in [&self.pids, &self.memory] {
            if let Ok(entries) = std::fs::read_dir(parent) {
                for entry in entries.flatten() {
                    if entry.path().is_dir() {
                        kill_all(&entry.path());
                        let _ = std::fs::remove_dir(entry.path());
                    }
                }
            }
        }
    }
}

impl Drop for Cgroups {
    fn drop(&mut self) {
        self.sweep();
        let _ = std::fs::remove_dir(&self.pids);
        let _ = std::fs::remove_dir(&self.memory);
    }
}

/// The parents of runs whose process has ended.
fn remove_stale(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("awaitlings-") else {
            continue;
        };
        if !Path::new("/proc").join(pid).exists() {
            if let Ok(children) = std::fs::read_dir(entry.path()) {
                for child in children.flatten().filter(|c| c.path().is_dir()) {
                    kill_all(&child.path());
                    let _ = std::fs::remove_dir(child.path());
                }
            }
            let _ = std::fs::remove_dir(entry.path());
        }
    }
}

fn kill_all(group: &Path) {
    let procs = std::fs::read_to_string(group.join("cgroup.procs")).unwrap_or_default();
    for pid in procs
        .lines()
        .filter_map(|l| l.trim().parse::<libc::pid_t>().ok())
    {
        // SAFETY: `kill` takes plain integers; these processes are in a
        // group this run made for students' code.
        #[allow(unsafe_code)]
        unsafe {
            libc::kill(pid, libc::SIGKILL);
        }
    }
}

fn open_procs(dir: &Path) -> io::Result<OwnedFd> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join("cgroup.procs"))?;
    Ok(file.into())
}

fn c_path(path: &Path) -> CString {
    CString::new(path.as_os_str().as_bytes()).expect("no NUL in our own paths")
}

/// One process tree's cgroups: joined by the process between fork and
/// exec, removed once it and everything it started have ended.
#[derive(Debug)]
pub struct Group {
    procs: Vec<OwnedFd>,
    dirs: Vec<CString>,
}

impl Group {
    /// Moves the calling process into the group (`0` names the caller).
    pub fn join(&self) -> io::Result<()> {
        for fd in &self.procs {
            // SAFETY: a write of one byte from a static buffer to an open
            // descriptor; async-signal-safe.
            #[allow(unsafe_code)]
            let written = unsafe { libc::write(fd.as_raw_fd(), c"0".as_ptr().cast(), 1) };
            if written != 1 {
                return Err(io::Error::last_os_error());
            }
        }
        Ok(())
    }

    /// Removes the group; it must be empty. Only system calls: this runs
    /// between fork and exec too.
    pub fn remove(&self) {
        for dir in &self.dirs {
            // A process that just died may still be leaving the group.
            for _ in 0..100 {
                // SAFETY: a valid C string; `sched_yield` takes nothing.
                #[allow(unsafe_code)]
                let removed = unsafe { libc::rmdir(dir.as_ptr()) == 0 };
                if removed || io::Error::last_os_error().raw_os_error() != Some(libc::EBUSY) {
                    break;
                }
                #[allow(unsafe_code)]
                unsafe {
                    libc::sched_yield();
                }
            }
        }
    }
}
