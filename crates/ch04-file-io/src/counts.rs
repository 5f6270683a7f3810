//! Exercise `counts`: line and word counts of a file too big to load whole.

use std::io;
use std::path::Path;

use tokio::io::AsyncBufRead;

/// How many lines and words a text holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub lines: u64,
    pub words: u64,
}

/// Counts the lines and words of the UTF-8 text that `reader` yields,
/// holding one line at a time, never the whole text: the input may be far
/// bigger than memory.
///
/// A line is what a line reader yields: a final line without `\n` counts,
/// an empty line counts, and an empty text has no lines. A word is a run of
/// characters between whitespace, as [`str::split_whitespace`] sees it:
/// `"第 3 行: hello"` has four words. Text that is not UTF-8 is an error of
/// kind [`io::ErrorKind::InvalidData`].
///
/// ```no_run
/// # use ch04_file_io::counts::{Counts, count};
/// # async fn demo() -> std::io::Result<()> {
/// let text = "你好 世界\nhello\n".as_bytes(); // `&[u8]` is an `AsyncBufRead`
/// assert_eq!(count(text).await?, Counts { lines: 2, words: 3 });
/// # Ok(())
/// # }
/// ```
pub async fn count<R>(reader: R) -> io::Result<Counts>
where
    R: AsyncBufRead + Unpin,
{
    todo!()
}

/// Counts the lines and words of the file at `path` with [`count`], through
/// a buffered reader: the file is never loaded whole.
///
/// ```no_run
/// # use std::path::Path;
/// # use ch04_file_io::counts::count_file;
/// # async fn demo() -> std::io::Result<()> {
/// let counts = count_file(Path::new("big.txt")).await?;
/// println!("{} lines, {} words", counts.lines, counts.words);
/// # Ok(())
/// # }
/// ```
pub async fn count_file(path: &Path) -> io::Result<Counts> {
    todo!()
}
