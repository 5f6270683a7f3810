//! Exercise `many`: many files at once, and errors that say which file.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use futures::future::try_join_all;
use tokio::fs::{self, File};
use tokio::io::{AsyncRead, AsyncWriteExt};

/// What went wrong with which file. Given: use it, do not change it.
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

impl FileError {
    /// An `io::Error` knows what failed, not on which file: attach the path.
    fn at(path: PathBuf, error: io::Error) -> FileError {
        if error.kind() == io::ErrorKind::NotFound {
            FileError::NotFound { path }
        } else {
            FileError::Io {
                path,
                source: error,
            }
        }
    }
}

/// One file: stream the source in, then flush, because tokio's `File`
/// finishes its last write in the background.
async fn write_one<R>(path: PathBuf, mut source: R) -> Result<(), FileError>
where
    R: AsyncRead + Unpin,
{
    let written = async {
        let mut file = File::create(&path).await?;
        tokio::io::copy(&mut source, &mut file).await?;
        file.flush().await
    }
    .await;
    written.map_err(|error| FileError::at(path, error))
}

/// `try_join_all` drives every write at once and stops at the first error.
pub async fn write_many<R>(dir: &Path, files: Vec<(String, R)>) -> Result<(), FileError>
where
    R: AsyncRead + Unpin,
{
    let writes = files
        .into_iter()
        .map(|(name, source)| write_one(dir.join(name), source));
    try_join_all(writes).await?;
    Ok(())
}

/// `try_join_all` keeps the order of its input, whatever order the reads
/// finish in.
pub async fn read_many(dir: &Path, names: &[&str]) -> Result<Vec<String>, FileError> {
    let reads = names.iter().map(|name| async move {
        let path = dir.join(name);
        fs::read_to_string(&path)
            .await
            .map_err(|error| FileError::at(path, error))
    });
    try_join_all(reads).await
}
