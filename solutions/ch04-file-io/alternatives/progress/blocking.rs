//! Exercise `progress` on a blocking thread: std::fs for the copy, and
//! `blocking_send` for the reports.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

use tokio::sync::mpsc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub copied: u64,
    pub total: u64,
}

pub const CHUNK: usize = 64 * 1024;

pub async fn copy_with_progress(
    from: &Path,
    to: &Path,
    progress: mpsc::Sender<Progress>,
) -> io::Result<u64> {
    let (from, to) = (from.to_path_buf(), to.to_path_buf());
    tokio::task::spawn_blocking(move || copy(&from, &to, &progress))
        .await
        .unwrap_or_else(|error| std::panic::resume_unwind(error.into_panic()))
}

fn copy(from: &Path, to: &Path, progress: &mpsc::Sender<Progress>) -> io::Result<u64> {
    let mut source = File::open(from)?;
    let total = source.metadata()?.len();
    let mut target = File::create(to)?;
    let mut buffer = vec![0; CHUNK];
    let mut copied = 0;
    loop {
        let read = source.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        target.write_all(&buffer[..read])?;
        copied += read as u64;
        // Waits for room; fails only once the receiver is gone.
        let _ = progress.blocking_send(Progress { copied, total });
    }
    target.flush()?;
    Ok(copied)
}
