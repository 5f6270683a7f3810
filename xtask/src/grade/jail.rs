//! The jail around a process that runs students' code, entered between
//! fork and exec: its own cgroups (memory and process count for its whole
//! tree), new user, network, IPC and PID namespaces (it is init of its PID
//! namespace: when it ends, everything it started ends), a private root
//! that holds only what it may read, at the same paths as on the host, plus
//! fresh size-capped scratch, and Landlock rules on top.
//!
//! Everything is prepared before the fork (paths as C strings, cgroups,
//! file descriptors); the child only makes system calls, as code between
//! fork and exec must: no allocation, no lock.

use std::ffi::{CString, OsStr};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::cgroup::Group;

/// What a jailed process sees besides the system (`/usr`, `/lib`, a few
/// files of `/etc`, `/dev/null` and the like, its own `/proc`).
#[derive(Clone, Debug, Default)]
pub struct View {
    /// Read-only, at the same paths as on the host.
    pub read: Vec<PathBuf>,
    /// `(source, destination)`: read-only, `source` shown at `destination`.
    pub over: Vec<(PathBuf, PathBuf)>,
    /// Writable, at the same paths.
    pub write: Vec<PathBuf>,
    /// A fresh tmpfs of at most this many bytes, gone with the process.
    pub tmpfs: Vec<(PathBuf, u64)>,
    /// Copy-on-write views of a directory: reads come from it, writes go to
    /// the layer's own directories.
    pub layers: Vec<Layer>,
    /// No `/proc` at all. A test runs without one: through
    /// `/proc/self/mem` it could read its own memory, and in it the key its
    /// harness signs the verdict with.
    pub no_proc: bool,
}

#[derive(Clone, Debug)]
pub struct Layer {
    /// The directory shown, read-only underneath, at its own path.
    pub dir: PathBuf,
    /// Where what the process writes there goes, and overlayfs's work dir
    /// (both on the same file system, both empty at first).
    pub upper: PathBuf,
    pub work: PathBuf,
}

/// The mechanisms this jail uses; what the system offers decides them.
#[derive(Clone, Copy, Debug)]
pub struct Mechanisms {
    pub namespaces: bool,
    pub network: bool,
    pub private_root: bool,
    /// The Landlock ABI to use, 0 for none.
    pub landlock: i32,
}

/// A jail ready to be entered by a forked child.
pub struct Prepared {
    uid_map: [(CString, CString); 3],
    flags: libc::c_int,
    network: bool,
    pid_init: bool,
    root: Option<CString>,
    steps: Vec<Step>,
    landlock: Option<Landlock>,
    group: Option<Group>,
}

/// One step of building the private root.
#[derive(Debug)]
enum Step {
    Dir(CString),
    File(CString),
    Symlink(CString, CString),
    Bind {
        from: CString,
        to: CString,
        read_only: bool,
    },
    Mount {
        kind: CString,
        to: CString,
        options: CString,
    },
}

impl Prepared {
    pub fn new(view: &View, use_: Mechanisms, root: &Path, group: Option<Group>) -> Prepared {
        // SAFETY: `getuid` and `getgid` cannot fail and touch no memory.
        #[allow(unsafe_code)]
        let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
        let mut flags = libc::CLONE_NEWUSER | libc::CLONE_NEWIPC;
        if use_.network {
            flags |= libc::CLONE_NEWNET;
        }
        if use_.private_root {
            // The mount namespace comes after the fork, in the child only:
            // its `pivot_root` moves the root of every process of its
            // namespace, and the waiting parent must keep the host's.
            flags |= libc::CLONE_NEWPID;
        }
        let private_root = use_.namespaces && use_.private_root;
        let steps = if private_root {
            root_steps(view, root)
        } else {
            Vec::new()
        };
        Prepared {
            uid_map: [
                // Unprivileged, the group map needs `setgroups` denied first.
                (c("/proc/self/setgroups"), c("deny")),
                (c("/proc/self/uid_map"), c(&format!("0 {uid} 1"))),
                (c("/proc/self/gid_map"), c(&format!("0 {gid} 1"))),
            ],
            flags: if use_.namespaces { flags } else { 0 },
            network: use_.namespaces && use_.network,
            pid_init: private_root,
            root: private_root.then(|| c_path(root)),
            steps,
            landlock: (use_.landlock > 0).then(|| Landlock::new(view, use_.landlock, private_root)),
            group,
        }
    }

