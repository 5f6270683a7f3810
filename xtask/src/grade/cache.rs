//! Test binaries kept by the exact sources they were built from: a chapter
//! whose `src/` is byte for byte one already built (most often the stubs of
//! a chapter the student has not started) is not built again. The key is
//! the sources themselves, not a hash of them, so no two differ and match.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Result;

use super::model;
use crate::runner::{Build, TestResult};
use crate::salvage::Broken;

/// What building some sources gave.
#[derive(Clone, Debug)]
pub enum Compiled {
    /// The test binary, in the cache directory (never modified once there),
    /// the entry's number, under which its test results are kept, and the
    /// exercises whose files did not compile: the binary was built with
    /// their stubs in their place (see `salvage`).
    Binary {
        binary: PathBuf,
        entry: usize,
        broken: Vec<Broken>,
    },
    /// The compiler's errors.
    Errors(String),
}

pub struct BuildCache {
    dir: PathBuf,
    entries: Mutex<HashMap<(String, Vec<u8>), Compiled>>,
    /// The same binary runs the same tests the same way: the same code gets
    /// the same grade, and a hang costs its time limit once.
    results: Mutex<HashMap<usize, Vec<TestResult>>>,
}

impl BuildCache {
    /// An empty cache in `dir`, which is cleared.
    pub fn new(dir: &Path) -> Result<BuildCache> {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir)?;
        Ok(BuildCache {
            dir: dir.to_path_buf(),
            entries: Mutex::new(HashMap::new()),
            results: Mutex::new(HashMap::new()),
        })
    }

    /// Every file under `src` (sorted), with its path and length, in one
    /// byte string.
    pub fn key(src: &Path) -> Result<Vec<u8>> {
        let mut files = Vec::new();
        collect(src, Path::new(""), &mut files)?;
        files.sort();
        let mut key = Vec::new();
        for (path, bytes) in files {
            key.extend_from_slice(path.to_string_lossy().as_bytes());
            key.push(0);
            key.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            key.extend_from_slice(&bytes);
        }
        Ok(key)
    }

    pub fn get(&self, chapter: &str, key: &[u8]) -> Option<Compiled> {
        let entries = self.entries.lock().unwrap();
        entries.get(&(chapter.to_string(), key.to_vec())).cloned()
    }

    /// What `build` gave, kept when it is certain: a binary (built without
    /// the `broken` exercises' files), or the compiler's own errors (not a
    /// time limit or a cargo failure).
    pub fn keep(
        &self,
        chapter: &str,
        key: Vec<u8>,
        build: &Build,
        broken: &[Broken],
    ) -> Result<Compiled> {
        let own_errors = build.diagnostics.iter().any(|d| d.is_error);
        let compiled = match &build.binary {
            Some(binary) => {
                let mut entries = self.entries.lock().unwrap();
                let number = entries.len();
                let kept = self.dir.join(format!("{chapter}-{number}"));
                // Moved, not copied (tens of MiB): the next build would
                // overwrite it, and cargo links it again when it is missing.
                if std::fs::rename(binary, &kept).is_err() {
                    std::fs::copy(binary, &kept)?;
                }
                let compiled = Compiled::Binary {
                    binary: kept,
                    entry: number,
                    broken: broken.to_vec(),
                };
                entries.insert((chapter.to_string(), key), compiled.clone());
                return Ok(compiled);
            }
            None => Compiled::Errors(model::compile_errors(build)),
        };
        if own_errors && !build.timed_out {
            let mut entries = self.entries.lock().unwrap();
            entries.insert((chapter.to_string(), key), compiled.clone());
        }
        Ok(compiled)
    }

    pub fn results(&self, entry: usize) -> Option<Vec<TestResult>> {
        self.results.lock().unwrap().get(&entry).cloned()
    }

    pub fn keep_results(&self, entry: usize, results: &[TestResult]) {
        self.results.lock().unwrap().insert(entry, results.to_vec());
    }
}

fn collect(dir: &Path, relative: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = relative.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            collect(&entry.path(), &path, files)?;
        } else {
            files.push((path, std::fs::read(entry.path())?));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::Diagnostic;

    #[test]
    fn the_same_sources_find_their_build_and_others_do_not() {
        let (src, other, scratch) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        std::fs::write(src.path().join("lib.rs"), "pub fn a() {}").unwrap();
        std::fs::write(other.path().join("lib.rs"), "pub fn b() {}").unwrap();
        let binary = scratch.path().join("tests-bin");
        std::fs::write(&binary, "binary").unwrap();
        let cache = BuildCache::new(&scratch.path().join("cache")).unwrap();
        let key = BuildCache::key(src.path()).unwrap();
        let build = Build {
            binary: Some(binary),
            succeeded: true,
            ..Build::default()
        };
        cache.keep("ch01", key.clone(), &build, &[]).unwrap();
        assert!(matches!(
            cache.get("ch01", &key),
            Some(Compiled::Binary { entry: 0, .. })
        ));
        assert!(cache.get("ch02", &key).is_none());
        assert!(
            cache
                .get("ch01", &BuildCache::key(other.path()).unwrap())
                .is_none()
        );
    }

    #[test]
    fn only_the_compilers_errors_are_kept() {
        let scratch = tempfile::tempdir().unwrap();
        let cache = BuildCache::new(scratch.path()).unwrap();
        let cargo_failed = Build::default();
        cache
            .keep("ch01", b"a".to_vec(), &cargo_failed, &[])
            .unwrap();
        assert!(cache.get("ch01", b"a").is_none());
        let rustc_failed = Build {
            diagnostics: vec![Diagnostic {
                is_error: true,
                file: None,
                rendered: "error: nope".into(),
            }],
            ..Build::default()
        };
        cache
            .keep("ch01", b"b".to_vec(), &rustc_failed, &[])
            .unwrap();
        assert!(matches!(cache.get("ch01", b"b"), Some(Compiled::Errors(e)) if e.contains("nope")));
    }
}
