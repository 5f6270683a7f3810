//! `cargo xtask grade bundle DIR`: the Gradescope autograder, as Gradescope
//! wants it (`setup.sh` and `run_autograder` at its top), with the course
//! workspace but not its solutions: the autograder image is then no place
//! to find them, whatever a submission manages to read.

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Result, bail};

use crate::course::Course;
use crate::dist;
use crate::files::copy_workspace;

/// Never in the bundle, by top-level name.
const LEFT_OUT: &[&str] = &["target", ".git", ".awaitlings", "solutions", ".ci"];
/// Files written differently from the workspace's: without the solutions.
const REWRITTEN: [&str; 2] = ["Cargo.toml", "Cargo.lock"];

pub fn bundle(course: &Course, out: &Path) -> Result<()> {
    if out.symlink_metadata().is_ok() {
        bail!("{} exists: choose a new directory", out.display());
    }
    let source = out.join("source");
    copy_workspace(&course.root, &source, LEFT_OUT)?;
    for name in REWRITTEN {
        if let Some(text) = dist::handout_version(course, Path::new(name)) {
            std::fs::write(source.join(name), text)?;
        }
    }
    let graders = course.root.join("xtask/graders/gradescope");
    for script in ["setup.sh", "run_autograder"] {
        std::fs::copy(graders.join(script), source.join(script))?;
    }
    let zip = out.join("autograder.zip");
    let zipped = Command::new("zip")
        .args(["-qr", "-X"])
        .arg(&zip)
        .arg(".")
        .current_dir(&source)
        .stdin(Stdio::null())
        .status();
    match zipped {
        Ok(status) if status.success() => println!(
            "Wrote {}: upload it as the Gradescope autograder (its files are in {}).",
            zip.display(),
            source.display()
        ),
        _ => println!(
            "Wrote the autograder's files to {} (no `zip` here: zip them, `setup.sh` at the top).",
            source.display()
        ),
    }
    Ok(())
}