    /// Runs in the child between fork and exec.
    pub fn enter(&self) -> io::Result<()> {
        if self.flags != 0 {
            check(sys::unshare(self.flags))?;
            for (path, text) in &self.uid_map {
                write_file(path, text.as_bytes())?;
            }
        }
        if self.network {
            loopback_up()?;
        }
        if self.pid_init {
            self.become_init()?;
        }
        if let Some(group) = &self.group {
            group.join()?;
        }
        if let Some(root) = &self.root {
            check(sys::unshare(libc::CLONE_NEWNS))?;
            self.build_root(root)?;
        }
        if let Some(landlock) = &self.landlock {
            landlock.restrict()?;
        }
        Ok(())
    }

    /// Forks the process that goes on to exec, init of the new PID
    /// namespace; this one waits for it and ends as it ended.
    fn become_init(&self) -> io::Result<()> {
        let child = check(sys::fork())?;
        if child == 0 {
            // Orphaned, it dies; in a session of its own, nothing it signals
            // by group reaches beyond the namespace.
            check(sys::set_parent_death_signal())?;
            sys::setsid();
            return Ok(());
        }
        // Let `spawn` return: it waits for every copy of its pipe to close.
        sys::close_from(3);
        let status = sys::wait(child);
        if let Some(group) = &self.group {
            group.remove();
        }
        sys::end_like(status)
    }

    fn build_root(&self, root: &CString) -> io::Result<()> {
        check(sys::make_private())?;
        check(sys::mount_tmpfs(root, c"mode=0755,size=1m"))?;
        for step in &self.steps {
            step.run()?;
        }
        // The tmpfs under everything: nothing is written there.
        check(sys::read_only(root, false))?;
        let cwd = sys::getcwd();
        check(sys::pivot_into(root))?;
        if cwd.as_ref().is_none_or(|cwd| sys::chdir(cwd) != 0) {
            check(sys::chdir(c"/"))?;
        }
        Ok(())
    }
}

impl Step {
    fn run(&self) -> io::Result<()> {
        match self {
            Step::Dir(path) => sys::mkdir(path),
            Step::File(path) => sys::touch(path),
            Step::Symlink(target, path) => check(sys::symlink(target, path)).map(drop),
            Step::Bind {
                from,
                to,
                read_only,
            } => {
                check(sys::bind(from, to))?;
                if *read_only {
                    check(sys::read_only(to, true))?;
                }
                Ok(())
            }
            Step::Mount { kind, to, options } => check(sys::mount(kind, to, options)).map(drop),
        }
    }
}

/// Top-level entries of the system that a program needs to run.
const SYSTEM_DIRS: [&str; 7] = ["usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"];
/// Of `/etc`: the dynamic linker's cache, name lookups for `localhost`,
/// the alternatives (`cc` is one), the time zone. Nothing secret.
const SYSTEM_ETC: [&str; 9] = [
    "ld.so.cache",
    "ld.so.conf",
    "hosts",
    "host.conf",
    "nsswitch.conf",
    "passwd",
    "group",
    "localtime",
    "alternatives",
];
const DEVICES: [&str; 6] = ["null", "zero", "full", "random", "urandom", "tty"];

