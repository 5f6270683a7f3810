//! Exercise `counts`: line and word counts of a file too big to load whole.

use std::io;
use std::path::Path;

use tokio::fs::File;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, BufReader};

/// How many lines and words a text holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub lines: u64,
    pub words: u64,
}

/// One `String` is reused for every line, so memory stays at the size of
/// the longest line, however big the input.
pub async fn count<R>(mut reader: R) -> io::Result<Counts>
where
    R: AsyncBufRead + Unpin,
{
    let mut counts = Counts::default();
    let mut line = String::new();
    loop {
        // `read_line` appends: clear first, or every line is counted again.
        line.clear();
        if reader.read_line(&mut line).await? == 0 {
            return Ok(counts);
        }
        counts.lines += 1;
        counts.words += line.split_whitespace().count() as u64;
    }
}

/// `BufReader` turns the file's reads into the buffered reads `count` wants.
pub async fn count_file(path: &Path) -> io::Result<Counts> {
    let file = File::open(path).await?;
    count(BufReader::new(file)).await
}
