//! Submissions: where they come from (directories, git repositories,
//! archives, or a directory of them) and how their files are made readable
//! without ever writing to them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};

use super::jail::View;
use super::sandbox::{Limits, Sandbox, run_limited};
use super::tree;
use crate::runner::Launcher;

/// Unpacking an honest submission takes well under a second.
const UNPACK_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Directory,
    Git,
    TarGz,
    Zip,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Directory => "directory",
            Kind::Git => "git",
            Kind::TarGz => "tar.gz",
            Kind::Zip => "zip",
        }
    }
}

/// One student's work as given on the command line.
#[derive(Clone, Debug)]
pub struct Submission {
    /// The student id: the file or directory name without its extension.
    pub id: String,
    pub path: PathBuf,
    /// `Err` says why this path cannot be a submission.
    pub kind: Result<Kind, String>,
}

/// The submissions named by `inputs`: each input is one submission, except
/// a single directory that is not one itself, which holds one per student.
pub fn discover(inputs: &[PathBuf]) -> Vec<Submission> {
    let mut found = match inputs {
        [only] if is_collection(only) => entries_of(only),
        _ => inputs.iter().map(|p| submission(p)).collect(),
    };
    make_ids_unique(&mut found);
    found
}

fn is_collection(path: &Path) -> bool {
    path.is_dir() && !is_git(path) && !path.join("crates").is_dir()
}

fn entries_of(dir: &Path) -> Vec<Submission> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| !file_name(p).starts_with('.'));
    paths.sort();
    paths.iter().map(|p| submission(p)).collect()
}

fn submission(path: &Path) -> Submission {
    Submission {
        id: student_id(path),
        path: path.to_path_buf(),
        kind: kind_of(path),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// `alice` from `alice`, `alice.tar.gz`, `alice.tgz`, `alice.zip`, `alice.git`.
pub fn student_id(path: &Path) -> String {
    let name = file_name(path);
    for suffix in [".tar.gz", ".tgz", ".zip", ".git"] {
        if let Some(stem) = name.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return stem.to_string();
        }
    }
    name
}

fn kind_of(path: &Path) -> Result<Kind, String> {
    let name = file_name(path);
    if !path.exists() {
        Err(format!("{} does not exist", path.display()))
    } else if path.is_dir() && is_git(path) {
        Ok(Kind::Git)
    } else if path.is_dir() {
        Ok(Kind::Directory)
    } else if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
        Ok(Kind::TarGz)
    } else if name.ends_with(".zip") {
        Ok(Kind::Zip)
    } else {
        Err(format!(
            "{} is neither a directory, a git repository, a .tar.gz nor a .zip",
            path.display()
        ))
    }
}

/// A working copy (`.git` inside) or a bare repository.
fn is_git(path: &Path) -> bool {
    path.join(".git").exists() || (path.join("HEAD").is_file() && path.join("objects").is_dir())
}

/// Two inputs named alike (`a/alice`, `b/alice`) become `alice`, `alice-2`.
fn make_ids_unique(submissions: &mut [Submission]) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for s in submissions.iter_mut() {
        let count = seen.entry(s.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            s.id = format!("{}-{count}", s.id);
        }
    }
}

