//! Exercise `text`: write a UTF-8 text file, read it back whole and line by
//! line.

use std::io;
use std::path::Path;

use tokio::fs::{self, File};
use tokio::io::{AsyncBufReadExt, BufReader};

/// `fs::write` creates or truncates the file, then writes every byte: no
/// leftovers from a longer old content.
pub async fn write_text(path: &Path, text: &str) -> io::Result<()> {
    fs::write(path, text).await
}

/// `read_to_string` checks the UTF-8 and fails with `InvalidData` rather
/// than replacing bytes it cannot decode.
pub async fn read_text(path: &Path) -> io::Result<String> {
    fs::read_to_string(path).await
}

/// `lines()` reads through the buffer one line at a time and strips `\n` or
/// `\r\n`; a final line without `\n` still comes out.
pub async fn read_lines(path: &Path) -> io::Result<Vec<String>> {
    let file = File::open(path).await?;
    let mut lines = BufReader::new(file).lines();
    let mut all = Vec::new();
    while let Some(line) = lines.next_line().await? {
        all.push(line);
    }
    Ok(all)
}
