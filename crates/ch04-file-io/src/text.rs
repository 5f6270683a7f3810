//! Exercise `text`: write a UTF-8 text file, read it back whole and line by
//! line.

use std::io;
use std::path::Path;

/// Writes `text` to the file at `path` as UTF-8, creating the file or
/// replacing whatever it held before. The file holds exactly the bytes of
/// `text`: nothing added, nothing left over from an older, longer content.
///
/// ```no_run
/// # use std::path::Path;
/// # use ch04_file_io::text::write_text;
/// # async fn demo() -> std::io::Result<()> {
/// write_text(Path::new("greeting.txt"), "你好，世界\n").await?;
/// # Ok(())
/// # }
/// ```
pub async fn write_text(path: &Path, text: &str) -> io::Result<()> {
    todo!()
}

/// Reads the whole file at `path` as UTF-8 text.
///
/// A file that is not valid UTF-8 is an error of kind
/// [`io::ErrorKind::InvalidData`]: never guess, never replace bytes. A file
/// that does not exist is an error of kind [`io::ErrorKind::NotFound`].
///
/// ```no_run
/// # use std::path::Path;
/// # use ch04_file_io::text::read_text;
/// # async fn demo() -> std::io::Result<()> {
/// let text = read_text(Path::new("greeting.txt")).await?;
/// assert_eq!(text, "你好，世界\n");
/// # Ok(())
/// # }
/// ```
pub async fn read_text(path: &Path) -> io::Result<String> {
    todo!()
}

/// Reads the file at `path` one line at a time, through a buffered reader,
/// and returns its lines without their line endings (`\n` or `\r\n`).
///
/// An empty line is a line; a last line without a final `\n` is a line too;
/// a final `\n` does not start another, empty line. An empty file has no
/// lines. Errors as in [`read_text`].
///
/// ```no_run
/// # use std::path::Path;
/// # use ch04_file_io::text::read_lines;
/// # async fn demo() -> std::io::Result<()> {
/// // The file holds "第一行\r\n\n第三行"
/// let lines = read_lines(Path::new("lines.txt")).await?;
/// assert_eq!(lines, ["第一行", "", "第三行"]);
/// # Ok(())
/// # }
/// ```
pub async fn read_lines(path: &Path) -> io::Result<Vec<String>> {
    todo!()
}