/// The root of the student's workspace, readable, and never the place we
/// write to: a directory is read where it is; anything else is unpacked into
/// `scratch` by git, tar or unzip in the jail, which shows them the
/// submission (read-only) and the directory they unpack into, nothing else.
pub fn open(submission: &Submission, git_ref: &str, scratch: &Path) -> Result<PathBuf> {
    let kind = match &submission.kind {
        Ok(kind) => *kind,
        Err(why) => bail!("{why}"),
    };
    let source = &submission.path;
    if kind == Kind::Directory {
        return workspace_root(source);
    }
    let unpacked = scratch.join("files");
    std::fs::create_dir_all(&unpacked)?;
    let what = if kind == Kind::Git {
        "repository"
    } else {
        "archive"
    };
    if kind == Kind::Git && !is_plain_ref(git_ref) {
        bail!("`{git_ref}` is not a ref git can fetch");
    }
    let script = match kind {
        Kind::Git => EXPORT_GIT,
        Kind::TarGz => UNPACK_TAR,
        _ => UNPACK_ZIP,
    };
    let view = View {
        read: vec![source.clone()],
        write: vec![unpacked.clone()],
        ..View::default()
    };
    let mut sandbox = Sandbox::jailed(Limits::unpack(), scratch, view);
    sandbox.env = UNPACK_ENV
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut command = sandbox.command(Path::new("sh"));
    command
        .args(["-c", &format!("{PREAMBLE}{script}"), "sh"])
        .arg(std::path::absolute(source)?)
        .arg(std::path::absolute(&unpacked)?)
        .arg(git_ref)
        .current_dir("/");
    let out = run_limited(command, UNPACK_TIMEOUT).context("cannot run the unpacking")?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        let said: String = said.trim().chars().take(1000).collect();
        if said.contains(OUT_OF_ROOM) {
            let bytes = Limits::unpack().scratch_bytes;
            bail!(
                "the {what} unpacks to more than {} MiB or {} files",
                bytes >> 20,
                bytes / 4096
            );
        }
        bail!("cannot unpack the {what}: {said}");
    }
    if std::fs::read_dir(&unpacked)?.next().is_none() {
        bail!("the {what} is empty");
    }
    workspace_root(&unpacked)
}

/// No configuration, templates, hooks or attributes but ours: git reads no
/// file of the grader's (there are none in the jail) nor of the student's.
const UNPACK_ENV: [(&str, &str); 5] = [
    ("HOME", "/nonexistent"),
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ("GIT_TERMINAL_PROMPT", "0"),
    ("GIT_ATTR_NOSYSTEM", "1"),
];

/// `$1` the repository, `$2` where its files go, `$3` the ref. The ref is
/// fetched into a fresh bare repository and archived from there: nothing
/// of the student's repository is used but its objects (no config, hooks,
/// attributes' filters, fsmonitor). Unpacked in `$TMPDIR` (a size-capped
/// tmpfs in the jail), then copied.
const EXPORT_GIT: &str = r#"git init -q --bare --template= "$t/repo.git"
git -C "$t/repo.git" -c protocol.file.allow=always -c safe.directory='*' \
    fetch -q --no-tags --no-recurse-submodules --depth=1 "file://$1" "+$3:refs/graded"
mkdir "$t/files"
git -C "$t/repo.git" archive --format=tar refs/graded \
    | tar -x -C "$t/files" --no-same-owner --no-same-permissions --exclude=target || room
cp -R "$t/files/." "$2/"
"#;

/// `$1` the archive, `$2` where its files go. Build output (`target/`) is
/// left out: it is never graded, and would count against the size limit.
const UNPACK_TAR: &str = r#"mkdir "$t/files"
tar -x -z -f "$1" -C "$t/files" --no-same-owner --no-same-permissions \
    --exclude=target --exclude=.git || room
cp -R "$t/files/." "$2/"
"#;

const UNPACK_ZIP: &str = r#"mkdir "$t/files"
unzip -qq "$1" -d "$t/files" -x 'target/*' '*/target/*' '.git/*' '*/.git/*' || room
cp -R "$t/files/." "$2/"
"#;

/// What the scripts say when their tmpfs filled up (bytes or files).
const OUT_OF_ROOM: &str = "awaitlings: out of room";

/// `room`: after a failure, says so when the tmpfs is full, and stops.
const PREAMBLE: &str = r#"set -e
t="${TMPDIR:-/tmp}"
room() {
    free=$(df -Pk "$t" | awk 'NR == 2 { print $4 }')
    inodes=$(df -Pi "$t" | awk 'NR == 2 { print $4 }')
    if [ "$free" -lt 1024 ] || [ "$inodes" -lt 16 ]; then
        echo "awaitlings: out of room" >&2
    fi
    exit 1
}
"#;

