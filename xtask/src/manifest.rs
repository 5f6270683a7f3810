//! The chapter manifest: `crates/chNN-name/exercises.toml`.
//!
//! Format 1:
//!
//! ```toml
//! format = 1
//! title = "What the chapter teaches"
//! timeout_secs = 10          # optional: wall-clock limit per test
//!
//! [[exercise]]               # in the order students should do them
//! name = "jobs"              # src/jobs.rs, tests/chNN/jobs.rs, tests `jobs::…`
//! title = "One line saying what to build"
//! points = 10                # shared equally by the exercise's tests
//! hints = ["a nudge", "the API to reach for"]
//! ```
//!
//! The tests of an exercise are those the compiled test binary lists under
//! the exercise's module (`jobs::…`); `verify` checks that every test has an
//! exercise and every exercise has tests.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

pub const FORMAT: u32 = 1;
const DEFAULT_TIMEOUT_SECS: u64 = 10;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: u32,
    pub title: String,
    timeout_secs: Option<u64>,
    #[serde(rename = "exercise")]
    pub exercises: Vec<Exercise>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub name: String,
    pub title: String,
    pub points: u32,
    pub hints: Vec<String>,
}

impl Manifest {
    pub fn load(path: &Path) -> Result<Manifest> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the chapter manifest {}", path.display()))?;
        let manifest: Manifest = toml::from_str(&text)
            .with_context(|| format!("{} is not a valid manifest", path.display()))?;
        if manifest.format != FORMAT {
            bail!(
                "{} has manifest format {}, this runner reads format {FORMAT}",
                path.display(),
                manifest.format
            );
        }
        Ok(manifest)
    }

    /// The wall-clock limit for one test process.
    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout_secs.unwrap_or(DEFAULT_TIMEOUT_SECS))
    }

    /// The exercise a test belongs to, by its module path.
    pub fn exercise_of(&self, test: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.owns(test))
    }

    pub fn exercise(&self, name: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.name == name)
    }
}

impl Exercise {
    pub fn owns(&self, test: &str) -> bool {
        test.strip_prefix(&self.name)
            .is_some_and(|rest| rest.starts_with("::"))
    }

    /// The stub's (or solution's) source file, relative to the crate.
    pub fn source(&self) -> String {
        format!("src/{}.rs", self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(text: &str) -> Manifest {
        toml::from_str(text).unwrap()
    }

    const TWO: &str = r#"
        format = 1
        title = "t"
        [[exercise]]
        name = "jobs"
        title = "j"
        points = 10
        hints = ["h"]
        [[exercise]]
        name = "jobs_more"
        title = "j2"
        points = 5
        hints = ["h"]
    "#;

    #[test]
    fn tests_belong_to_the_exercise_of_their_module() {
        let m = manifest(TWO);
        assert_eq!(m.exercise_of("jobs::a").unwrap().name, "jobs");
        assert_eq!(m.exercise_of("jobs_more::a").unwrap().name, "jobs_more");
        assert!(m.exercise_of("jobsx::a").is_none());
        assert!(m.exercise_of("other::a").is_none());
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let bad = TWO.replace("points = 5", "points = 5\npionts = 1");
        assert!(toml::from_str::<Manifest>(&bad).is_err());
    }

    #[test]
    fn timeout_defaults_to_ten_seconds() {
        assert_eq!(manifest(TWO).timeout(), Duration::from_secs(10));
    }
}
