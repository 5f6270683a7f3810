//! What the runner remembers between runs, in `.awaitlings/state.json` at
//! the workspace root: hints already shown, and each chapter's progress,
//! keyed on the chapter's sources so that any edit invalidates it.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::{Deserialize, Serialize};

#[derive(Default, Serialize, Deserialize)]
pub struct State {
    /// `ch01/jobs` → how many of its hints were shown.
    #[serde(default)]
    pub hints: BTreeMap<String, usize>,
    /// `ch01` → the last result of checking it.
    #[serde(default)]
    pub progress: BTreeMap<String, Progress>,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Progress {
    /// [`sources_key`] of the chapter when it was checked.
    pub key: u64,
    pub done: usize,
    pub total: usize,
    /// The first exercise not done, if any.
    pub next: Option<String>,
}

impl State {
    fn path(root: &Path) -> PathBuf {
        root.join(".awaitlings").join("state.json")
    }

    /// The saved state, or an empty one if there is none or it is unreadable.
    pub fn load(root: &Path) -> State {
        std::fs::read_to_string(Self::path(root))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, root: &Path) -> Result<()> {
        let path = Self::path(root);
        std::fs::create_dir_all(path.parent().unwrap())?;
        std::fs::write(path, serde_json::to_string_pretty(self)?)?;
        Ok(())
    }

    /// The chapter's saved progress, if its sources have not changed since.
    pub fn fresh_progress(&self, chapter_id: &str, key: u64) -> Option<&Progress> {
        self.progress.get(chapter_id).filter(|p| p.key == key)
    }
}

/// A hash of every file the chapter's result depends on: the crate's
/// sources, tests and manifest.
pub fn sources_key(crate_dir: &Path) -> u64 {
    let mut files = Vec::new();
    for part in ["src", "tests", "exercises.toml", "Cargo.toml"] {
        collect_files(&crate_dir.join(part), &mut files);
    }
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in files {
        file.hash(&mut hasher);
        std::fs::read(&file).unwrap_or_default().hash(&mut hasher);
    }
    hasher.finish()
}

fn collect_files(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_file() {
        files.push(path.to_path_buf());
    } else if let Ok(entries) = std::fs::read_dir(path) {
        for entry in entries.flatten() {
            collect_files(&entry.path(), files);
        }
    }
}
