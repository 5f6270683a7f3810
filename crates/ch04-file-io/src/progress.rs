//! Exercise `progress`: copy a file and report how far the copy has come.

use std::io;
use std::path::Path;

use tokio::sync::mpsc;

/// One progress report: `copied` of `total` bytes are in the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub copied: u64,
    pub total: u64,
}

/// The most bytes [`copy_with_progress`] may move in one step.
pub const CHUNK: usize = 64 * 1024;

/// Copies the file `from` to `to` (created or replaced), at most [`CHUNK`]
/// bytes at a time, and after writing each chunk sends a [`Progress`] with
/// the bytes copied so far and the source's total size. Returns the number
/// of bytes copied.
///
/// Reports are never dropped: the last one always says `copied == total`
/// (an empty file sends no report). Progress is only advice, though: if the
/// receiver has gone away, the copy carries on to the end. A source that
/// cannot be opened is an error, and then `to` is not created.
///
/// ```no_run
/// # use std::path::Path;
/// # use tokio::sync::mpsc;
/// # use ch04_file_io::progress::{Progress, copy_with_progress};
/// # async fn demo() -> std::io::Result<()> {
/// let (tx, mut rx) = mpsc::channel::<Progress>(8);
/// let printer = tokio::spawn(async move {
///     while let Some(p) = rx.recv().await {
///         println!("{} / {} bytes", p.copied, p.total);
///     }
/// });
/// let copied = copy_with_progress(Path::new("big.bin"), Path::new("copy.bin"), tx).await?;
/// printer.await.unwrap(); // ends once the copy has dropped its sender
/// println!("copied {copied} bytes");
/// # Ok(())
/// # }
/// ```
pub async fn copy_with_progress(
    from: &Path,
    to: &Path,
    progress: mpsc::Sender<Progress>,
) -> io::Result<u64> {
    todo!()
}
