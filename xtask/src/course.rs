//! The course on disk: the workspace root and its chapters.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::manifest::{Exercise, Manifest};

pub struct Course {
    pub root: PathBuf,
    pub chapters: Vec<Chapter>,
    /// Chapter directories whose manifest could not be read, with the reason.
    pub broken: Vec<(String, String)>,
}

pub struct Chapter {
    /// `ch01`
    pub id: String,
    /// `ch01-coroutines`: the directory under `crates/` and `solutions/`,
    /// and the student package's name.
    pub dir_name: String,
    /// `coroutines`
    pub slug: String,
    pub manifest: Manifest,
}

impl Course {
    /// The course the current directory is in, found as cargo finds a
    /// workspace: so a copied or moved course is always checked and reset
    /// in place, whichever build of the runner runs.
    pub fn here() -> Result<Course> {
        let cwd = std::env::current_dir().context("cannot read the current directory")?;
        Course::load(&find_root(&cwd)?)
    }

    /// Every `crates/chNN-name` directory, in chapter order. A chapter whose
    /// manifest cannot be read is set aside in `broken`, so that it never
    /// stops the others from working.
    pub fn load(root: &Path) -> Result<Course> {
        let crates = root.join("crates");
        let mut dir_names = Vec::new();
        for entry in std::fs::read_dir(&crates)? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if chapter_id(&name).is_some() {
                dir_names.push(name);
            }
        }
        dir_names.sort();
        let mut course = Course {
            root: root.to_path_buf(),
            chapters: Vec::new(),
            broken: Vec::new(),
        };
        for dir_name in dir_names {
            match Manifest::load(&crates.join(&dir_name).join("exercises.toml")) {
                Ok(manifest) => {
                    let id = chapter_id(&dir_name).unwrap().to_string();
                    let slug = dir_name[id.len() + 1..].to_string();
                    course.chapters.push(Chapter {
                        id,
                        dir_name,
                        slug,
                        manifest,
                    });
                }
                Err(error) => course.broken.push((dir_name, format!("{error:#}"))),
            }
        }
        Ok(course)
    }

    /// A chapter by any of its names: `ch03`, `3`, `03`, `tasks`, `ch03-tasks`.
    pub fn chapter(&self, query: &str) -> Result<&Chapter> {
        let query = query.trim().to_ascii_lowercase();
        let number = query
            .strip_prefix("ch")
            .unwrap_or(&query)
            .parse::<u32>()
            .ok();
        let found = self.chapters.iter().find(|c| {
            c.dir_name == query || c.id == query || c.slug == query || number == Some(c.number())
        });
        match found {
            Some(chapter) => Ok(chapter),
            None => Err(usage!(
                "unknown chapter '{query}': choose one of {}",
                self.chapter_names()
            )),
        }
    }

    fn chapter_names(&self) -> String {
        let names: Vec<_> = self.chapters.iter().map(|c| c.dir_name.as_str()).collect();
        names.join(", ")
    }

    pub fn crate_dir(&self, chapter: &Chapter) -> PathBuf {
        self.root.join("crates").join(&chapter.dir_name)
    }

    pub fn solution_dir(&self, chapter: &Chapter) -> PathBuf {
        self.root.join("solutions").join(&chapter.dir_name)
    }

    /// Whether this copy has the reference solutions: the maintainers'
    /// repository has them, a class hand-out does not.
    pub fn has_solutions(&self) -> bool {
        self.root.join("solutions").is_dir()
    }

    /// Where the runner builds the chapters: the course's own `target/`,
    /// or, when `CARGO_TARGET_DIR` sends every project's builds to one
    /// place, a directory there that belongs to this copy alone. Cargo
    /// decides what to rebuild by file times, so two copies sharing build
    /// files could each be shown the other's results.
    pub fn target_dir(&self) -> PathBuf {
        match std::env::var_os("CARGO_TARGET_DIR") {
            Some(shared) if !shared.is_empty() => {
                let mut hasher = DefaultHasher::new();
                self.root.hash(&mut hasher);
                Path::new(&shared).join(format!("awaitlings-{:016x}", hasher.finish()))
            }
            _ => self.root.join("target"),
        }
    }
}

/// The nearest directory at or above `start` whose `Cargo.toml` declares a
/// workspace, as cargo finds it; it must hold a course's `crates/`.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    for dir in start.ancestors() {
        let Ok(text) = std::fs::read_to_string(dir.join("Cargo.toml")) else {
            continue;
        };
        let is_workspace = text
            .parse::<toml::Table>()
            .is_ok_and(|manifest| manifest.contains_key("workspace"));
        if !is_workspace {
            continue;
        }
        if !dir.join("crates").is_dir() {
            return Err(usage!(
                "{} is a cargo workspace but not an awaitlings course (it has no crates/)",
                dir.display()
            ));
        }
        return Ok(dir.to_path_buf());
    }
    Err(usage!(
        "{} is not inside an awaitlings course: run cargo xtask in the course's folder",
        start.display()
    ))
}

impl Chapter {
    pub fn number(&self) -> u32 {
        self.id[2..].parse().unwrap()
    }

    pub fn package(&self) -> &str {
        &self.dir_name
    }

    pub fn solution_package(&self) -> String {
        format!("{}-solution", self.dir_name)
    }

    /// An exercise by name, or a one-line error listing the valid names.
    pub fn exercise(&self, name: &str) -> Result<&Exercise> {
        match self.manifest.exercise(name) {
            Some(exercise) => Ok(exercise),
            None => {
                let names: Vec<_> = self
                    .manifest
                    .exercises
                    .iter()
                    .map(|e| e.name.as_str())
                    .collect();
                Err(usage!(
                    "{} has no exercise '{name}': choose one of {}",
                    self.id,
                    names.join(", ")
                ))
            }
        }
    }
}

/// `ch01` from `ch01-coroutines`; `None` for anything that is not a chapter.
pub fn chapter_id(dir_name: &str) -> Option<&str> {
    let (id, slug) = dir_name.split_once('-')?;
    let digits = id.strip_prefix("ch")?;
    let valid = digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit()) && !slug.is_empty();
    valid.then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_ids_come_from_directory_names() {
        assert_eq!(chapter_id("ch01-coroutines"), Some("ch01"));
        assert_eq!(chapter_id("ch10-scheduler"), Some("ch10"));
        assert_eq!(chapter_id("support"), None);
        assert_eq!(chapter_id("ch1-x"), None);
        assert_eq!(chapter_id("ch01-"), None);
    }

    #[test]
    fn chapters_are_found_by_any_name() {
        let course = Course::here().unwrap();
        for query in ["ch01", "1", "01", "coroutines", "ch01-coroutines", "CH01"] {
            assert_eq!(course.chapter(query).unwrap().id, "ch01", "query {query}");
        }
        let err = course.chapter("ch99").err().unwrap().to_string();
        assert!(
            err.contains("unknown chapter 'ch99'") && err.contains("ch01-coroutines"),
            "{err}"
        );
    }
}
