//! Exercise `durable`: replace a file so that a failure never leaves half of
//! it behind.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

use tokio::fs::{self, File};
use tokio::io::{AsyncRead, AsyncWriteExt};

/// Write aside, then rename: on POSIX file systems a rename within one
/// directory replaces the target in one step, so readers see the old file
/// or the new one, never half of either.
pub async fn write_durably<R>(path: &Path, mut content: R) -> io::Result<()>
where
    R: AsyncRead + Unpin,
{
    let temp = temp_path(path)?;
    let mut result = write_temp(&temp, &mut content).await;
    if result.is_ok() {
        result = fs::rename(&temp, path).await;
    }
    if result.is_err() {
        // Best effort: the error that stopped the write matters more than
        // one from the cleanup.
        let _ = fs::remove_file(&temp).await;
    }
    result
}

/// `.<name>.tmp` beside the target: the same directory, so the same file
/// system, which `rename` needs.
fn temp_path(path: &Path) -> io::Result<PathBuf> {
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} does not name a file", path.display()),
        )
    })?;
    let mut temp_name = OsString::from(".");
    temp_name.push(name);
    temp_name.push(".tmp");
    Ok(path.with_file_name(temp_name))
}

async fn write_temp<R>(temp: &Path, content: &mut R) -> io::Result<()>
where
    R: AsyncRead + Unpin,
{
    let mut file = File::create(temp).await?;
    tokio::io::copy(content, &mut file).await?;
    // `flush` waits for tokio's background write; `sync_all` asks the OS to
    // put the bytes on disk before the rename makes them the real file.
    file.flush().await?;
    file.sync_all().await
    // The file is closed here, before the rename.
}
