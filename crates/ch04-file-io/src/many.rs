//! Exercise `many`: many files at once, and errors that say which file.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use tokio::io::AsyncRead;

/// What went wrong with which file. Given: use it, do not change it.
///
/// `path` is always the full path of the file that failed (the directory
/// joined with the file's name), so the message tells the reader exactly
/// where to look.
#[derive(Debug)]
pub enum FileError {
    /// The file does not exist (an I/O error of kind
    /// [`io::ErrorKind::NotFound`]).
    NotFound { path: PathBuf },
    /// Any other I/O error on the file.
    Io { path: PathBuf, source: io::Error },
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::NotFound { path } => write!(f, "{} does not exist", path.display()),
            FileError::Io { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl std::error::Error for FileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FileError::NotFound { .. } => None,
            FileError::Io { source, .. } => Some(source),
        }
    }
}

/// Saves every `(name, source)` pair as the file `dir/name`, streaming all
/// of `source` into it, with every file written at the same time: the
/// sources are slow (uploads, say), and waiting for one before starting the
/// next would add their delays up.
///
/// Returns once every file is complete. The first failure is returned as a
/// [`FileError`] naming the file being written.
///
/// ```no_run
/// # use std::path::Path;
/// # use ch04_file_io::many::write_many;
/// # async fn demo() -> Result<(), ch04_file_io::many::FileError> {
/// let files = vec![
///     ("a.txt".to_string(), "文件一".as_bytes()),
///     ("b.txt".to_string(), "文件二".as_bytes()),
/// ];
/// write_many(Path::new("out"), files).await?; // out/a.txt and out/b.txt
/// # Ok(())
/// # }
/// ```
pub async fn write_many<R>(dir: &Path, files: Vec<(String, R)>) -> Result<(), FileError>
where
    R: AsyncRead + Unpin,
{
    todo!()
}

/// Reads the UTF-8 files `dir/name` for every name in `names`, all at the
/// same time, and returns their contents in the order of `names`.
///
/// A file that does not exist is [`FileError::NotFound`] with its full
/// path; any other failure (such as a file that is not UTF-8) is
/// [`FileError::Io`]. Never turn a failure into an empty string.
///
/// ```no_run
/// # use std::path::Path;
/// # use ch04_file_io::many::read_many;
/// # async fn demo() -> Result<(), ch04_file_io::many::FileError> {
/// let texts = read_many(Path::new("out"), &["b.txt", "a.txt"]).await?;
/// assert_eq!(texts, ["文件二", "文件一"]);
/// # Ok(())
/// # }
/// ```
pub async fn read_many(dir: &Path, names: &[&str]) -> Result<Vec<String>, FileError> {
    todo!()
}