/// How the private root is built under `root`, in order: parents before
/// what is mounted inside them.
fn root_steps(view: &View, root: &Path) -> Vec<Step> {
    let mut plan = RootPlan {
        root,
        steps: Vec::new(),
        made: Default::default(),
    };
    for name in SYSTEM_DIRS {
        plan.show(&Path::new("/").join(name), true);
    }
    plan.dir(Path::new("/etc"));
    for name in SYSTEM_ETC {
        plan.show(&Path::new("/etc").join(name), true);
    }
    plan.dir(Path::new("/dev"));
    for name in DEVICES {
        let device = Path::new("/dev").join(name);
        if device.exists() {
            plan.file(&device);
            plan.bind(&device, &device, false);
        }
    }
    for (name, target) in [
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
    ] {
        plan.steps.push(Step::Symlink(
            c(target),
            c_path(&plan.inside(&Path::new("/dev").join(name))),
        ));
    }
    let mut mounts: Vec<(PathBuf, Mount)> = Vec::new();
    mounts.extend(
        view.read
            .iter()
            .map(|p| (p.clone(), Mount::Bind(p.clone(), true))),
    );
    mounts.extend(
        view.over
            .iter()
            .map(|(f, t)| (t.clone(), Mount::Bind(f.clone(), true))),
    );
    mounts.extend(
        view.write
            .iter()
            .map(|p| (p.clone(), Mount::Bind(p.clone(), false))),
    );
    mounts.extend(
        view.layers
            .iter()
            .map(|l| (l.dir.clone(), Mount::Layer(l.clone()))),
    );
    mounts.extend(
        view.tmpfs
            .iter()
            .map(|(p, size)| (p.clone(), Mount::Tmpfs(*size))),
    );
    if !view.no_proc {
        mounts.push((PathBuf::from("/proc"), Mount::Proc));
    }
    // Parents first: a path sorts before everything under it.
    mounts.sort_by(|a, b| a.0.cmp(&b.0));
    for (to, mount) in mounts {
        plan.mount(&to, mount);
    }
    plan.steps
}

enum Mount {
    Bind(PathBuf, bool),
    Layer(Layer),
    Tmpfs(u64),
    Proc,
}

struct RootPlan<'a> {
    root: &'a Path,
    steps: Vec<Step>,
    made: std::collections::HashSet<PathBuf>,
}

impl RootPlan<'_> {
    fn inside(&self, path: &Path) -> PathBuf {
        self.root.join(path.strip_prefix("/").unwrap_or(path))
    }

    /// The directory and its parents, inside the root.
    fn dir(&mut self, path: &Path) {
        for ancestor in path.ancestors().collect::<Vec<_>>().into_iter().rev() {
            if ancestor != Path::new("/") && self.made.insert(ancestor.to_path_buf()) {
                self.steps.push(Step::Dir(c_path(&self.inside(ancestor))));
            }
        }
    }

    fn file(&mut self, path: &Path) {
        if let Some(parent) = path.parent() {
            self.dir(parent);
        }
        self.steps.push(Step::File(c_path(&self.inside(path))));
    }

    fn bind(&mut self, from: &Path, to: &Path, read_only: bool) {
        self.steps.push(Step::Bind {
            from: c_path(from),
            to: c_path(&self.inside(to)),
            read_only,
        });
    }

    /// A host path as it is: a symlink as a symlink, a file or a directory
    /// bound; nothing when it does not exist.
    fn show(&mut self, path: &Path, read_only: bool) {
        let Ok(meta) = path.symlink_metadata() else {
            return;
        };
        if meta.is_symlink() {
            if let (Ok(target), Some(parent)) = (path.read_link(), path.parent()) {
                self.dir(parent);
                let link = c_path(&self.inside(path));
                self.steps.push(Step::Symlink(c_path(&target), link));
            }
        } else {
            self.node(path, meta.is_dir());
            self.bind(path, path, read_only);
        }
    }

    fn node(&mut self, path: &Path, is_dir: bool) {
        if is_dir {
            self.dir(path);
        } else {
            self.file(path);
        }
    }

    fn mount(&mut self, to: &Path, mount: Mount) {
        match mount {
            Mount::Bind(from, read_only) => {
                self.node(to, from.is_dir());
                self.bind(&from, to, read_only);
            }
            Mount::Layer(layer) => {
                self.dir(to);
                let options = format!(
                    "lowerdir={},upperdir={},workdir={}",
                    layer.dir.display(),
                    layer.upper.display(),
                    layer.work.display()
                );
                self.mount_kind("overlay", to, &options);
            }
            Mount::Tmpfs(size) => {
                self.dir(to);
                let options = format!("mode=1777,size={size},nr_inodes={}", size / 4096);
                self.mount_kind("tmpfs", to, &options);
            }
            Mount::Proc => {
                self.dir(to);
                self.mount_kind("proc", to, "");
            }
        }
    }

    fn mount_kind(&mut self, kind: &str, to: &Path, options: &str) {
        self.steps.push(Step::Mount {
            kind: c(kind),
            to: c_path(&self.inside(to)),
            options: c(options),
        });
    }
}

