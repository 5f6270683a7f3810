//! Submissions: where they come from (directories, git repositories,
//! archives, or a directory of them) and how their files are made readable
//! without ever writing to them.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use super::sandbox::{Limits, Sandbox, run_limited};
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
/// `scratch`.
pub fn open(submission: &Submission, git_ref: &str, scratch: &Path) -> Result<PathBuf> {
    let kind = match &submission.kind {
        Ok(kind) => *kind,
        Err(why) => bail!("{why}"),
    };
    let unpacked = scratch.join("files");
    let source = &submission.path;
    let dir = match kind {
        Kind::Directory => source.clone(),
        Kind::Git => {
            export_git(source, git_ref, scratch, &unpacked)?;
            unpacked
        }
        Kind::TarGz => {
            unpack(tar_command(source, &unpacked), &unpacked, "archive")?;
            unpacked
        }
        Kind::Zip => {
            let mut unzip = Command::new("unzip");
            unzip.arg("-qq").arg(source).arg("-d").arg(&unpacked);
            unpack(unzip, &unpacked, "archive")?;
            unpacked
        }
    };
    workspace_root(&dir)
}

fn tar_command(archive: &Path, into: &Path) -> Command {
    let mut tar = Command::new("tar");
    // Owners and modes from a stranger's archive mean nothing here.
    tar.args(["--no-same-owner", "--no-same-permissions", "-xf"])
        .arg(archive)
        .arg("-C")
        .arg(into);
    tar
}

/// `git archive` of the ref, unpacked: the committed files only, without
/// touching the repository (no checkout, no index, no hooks).
fn export_git(repo: &Path, git_ref: &str, scratch: &Path, into: &Path) -> Result<()> {
    let tarball = scratch.join("export.tar");
    let mut git = Command::new("git");
    git.args(["-c", "safe.directory=*", "-c", "core.fsmonitor=false", "-C"])
        .arg(repo)
        .args(["archive", "--format=tar", "-o"])
        .arg(&tarball)
        .arg(git_ref);
    std::fs::create_dir_all(scratch)?;
    let out = run_limited(git, UNPACK_TIMEOUT)?;
    if !out.status.success() {
        bail!(
            "git cannot export `{git_ref}` from {}: {}",
            repo.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    unpack(tar_command(&tarball, into), into, "repository")?;
    let _ = std::fs::remove_file(&tarball);
    Ok(())
}

/// Runs an unpacking command with limits, then checks something came out.
fn unpack(command: Command, into: &Path, what: &str) -> Result<()> {
    std::fs::create_dir_all(into)?;
    let sandbox = Sandbox {
        limits: Limits::unpack(),
        no_network: false,
        scratch: None,
        env: Vec::new(),
    };
    let program = command.get_program().to_owned();
    let mut limited = sandbox.command(Path::new(&program));
    limited.args(command.get_args());
    let out = run_limited(limited, UNPACK_TIMEOUT)
        .with_context(|| format!("cannot run {}", program.to_string_lossy()))?;
    let empty = std::fs::read_dir(into)?.next().is_none();
    if empty {
        bail!("the {what} is empty");
    }
    if !out.status.success() {
        bail!(
            "cannot unpack the {what}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// The directory holding `crates/`: the top, or the one folder an archive
/// often wraps everything in.
fn workspace_root(dir: &Path) -> Result<PathBuf> {
    if dir.join("crates").is_dir() {
        return Ok(dir.to_path_buf());
    }
    let folders: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = file_name(p);
            p.is_dir() && !name.starts_with('.') && name != "__MACOSX"
        })
        .collect();
    match folders.as_slice() {
        [only] if only.join("crates").is_dir() => Ok(only.clone()),
        _ => bail!("not a workspace: no crates/ directory at its top"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Stdio;

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
