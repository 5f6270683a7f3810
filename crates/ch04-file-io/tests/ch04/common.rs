//! Helpers shared by this chapter's tests. No tests here.

use tempfile::TempDir;

/// A new temporary directory for one test, removed with everything in it
/// when the returned value is dropped, pass or fail.
pub fn temp_dir() -> TempDir {
    tempfile::tempdir().expect("cannot create a temporary directory")
}