/// Landlock rules, built and applied in the child (after the private
/// root exists, whose inodes they name).
struct Landlock {
    abi: i32,
    rules: Vec<(CString, u64)>,
}

mod access {
    pub const EXECUTE: u64 = 1 << 0;
    pub const WRITE_FILE: u64 = 1 << 1;
    pub const READ_FILE: u64 = 1 << 2;
    pub const READ_DIR: u64 = 1 << 3;
    pub const MAKE_CHAR: u64 = 1 << 6;
    pub const MAKE_BLOCK: u64 = 1 << 11;
    pub const TRUNCATE: u64 = 1 << 14;
    pub const IOCTL_DEV: u64 = 1 << 15;
    pub const READ: u64 = EXECUTE | READ_FILE | READ_DIR;
    /// What a rule on a file (not a directory) may grant.
    pub const FILE: u64 = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV;
    /// Everything in a scratch directory, except making device nodes.
    pub const WRITE: u64 = !(MAKE_CHAR | MAKE_BLOCK);
    pub const SCOPE_ABSTRACT_UNIX_SOCKET: u64 = 1 << 0;
    pub const SCOPE_SIGNAL: u64 = 1 << 1;
}

impl Landlock {
    fn new(view: &View, abi: i32, private_root: bool) -> Landlock {
        let mut rules: Vec<(PathBuf, u64)> = Vec::new();
        if private_root {
            // Whatever is in the private root may be read: nothing else is.
            rules.push(("/".into(), access::READ));
        } else {
            let system = SYSTEM_DIRS.iter().map(|d| Path::new("/").join(d));
            rules.extend(system.map(|p| (p, access::READ)));
            rules.push(("/etc".into(), access::READ));
            if !view.no_proc {
                rules.push(("/proc".into(), access::READ));
            }
            rules.extend(view.read.iter().map(|p| (p.clone(), access::READ)));
            rules.extend(view.over.iter().map(|(f, _)| (f.clone(), access::READ)));
        }
        rules.push((
            "/dev".into(),
            access::READ | access::WRITE_FILE | access::IOCTL_DEV,
        ));
        let writable = view
            .write
            .iter()
            .chain(view.layers.iter().map(|l| &l.dir))
            .chain(view.tmpfs.iter().map(|(p, _)| p));
        rules.extend(writable.map(|p| (p.clone(), access::WRITE)));
        let handled = handled_access(abi);
        Landlock {
            abi,
            rules: rules
                .into_iter()
                .filter_map(|(path, rights)| {
                    let meta = path.metadata().ok();
                    let is_dir = meta.is_some_and(|m| m.is_dir());
                    let mask = if is_dir {
                        handled
                    } else {
                        handled & access::FILE
                    };
                    (private_root || path.exists()).then(|| (c_path(&path), rights & mask))
                })
                .collect(),
        }
    }

    /// Runs in the child: a ruleset of every right this ABI knows, the
    /// rules, and no way back.
    fn restrict(&self) -> io::Result<()> {
        let attr = sys::RulesetAttr {
            handled_access_fs: handled_access(self.abi),
            handled_access_net: 0,
            scoped: if self.abi >= 6 {
                access::SCOPE_ABSTRACT_UNIX_SOCKET | access::SCOPE_SIGNAL
            } else {
                0
            },
        };
        let ruleset = sys::create_ruleset(&attr)?;
        for (path, rights) in &self.rules {
            // A path the private root does not have needs no rule.
            let Ok(dir) = sys::open_path(path) else {
                continue;
            };
            sys::add_rule(&ruleset, &dir, *rights)?;
        }
        sys::restrict_self(&ruleset)
    }
}

