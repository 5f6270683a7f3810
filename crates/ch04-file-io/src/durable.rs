//! Exercise `durable`: replace a file so that a failure never leaves half of
//! it behind.

use std::io;
use std::path::Path;

use tokio::io::AsyncRead;

/// Replaces the file at `path` (or creates it) with everything `content`
/// yields, all or nothing.
///
/// Stream `content` into a new temporary file in the *same directory* as
/// `path` (such as `.<name>.tmp`; `rename` cannot move a file to another
/// file system), flush it and sync it to disk, then rename it over `path`.
/// Until that rename, `path` keeps its old content untouched; after it,
/// `path` holds the complete new content.
///
/// If anything fails (`content` returns an error halfway, say), remove the
/// temporary file, leave `path` as it was, and return the error unchanged.
///
/// ```no_run
/// # use std::path::Path;
/// # use ch04_file_io::durable::write_durably;
/// # async fn demo() -> std::io::Result<()> {
/// write_durably(Path::new("settings.json"), r#"{"theme": "dark"}"#.as_bytes()).await?;
/// # Ok(())
/// # }
/// ```
pub async fn write_durably<R>(path: &Path, content: R) -> io::Result<()>
where
    R: AsyncRead + Unpin,
{
    todo!()
}
