//! Exercise `progress`: copy a file and report how far the copy has come.

use std::io;
use std::path::Path;

use tokio::fs::File;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

/// One progress report: `copied` of `total` bytes are in the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub copied: u64,
    pub total: u64,
}

/// The most bytes [`copy_with_progress`] may move in one step.
pub const CHUNK: usize = 64 * 1024;

/// A read-write loop instead of `tokio::io::copy`, to report between chunks.
pub async fn copy_with_progress(
    from: &Path,
    to: &Path,
    progress: mpsc::Sender<Progress>,
) -> io::Result<u64> {
    // Open the source first: if it is missing, `to` is never created.
    let mut source = File::open(from).await?;
    let total = source.metadata().await?.len();
    let mut target = File::create(to).await?;
    let mut buffer = vec![0; CHUNK];
    let mut copied = 0;
    loop {
        let read = source.read(&mut buffer).await?;
        if read == 0 {
            break;
        }
        target.write_all(&buffer[..read]).await?;
        copied += read as u64;
        // `send` waits for room, so no report is ever dropped. It fails only
        // when the receiver is gone, and progress is advice: keep copying.
        let _ = progress.send(Progress { copied, total }).await;
    }
    // tokio's `File` finishes its last write in the background.
    target.flush().await?;
    Ok(copied)
}
