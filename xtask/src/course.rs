//! The course on disk: the workspace root and its chapters.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

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
    /// The course this runner was built from.
    pub fn here() -> Result<Course> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask lives inside the workspace");
        Course::load(root)
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
            None => bail!(
                "unknown chapter '{query}': choose one of {}",
                self.chapter_names()
            ),
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

    /// Where the workspace builds: its dependencies are compiled there.
    pub fn target_dir(&self) -> PathBuf {
        std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| self.root.join("target"))
    }
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
                bail!(
                    "{} has no exercise '{name}': choose one of {}",
                    self.id,
                    names.join(", ")
                )
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
