//! The stubs as the course ships them today: what `reset` puts back, and
//! what a broken exercise is replaced with while the rest of its chapter
//! is checked.
//!
//! - A hand-out (`cargo xtask dist`) carries every file of the student
//!   crates' `src/` as it shipped, under `.awaitlings/stubs/`, with each
//!   file's SHA-256 in `.awaitlings/stubs.sha256`, in the format
//!   `sha256sum -c` reads (`cd .awaitlings/stubs && sha256sum -c
//!   ../stubs.sha256`). No git is needed, and a student's own history does
//!   not matter.
//! - The maintainers' repository has them committed: the file at `HEAD`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::course::Course;

/// Where a hand-out keeps its stubs, and their hashes.
pub const DIR: &str = ".awaitlings/stubs";
pub const INDEX: &str = ".awaitlings/stubs.sha256";

/// Where this copy of the course finds its stubs.
pub enum Stubs {
    /// A hand-out's shipped copies, with their hashes.
    Shipped {
        dir: PathBuf,
        hashes: BTreeMap<String, String>,
    },
    /// The maintainers' repository: the committed files.
    Committed { root: PathBuf },
    /// A course whose student crates hold the stubs as they are: grading's
    /// pristine workspace is copied from them and their tests listed
    /// against them.
    InCrates { root: PathBuf },
}

impl Stubs {
    pub fn of(course: &Course) -> Result<Stubs> {
        let index = course.root.join(INDEX);
        if index.is_file() {
            let text =
                std::fs::read_to_string(&index).with_context(|| format!("cannot read {INDEX}"))?;
            return Ok(Stubs::Shipped {
                dir: course.root.join(DIR),
                hashes: parse_index(&text)?,
            });
        }
        // The maintainers' repository itself, not a copy of it that may lie
        // inside some other repository.
        if course.has_solutions() && course.root.join(".git").exists() {
            return Ok(Stubs::Committed {
                root: course.root.clone(),
            });
        }
        bail!(
            "this copy of the course does not carry its stubs ({INDEX} is missing): \
             copy them from a fresh hand-out"
        )
    }

    /// The stub of `relative`, a path such as
    /// `crates/ch01-coroutines/src/jobs.rs` (with `/`), byte for byte.
    pub fn get(&self, relative: &str) -> Result<Vec<u8>> {
        match self {
            Stubs::Shipped { dir, hashes } => {
                let Some(expected) = hashes.get(relative) else {
                    bail!("the course ships no stub of {relative}");
                };
                let path = dir.join(native(relative));
                let bytes = std::fs::read(&path)
                    .with_context(|| format!("cannot read the shipped stub {}", path.display()))?;
                if sha256(&bytes) != *expected {
                    bail!(
                        "the shipped stub {DIR}/{relative} was changed (its SHA-256 is not the \
                         one in {INDEX}): copy it from a fresh hand-out"
                    );
                }
                Ok(bytes)
            }
            Stubs::Committed { root } => committed(root, relative),
            Stubs::InCrates { root } => {
                let path = root.join(native(relative));
                std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))
            }
        }
    }
}

/// Writes `root`'s student sources (every file under `crates/chNN-*/src/`)
/// as the shipped stubs of the course at `root`, with their index.
pub fn ship(course: &Course, root: &Path) -> Result<()> {
    let mut index = String::new();
    for chapter in &course.chapters {
        let src = format!("crates/{}/src", chapter.dir_name);
        let mut files = Vec::new();
        collect(&root.join(native(&src)), &src, &mut files)?;
        files.sort();
        for relative in files {
            let bytes = std::fs::read(root.join(native(&relative)))?;
            let copy = root.join(DIR).join(native(&relative));
            std::fs::create_dir_all(copy.parent().unwrap())?;
            std::fs::write(&copy, &bytes)?;
            index.push_str(&format!("{}  {relative}\n", sha256(&bytes)));
        }
    }
    std::fs::write(root.join(INDEX), index)?;
    Ok(())
}

/// Every file under `dir`, as `/`-separated paths starting with `prefix`.
fn collect(dir: &Path, prefix: &str, files: &mut Vec<String>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {prefix}"))? {
        let entry = entry?;
        let name = format!("{prefix}/{}", entry.file_name().to_string_lossy());
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect(&entry.path(), &name, files)?;
        } else if kind.is_file() {
            files.push(name);
        }
    }
    Ok(())
}

/// `sha256sum` lines: the hash, two spaces, the path.
fn parse_index(text: &str) -> Result<BTreeMap<String, String>> {
    let mut hashes = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let Some((hash, path)) = line.split_once("  ") else {
            bail!("{INDEX}:{}: not a `<sha256>  <path>` line", n + 1);
        };
        hashes.insert(path.to_string(), hash.to_string());
    }
    Ok(hashes)
}

/// The file as committed at `HEAD` of the repository `root` is in.
fn committed(root: &Path, relative: &str) -> Result<Vec<u8>> {
    let output = Command::new("git")
        .current_dir(root)
        .args(["show", &format!("HEAD:./{relative}")])
        .stdin(Stdio::null())
        .output()
        .context("cannot run git, which finds the stubs in this repository")?;
    if !output.status.success() {
        bail!(
            "git has no committed {relative}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}

/// A `/`-separated relative path as this system spells it.
fn native(relative: &str) -> PathBuf {
    relative.split('/').collect()
}

pub fn sha256(bytes: &[u8]) -> String {
    let digest = hmac_sha256::Hash::hash(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_sha256() {
        assert_eq!(
            sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_index_reads_as_sha256sum_writes_it() {
        let index = parse_index("ab  crates/ch01-x/src/a.rs\ncd  crates/ch01-x/src/b c.rs\n");
        let index = index.unwrap();
        assert_eq!(index["crates/ch01-x/src/b c.rs"], "cd");
        assert!(parse_index("no separator\n").is_err());
    }
}