/// `HEAD`, `main`, `refs/tags/v1`, `a1b2c3`: nothing git could read as an
/// option or a pattern.
fn is_plain_ref(git_ref: &str) -> bool {
    !git_ref.is_empty()
        && !git_ref.starts_with('-')
        && git_ref
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c))
}

/// The directory holding `crates/`: the top, or the one folder an archive
/// often wraps everything in; never reached through a symlink.
fn workspace_root(dir: &Path) -> Result<PathBuf> {
    let has_crates = |d: &Path| tree::kind_below(d, Path::new("crates"));
    match has_crates(dir) {
        Ok(Some(tree::Kind::Dir)) => return Ok(dir.to_path_buf()),
        Ok(Some(kind)) => bail!("crates/ is {}, not a directory", tree::describe(kind)),
        Ok(None) => {}
        Err(why) => bail!("{why}"),
    }
    let folders: Vec<(PathBuf, tree::Kind)> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            !name.starts_with('.') && name != "__MACOSX"
        })
        .filter_map(|e| Some((e.path(), tree::kind_of(&e.path().symlink_metadata().ok()?))))
        .filter(|(_, kind)| matches!(kind, tree::Kind::Dir | tree::Kind::Symlink))
        .collect();
    match folders.as_slice() {
        [(only, tree::Kind::Dir)] => match has_crates(only) {
            Ok(Some(tree::Kind::Dir)) => Ok(only.clone()),
            Ok(Some(kind)) => bail!("{}/crates is {}", file_name(only), tree::describe(kind)),
            _ => bail!("not a workspace: no crates/ directory at its top"),
        },
        [(only, tree::Kind::Symlink)] => bail!("{} is a symlink", file_name(only)),
        _ => bail!("not a workspace: no crates/ directory at its top"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::{Command, Stdio};

    #[test]
    fn ids_drop_archive_extensions() {
        for (path, id) in [
            ("x/alice.tar.gz", "alice"),
            ("bob.tgz", "bob"),
            ("carol.zip", "carol"),
            ("dan.git", "dan"),
            ("erin", "erin"),
            (".zip", ".zip"),
        ] {
            assert_eq!(student_id(Path::new(path)), id);
        }
    }

    #[test]
    fn a_directory_of_submissions_is_one_per_entry() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("alice/crates")).unwrap();
        std::fs::write(dir.path().join("bob.tar.gz"), b"").unwrap();
        std::fs::write(dir.path().join("notes.txt"), b"").unwrap();
        std::fs::write(dir.path().join(".hidden"), b"").unwrap();
        let found = discover(&[dir.path().to_path_buf()]);
        let ids: Vec<&str> = found.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["alice", "bob", "notes.txt"]);
        assert_eq!(found[0].kind, Ok(Kind::Directory));
        assert_eq!(found[1].kind, Ok(Kind::TarGz));
        assert!(found[2].kind.is_err());
    }

    #[test]
    fn a_missing_path_is_a_bad_submission_not_an_abort() {
        let found = discover(&[PathBuf::from("/no/such/alice"), PathBuf::from("/no/bob")]);
        assert_eq!(found.len(), 2);
        assert!(
            found[0]
                .kind
                .as_ref()
                .unwrap_err()
                .contains("does not exist")
        );
        let scratch = tempfile::tempdir().unwrap();
        let error = open(&found[0], "HEAD", scratch.path()).unwrap_err();
        assert!(error.to_string().contains("does not exist"));
    }

    #[test]
    fn the_same_name_twice_gets_a_suffix() {
        let found = discover(&[PathBuf::from("a/x"), PathBuf::from("b/x")]);
        assert_eq!(found[1].id, "x-2");
    }

    #[test]
    fn an_empty_archive_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("empty.tar.gz");
        let status = Command::new("tar")
            .arg("-czf")
            .arg(&archive)
            .args(["-T", "/dev/null"])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        let found = discover(std::slice::from_ref(&archive));
        let error = open(&found[0], "HEAD", &dir.path().join("scratch")).unwrap_err();
        assert!(error.to_string().contains("empty"), "{error}");
    }
}
