//! Exercise `durable`: the whole write as one async block, cleaned up on
//! any error.

use std::io;
use std::path::Path;

use tokio::fs::{self, File};
use tokio::io::{AsyncRead, AsyncWriteExt};

pub async fn write_durably<R>(path: &Path, mut content: R) -> io::Result<()>
where
    R: AsyncRead + Unpin,
{
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    let temp = path.with_file_name(format!("{}.new", name.to_string_lossy()));
    let written = async {
        let mut file = File::create(&temp).await?;
        tokio::io::copy(&mut content, &mut file).await?;
        file.flush().await?;
        file.sync_all().await?;
        drop(file);
        fs::rename(&temp, path).await
    }
    .await;
    if written.is_err() {
        let _ = fs::remove_file(&temp).await;
    }
    written
}