/// Every filesystem right the ABI knows: 13 in the first, then `REFER`
/// (2), `TRUNCATE` (3) and `IOCTL_DEV` (5).
fn handled_access(abi: i32) -> u64 {
    let bits = match abi {
        i32::MIN..=0 => 0,
        1 => 13,
        2 => 14,
        3 | 4 => 15,
        _ => 16,
    };
    (1u64 << bits) - 1
}

/// The Landlock ABI this kernel offers, 0 when it has none.
pub fn landlock_abi() -> i32 {
    sys::landlock_version().max(0)
}

fn c(text: &str) -> CString {
    CString::new(text).expect("no NUL inside")
}

fn c_path(path: &Path) -> CString {
    c_os(path.as_os_str())
}

fn c_os(text: &OsStr) -> CString {
    CString::new(text.as_bytes()).unwrap_or_else(|_| c("/nonexistent"))
}

fn check(result: libc::c_int) -> io::Result<libc::c_int> {
    if result < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(result)
    }
}

fn write_file(path: &CString, bytes: &[u8]) -> io::Result<()> {
    let fd = check(sys::open(path, libc::O_WRONLY))?;
    // SAFETY: `fd` was just opened and is owned here.
    #[allow(unsafe_code)]
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    sys::write_all(&fd, bytes)
}

/// Brings the new network namespace's loopback up: tests bind 127.0.0.1:0.
fn loopback_up() -> io::Result<()> {
    sys::loopback_up()
}

/// The system calls, each wrapped once; all async-signal-safe.
#[allow(unsafe_code)]
mod sys {
    use super::*;

    #[repr(C)]
    pub struct RulesetAttr {
        pub handled_access_fs: u64,
        pub handled_access_net: u64,
        pub scoped: u64,
    }

    #[repr(C, packed)]
    struct PathBeneath {
        allowed_access: u64,
        parent_fd: i32,
    }

    const CREATE_RULESET_VERSION: u32 = 1 << 0;
    const RULE_PATH_BENEATH: libc::c_int = 1;

    pub fn landlock_version() -> i32 {
        // SAFETY: a null attribute with size 0 only asks for the version.
        unsafe {
            libc::syscall(
                libc::SYS_landlock_create_ruleset,
                std::ptr::null::<RulesetAttr>(),
                0usize,
                CREATE_RULESET_VERSION,
            ) as i32
        }
    }

    pub fn create_ruleset(attr: &RulesetAttr) -> io::Result<OwnedFd> {
        // SAFETY: `attr` is a valid struct of the size given.
        let fd = unsafe {
            libc::syscall(
                libc::SYS_landlock_create_ruleset,
                attr as *const RulesetAttr,
                std::mem::size_of::<RulesetAttr>(),
                0u32,
            )
        };
        let fd = check(fd as libc::c_int)?;
        // SAFETY: a new descriptor, owned from here on.
        Ok(unsafe { OwnedFd::from_raw_fd(fd) })
    }

    pub fn add_rule(ruleset: &OwnedFd, dir: &OwnedFd, rights: u64) -> io::Result<()> {
        let rule = PathBeneath {
            allowed_access: rights,
            parent_fd: dir.as_raw_fd(),
        };
        // SAFETY: `rule` lives for the call; both descriptors are open.
        let result = unsafe {
            libc::syscall(
                libc::SYS_landlock_add_rule,
                ruleset.as_raw_fd(),
                RULE_PATH_BENEATH,
                &rule as *const PathBeneath,
                0u32,
            )
        };
        check(result as libc::c_int).map(drop)
    }

