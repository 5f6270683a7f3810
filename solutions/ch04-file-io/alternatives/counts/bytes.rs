//! Exercise `counts` on bytes: `read_until(b'\n')`, then UTF-8 per line.

use std::io;
use std::path::Path;

use tokio::fs::File;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, BufReader};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub lines: u64,
    pub words: u64,
}

pub async fn count<R>(mut reader: R) -> io::Result<Counts>
where
    R: AsyncBufRead + Unpin,
{
    let mut counts = Counts::default();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(counts);
        }
        let text = std::str::from_utf8(&line)
            .map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))?;
        counts.lines += 1;
        counts.words += text.split_whitespace().count() as u64;
    }
}

/// A bigger buffer than the default: fewer reads, the same counts.
pub async fn count_file(path: &Path) -> io::Result<Counts> {
    let file = File::open(path).await?;
    count(BufReader::with_capacity(64 * 1024, file)).await
}
