//! Reading a submission's files as a stranger's: never through a symlink,
//! only regular files, sizes checked before anything is read, and the walk
//! itself bounded (depth, number of entries).

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// No source file of the course comes near this.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Entries looked at in one walk; a workspace without `target/` has a few hundred.
pub const MAX_ENTRIES: usize = 20_000;
pub const MAX_DEPTH: usize = 24;

/// What a directory entry is, without following it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Dir,
    File(u64),
    Symlink,
    /// A FIFO, socket or device: never opened.
    Special(&'static str),
}

pub fn kind_of(meta: &Metadata) -> Kind {
    let kind = meta.file_type();
    if kind.is_symlink() {
        Kind::Symlink
    } else if kind.is_dir() {
        Kind::Dir
    } else if kind.is_file() {
        Kind::File(meta.len())
    } else if kind.is_fifo() {
        Kind::Special("a named pipe")
    } else if kind.is_socket() {
        Kind::Special("a socket")
    } else {
        Kind::Special("a device")
    }
}

/// What `relative` is under `root`, when every component on the way down
/// is a real directory: `Err` names the first that is not (a symlink, a
/// file), `Ok(None)` when the path does not exist.
pub fn kind_below(root: &Path, relative: &Path) -> Result<Option<Kind>, String> {
    let mut path = root.to_path_buf();
    let mut parts = relative.components().peekable();
    while let Some(part) = parts.next() {
        path.push(part);
        let Ok(meta) = path.symlink_metadata() else {
            return Ok(None);
        };
        let kind = kind_of(&meta);
        if parts.peek().is_none() {
            return Ok(Some(kind));
        }
        if kind != Kind::Dir {
            let shown = path.strip_prefix(root).unwrap_or(&path);
            return Err(format!("{} is {}", shown.display(), describe(kind)));
        }
    }
    Ok(Some(Kind::Dir))
}

pub fn describe(kind: Kind) -> &'static str {
    match kind {
        Kind::Dir => "a directory",
        Kind::File(_) => "a file",
        Kind::Symlink => "a symlink",
        Kind::Special(what) => what,
    }
}

/// Opens a regular file without following a symlink or waiting on a FIFO,
/// and checks it is still the regular file of at most `max` bytes it was.
pub fn open_regular(path: &Path, max: u64) -> io::Result<File> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() || meta.len() > max {
        return Err(io::Error::other("not a regular file of a sensible size"));
    }
    Ok(file)
}

/// The whole file, when it is regular and at most `max` bytes.
pub fn read_regular(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_regular(path, max)?.take(max).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Whether the file holds exactly `ours`: its size first, then its bytes.
pub fn same_content(path: &Path, ours: &[u8]) -> bool {
    read_regular(path, ours.len() as u64).is_ok_and(|theirs| theirs == ours)
}

/// An entry met by `walk`, relative to where the walk started.
pub struct Entry {
    pub relative: PathBuf,
    pub path: PathBuf,
    pub kind: Kind,
}

/// Every entry under `dir` in name order, depth first, never through a
/// symlink; `visit` says whether to go into a directory. Stops after
/// `MAX_ENTRIES` entries or below `MAX_DEPTH`, and says so.
pub fn walk(dir: &Path, visit: &mut dyn FnMut(&Entry) -> bool) -> Result<(), String> {
    let mut seen = 0;
    walk_from(dir, Path::new(""), 0, &mut seen, visit)
}

fn walk_from(
    dir: &Path,
    relative: &Path,
    depth: usize,
    seen: &mut usize,
    visit: &mut dyn FnMut(&Entry) -> bool,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!("{} is nested too deep", relative.display()));
    }
    let Ok(entries) = std::fs::read_dir(dir.join(relative)) else {
        return Ok(());
    };
    let mut entries: Vec<_> = entries
        .filter_map(|e| e.ok())
        .take(MAX_ENTRIES + 1)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        *seen += 1;
        if *seen > MAX_ENTRIES {
            return Err(format!("more than {MAX_ENTRIES} files"));
        }
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let found = Entry {
            relative: relative.join(entry.file_name()),
            path: entry.path(),
            kind: kind_of(&meta),
        };
        if visit(&found) && found.kind == Kind::Dir {
            walk_from(dir, &found.relative, depth + 1, seen, visit)?;
        }
    }
    Ok(())
}

/// Removes a directory tree of ours, including what overlayfs leaves
/// unreadable in its work directory.
pub fn remove_tree(dir: &Path) {
    if std::fs::remove_dir_all(dir).is_ok() || !dir.exists() {
        return;
    }
    let _ = walk(dir, &mut |entry| {
        if entry.kind == Kind::Dir {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&entry.path, std::fs::Permissions::from_mode(0o700));
        }
        true
    });
    let _ = std::fs::remove_dir_all(dir);
}