    pub fn restrict_self(ruleset: &OwnedFd) -> io::Result<()> {
        // SAFETY: plain calls on integers and an open descriptor.
        unsafe {
            check(libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))?;
            let result = libc::syscall(libc::SYS_landlock_restrict_self, ruleset.as_raw_fd(), 0u32);
            check(result as libc::c_int).map(drop)
        }
    }

    pub fn open_path(path: &CString) -> io::Result<OwnedFd> {
        let fd = check(open(path, libc::O_PATH))?;
        // SAFETY: a new descriptor, owned from here on.
        Ok(unsafe { OwnedFd::from_raw_fd(fd) })
    }

    pub fn open(path: &CString, flags: libc::c_int) -> libc::c_int {
        // SAFETY: a valid C string.
        unsafe { libc::open(path.as_ptr(), flags | libc::O_CLOEXEC) }
    }

    pub fn write_all(fd: &OwnedFd, mut bytes: &[u8]) -> io::Result<()> {
        while !bytes.is_empty() {
            // SAFETY: the slice is valid for its length.
            let n = unsafe { libc::write(fd.as_raw_fd(), bytes.as_ptr().cast(), bytes.len()) };
            if n < 0 {
                return Err(io::Error::last_os_error());
            }
            bytes = &bytes[n as usize..];
        }
        Ok(())
    }

    pub fn unshare(flags: libc::c_int) -> libc::c_int {
        // SAFETY: a plain system call.
        unsafe { libc::unshare(flags) }
    }

    pub fn fork() -> libc::c_int {
        // SAFETY: in a single-threaded child; both sides only make system
        // calls afterwards.
        unsafe { libc::fork() }
    }

    pub fn set_parent_death_signal() -> libc::c_int {
        // SAFETY: a plain system call.
        unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) }
    }

    pub fn setsid() {
        // SAFETY: a plain system call.
        unsafe {
            libc::setsid();
        }
    }

    pub fn close_from(first: u32) {
        // SAFETY: closes descriptors this process no longer uses.
        unsafe {
            libc::syscall(libc::SYS_close_range, first, u32::MAX, 0u32);
        }
    }

    /// The wait status of `child`, waiting through interruptions.
    pub fn wait(child: libc::c_int) -> libc::c_int {
        let mut status = 0;
        loop {
            // SAFETY: `status` outlives the call.
            let result = unsafe { libc::waitpid(child, &mut status, 0) };
            if result == child
                || (result < 0 && io::Error::last_os_error().raw_os_error() != Some(libc::EINTR))
            {
                return status;
            }
        }
    }

    /// Ends this process as `status` says its child ended: with the same
    /// exit code, or killed by the same signal.
    pub fn end_like(status: libc::c_int) -> ! {
        // SAFETY: plain system calls; `_exit` does not return.
        unsafe {
            if libc::WIFSIGNALED(status) {
                let signal = libc::WTERMSIG(status);
                libc::signal(signal, libc::SIG_DFL);
                let mut set: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut set);
                libc::sigaddset(&mut set, signal);
                libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
                libc::kill(libc::getpid(), signal);
                libc::_exit(128 + signal)
            }
            libc::_exit(libc::WEXITSTATUS(status))
        }
    }

    pub fn make_private() -> libc::c_int {
        // SAFETY: valid C strings or null, as mount(2) takes them.
        unsafe {
            libc::mount(
                std::ptr::null(),
                c"/".as_ptr(),
                std::ptr::null(),
                libc::MS_REC | libc::MS_PRIVATE,
                std::ptr::null(),
            )
        }
    }

    pub fn mount_tmpfs(to: &CString, options: &std::ffi::CStr) -> libc::c_int {
        mount(c"tmpfs", to, options)
    }

    pub fn mount(kind: &std::ffi::CStr, to: &CString, options: &std::ffi::CStr) -> libc::c_int {
        let flags = libc::MS_NOSUID | libc::MS_NODEV;
        // SAFETY: valid C strings.
        unsafe {
            libc::mount(
                kind.as_ptr(),
                to.as_ptr(),
                kind.as_ptr(),
                flags,
                options.as_ptr().cast(),
            )
        }
    }

    pub fn bind(from: &CString, to: &CString) -> libc::c_int {
        // SAFETY: valid C strings or null.
        unsafe {
            libc::mount(
                from.as_ptr(),
                to.as_ptr(),
                std::ptr::null(),
                libc::MS_BIND | libc::MS_REC,
                std::ptr::null(),
            )
        }
    }

    #[repr(C)]
    struct MountAttr {
        attr_set: u64,
        attr_clr: u64,
        propagation: u64,
        userns_fd: u64,
    }

    const MOUNT_ATTR_RDONLY: u64 = 0x1;
    const MOUNT_ATTR_NOSUID: u64 = 0x2;

    /// Makes the mount at `path` read-only, and with `recursive` every
    /// mount under it: without dropping flags the mount already has, which
    /// a namespace that does not own them could not.
    pub fn read_only(path: &CString, recursive: bool) -> libc::c_int {
        let attr = MountAttr {
            attr_set: MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID,
            attr_clr: 0,
            propagation: 0,
            userns_fd: 0,
        };
        let flags = if recursive { libc::AT_RECURSIVE } else { 0 };
        // SAFETY: a valid C string and a struct of the size given.
        unsafe {
            libc::syscall(
                libc::SYS_mount_setattr,
                libc::AT_FDCWD,
                path.as_ptr(),
                flags as libc::c_uint,
                &attr as *const MountAttr,
                std::mem::size_of::<MountAttr>(),
            ) as libc::c_int
        }
    }

    /// Makes `root` the root, and the old one unreachable: `pivot_root(".",
    /// ".")` stacks the old root on the new one, and detaching it leaves
    /// the new one alone.
    pub fn pivot_into(root: &CString) -> libc::c_int {
        // SAFETY: valid C strings; every result is checked.
        unsafe {
            if libc::chdir(root.as_ptr()) != 0 {
                return -1;
            }
            if libc::syscall(libc::SYS_pivot_root, c".".as_ptr(), c".".as_ptr()) != 0 {
                return -1;
            }
            if libc::umount2(c".".as_ptr(), libc::MNT_DETACH) != 0 {
                return -1;
            }
            libc::chdir(c"/".as_ptr())
        }
    }

    /// The working directory, in a buffer of this process (no allocation:
    /// the caller's closure owns it).
    pub fn getcwd() -> Option<CwdBuffer> {
        let mut buffer = CwdBuffer([0; libc::PATH_MAX as usize]);
        // SAFETY: the buffer is valid for its length.
        let result = unsafe { libc::getcwd(buffer.0.as_mut_ptr().cast(), buffer.0.len()) };
        (!result.is_null()).then_some(buffer)
    }

    pub struct CwdBuffer([u8; libc::PATH_MAX as usize]);

    pub trait AsCPath {
        fn c_ptr(&self) -> *const libc::c_char;
    }

    impl AsCPath for CwdBuffer {
        fn c_ptr(&self) -> *const libc::c_char {
            self.0.as_ptr().cast()
        }
    }

    impl AsCPath for std::ffi::CStr {
        fn c_ptr(&self) -> *const libc::c_char {
            self.as_ptr()
        }
    }

    pub fn chdir(path: &(impl AsCPath + ?Sized)) -> libc::c_int {
        // SAFETY: a NUL-terminated path.
        unsafe { libc::chdir(path.c_ptr()) }
    }

    pub fn mkdir(path: &CString) -> io::Result<()> {
        // SAFETY: a valid C string.
        let result = unsafe { libc::mkdir(path.as_ptr(), 0o755) };
        if result == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EEXIST) {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    pub fn touch(path: &CString) -> io::Result<()> {
        let fd = open_mode(path, libc::O_WRONLY | libc::O_CREAT, 0o644);
        let fd = check(fd)?;
        // SAFETY: the descriptor was just opened.
        unsafe { libc::close(fd) };
        Ok(())
    }

    fn open_mode(path: &CString, flags: libc::c_int, mode: libc::c_uint) -> libc::c_int {
        // SAFETY: a valid C string.
        unsafe { libc::open(path.as_ptr(), flags | libc::O_CLOEXEC, mode) }
    }

    pub fn symlink(target: &CString, path: &CString) -> libc::c_int {
        // SAFETY: valid C strings.
        unsafe { libc::symlink(target.as_ptr(), path.as_ptr()) }
    }

    pub fn loopback_up() -> io::Result<()> {
        // SAFETY: a zeroed `ifreq` that lives for the whole call; every
        // result is checked.
        unsafe {
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
            up.map(drop)
        }
    }
}
