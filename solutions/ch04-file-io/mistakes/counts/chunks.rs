//! Exercise `counts`, wrongly: every chunk the reader holds is decoded and
//! counted on its own.

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
    let mut open_line = false;
    loop {
        let chunk = reader.fill_buf().await?;
        if chunk.is_empty() {
            counts.lines += u64::from(open_line);
            return Ok(counts);
        }
        let text = std::str::from_utf8(chunk)
            .map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))?;
        counts.lines += text.matches('\n').count() as u64;
        counts.words += text.split_whitespace().count() as u64;
        open_line = !text.ends_with('\n');
        let used = chunk.len();
        reader.consume(used);
    }
}

pub async fn count_file(path: &Path) -> io::Result<Counts> {
    let file = File::open(path).await?;
    count(BufReader::new(file)).await
}
