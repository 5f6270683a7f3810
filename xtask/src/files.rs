//! Copying workspaces: for hand-outs and benchmarks.

use std::path::Path;

use anyhow::{Context, Result};

/// Copies the workspace at `root` into `out`, leaving out the top-level
/// entries named in `left_out`.
pub fn copy_workspace(root: &Path, out: &Path, left_out: &[&str]) -> Result<()> {
    std::fs::create_dir_all(out)?;
    for entry in std::fs::read_dir(root)? {
        let entry = entry?;
        let name = entry.file_name();
        if !left_out.iter().any(|left| name == *left) {
            copy_tree(&entry.path(), &out.join(&name))?;
        }
    }
    Ok(())
}

/// Copies a file, or a directory and everything in it. Links are skipped.
pub fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    let kind = std::fs::symlink_metadata(from)?.file_type();
    if kind.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
    } else if kind.is_file() {
        std::fs::copy(from, to).with_context(|| format!("cannot copy {}", from.display()))?;
    }
    Ok(())
}
