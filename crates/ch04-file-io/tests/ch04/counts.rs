use std::io::{self, ErrorKind};
use std::pin::Pin;
use std::task::{Context, Poll};

use ch04_file_io::counts::{Counts, count, count_file};
use pretty_assertions::assert_eq;
use support::finishes;
use tokio::io::{AsyncBufRead, AsyncRead, ReadBuf};

use crate::common::temp_dir;

/// The most a test reader hands over, or accepts being asked for, at once.
const MAX_REQUEST: usize = 64 * 1024;

/// A reader over `data` that gives at most `chunk` bytes per read, so chunk
/// boundaries fall inside words and inside multi-byte characters. Asked for
/// more than [`MAX_REQUEST`] bytes in one read, it fails: only code that
/// loads the whole input into one growing buffer asks for that much.
struct ChunkedReader {
    data: Vec<u8>,
    pos: usize,
    chunk: usize,
}

impl ChunkedReader {
    fn new(data: impl Into<Vec<u8>>, chunk: usize) -> ChunkedReader {
        ChunkedReader {
            data: data.into(),
            pos: 0,
            chunk,
        }
    }

    fn is_done(&self) -> bool {
        self.pos == self.data.len()
    }

    fn next_chunk(&self) -> &[u8] {
        let end = self.data.len().min(self.pos + self.chunk);
        &self.data[self.pos..end]
    }
}

impl AsyncRead for ChunkedReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let asked = buf.remaining();
        if asked > MAX_REQUEST {
            return Poll::Ready(Err(io::Error::other(format!(
                "the reader was asked for {asked} bytes in one read: the whole input is \
                 being loaded into one buffer (`read_to_string`, `read_to_end`). Read it \
                 one line at a time instead (`read_line` or `lines()`)"
            ))));
        }
        let n = self.next_chunk().len().min(asked);
        let pos = self.pos;
        buf.put_slice(&self.data[pos..pos + n]);
        self.pos += n;
        Poll::Ready(Ok(()))
    }
}

impl AsyncBufRead for ChunkedReader {
    fn poll_fill_buf(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<&[u8]>> {
        Poll::Ready(Ok(self.get_mut().next_chunk()))
    }

    fn consume(mut self: Pin<&mut Self>, amt: usize) {
        self.pos = self.data.len().min(self.pos + amt);
    }
}

/// 100,000 lines of mixed Chinese and ASCII text, with empty lines, runs of
/// spaces and tabs, and no `\n` after the last line.
fn big_text() -> String {
    let lines: Vec<String> = (0..100_000)
        .map(|i| match i % 5 {
            0 => String::new(),
            1 => format!("这是第 {i} 行内容"),
            2 => format!("line {i} of the quick brown fox"),
            3 => format!("  {i}\t多个   空格  "),
            _ => format!("春眠不觉晓，处处闻啼鸟。{i}"),
        })
        .collect();
    lines.join("\n")
}

/// The counts, worked out the simple way on the whole text in memory.
fn expected_counts(text: &str) -> Counts {
    Counts {
        lines: text.lines().count() as u64,
        words: text.split_whitespace().count() as u64,
    }
}

#[support::test(start_paused = true)]
async fn counts_lines_and_words_of_a_small_text() {
    let text = "你好 世界\nhello world\n\n  spaced   out  \nlast line";
    let counts = finishes(count(text.as_bytes()))
        .await
        .expect("count() failed on valid UTF-8");
    assert_eq!(
        counts,
        Counts { lines: 5, words: 8 },
        "five lines (the empty one counts, and so does the last one without `\\n`) \
         and eight whitespace-separated words"
    );
}

#[support::test(start_paused = true)]
async fn empty_text_has_no_lines_and_no_words() {
    let counts = finishes(count(&b""[..]))
        .await
        .expect("count() failed on an empty text");
    assert_eq!(
        counts,
        Counts::default(),
        "an empty text has no lines and no words"
    );
}

#[support::test(start_paused = true)]
async fn words_split_between_reads_count_once() {
    let text = "春眠不觉晓 处处闻啼鸟\n夜来风雨声 花落知多少\n";
    let mut reader = ChunkedReader::new(text, 5);
    let counts = finishes(count(&mut reader)).await.unwrap_or_else(|e| {
        panic!(
            "count() failed on valid UTF-8 that arrives five bytes at a time: {e}\n\
                 A chunk can end inside a three-byte character: decode whole lines \
                 (`read_line`), not the chunks `fill_buf` returns"
        )
    });
    assert_eq!(
        counts,
        Counts { lines: 2, words: 4 },
        "the reader gives five bytes at a time, so a read can end inside a word or \
         inside a character: count whole lines (`read_line`), not the chunks \
         `fill_buf` returns. And `read_line` appends: clear the String before each line"
    );
    assert!(reader.is_done(), "count() must read the input to its end");
}

#[support::test(start_paused = true)]
async fn streams_a_hundred_thousand_lines() {
    let text = big_text();
    let expected = expected_counts(&text);
    // 4093 bytes: a prime, so chunks end at every offset within a line.
    let mut reader = ChunkedReader::new(text, 4093);
    let counts = finishes(count(&mut reader))
        .await
        .unwrap_or_else(|e| panic!("count() failed: {e}"));
    assert_eq!(
        counts, expected,
        "counts of 100,000 generated lines (20,000 of them empty, the last one \
         without `\\n`)"
    );
    assert!(reader.is_done(), "count() must read the input to its end");
}

#[support::test(start_paused = true)]
async fn count_file_counts_a_generated_file() {
    let dir = temp_dir();
    let path = dir.path().join("big.txt");
    let text = big_text();
    tokio::fs::write(&path, &text)
        .await
        .expect("cannot write the test file");
    let counts = finishes(count_file(&path))
        .await
        .unwrap_or_else(|e| panic!("count_file() failed: {e}"));
    assert_eq!(
        counts,
        expected_counts(&text),
        "counts of a file of 100,000 generated lines"
    );
}

#[support::test(start_paused = true)]
async fn invalid_utf8_is_an_invalid_data_error() {
    match finishes(count(&b"fine\n\xff\xfe not fine\n"[..])).await {
        Err(error) => assert_eq!(
            error.kind(),
            ErrorKind::InvalidData,
            "text that is not UTF-8 is an error of kind InvalidData, got: {error}"
        ),
        Ok(counts) => panic!(
            "count() of text that is not UTF-8 returned {counts:?}: it must be an \
             InvalidData error (read lines into a String, which checks the UTF-8)"
        ),
    }
}
