//! What differs between operating systems, behind one interface: how a
//! test's processes are grouped and killed, how a crash is described, and
//! how output ends on a closed pipe.
//!
//! - `unix.rs`: Linux and macOS. Each test leads its own process group, so
//!   one `kill(-group)` ends it and everything it started.
//! - `windows.rs`: Windows, and any other system that is not Unix. It uses
//!   the standard library only, so it compiles everywhere, and Linux builds
//!   and tests it too: the fallback a student's Windows machine runs is
//!   the code this machine has tested.
//!
//! Everything else the student commands do is the same code on every
//! system. Grading (`grade/`) is Linux-only and calls the kernel itself.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::*;

#[cfg(any(not(unix), test))]
#[cfg_attr(unix, allow(dead_code))] // on Unix, only its tests use it
mod windows;
#[cfg(not(unix))]
pub use windows::*;

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// What only Unix has, and where it may appear: this module's Unix
    /// file and the Linux-only grading. The check is textual, so the rule
    /// holds for code this machine cannot compile for other systems.
    const UNIX_ONLY: &[&str] = &[
        "std::os::unix",
        "libc::",
        ".process_group(",
        "ExitStatusExt",
        ".signal()",
    ];
    const ALLOWED: &[&str] = &["os/unix.rs", "os/mod.rs", "grade/"];
    /// Below this line a file holds tests that run on Unix only.
    const UNIX_TESTS: &str = "#[cfg(all(test, unix))]";

    #[test]
    fn unix_only_calls_live_in_the_unix_module() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        for file in rust_files(&src) {
            let name = file.strip_prefix(&src).unwrap().to_string_lossy();
            let name = name.replace('\\', "/");
            if ALLOWED.iter().any(|allowed| name.starts_with(allowed)) {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let portable = text.split(UNIX_TESTS).next().unwrap();
            for (n, line) in portable.lines().enumerate() {
                if UNIX_ONLY.iter().any(|call| line.contains(call)) {
                    found.push(format!("{name}:{}: {}", n + 1, line.trim()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "Unix-only calls outside os/unix.rs: Windows cannot build them. Move them \
             behind the os module:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn grading_is_built_on_linux_only() {
        let main = include_str!("../main.rs");
        assert!(main.contains("#[cfg(target_os = \"linux\")]\nmod grade;"));
    }

    fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files.extend(rust_files(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
        files
    }
}
