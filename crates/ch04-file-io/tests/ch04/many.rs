use std::future::Future;
use std::io::{self, ErrorKind};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use ch04_file_io::many::{FileError, read_many, write_many};
use pretty_assertions::assert_eq;
use support::{Kind, fail, finishes, secs};
use tempfile::TempDir;
use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::Barrier;

use crate::common::temp_dir;

// Named pipes make the order of the reads visible; Unix has them.
#[cfg(unix)]
mod fifo;

/// A slow source that gives its bytes only once every source of its group
/// has been asked for data. Written at the same time, the files complete;
/// written one after another, the first one waits forever for the others.
struct MeetingReader {
    meeting: Option<Pin<Box<dyn Future<Output = ()> + Send>>>,
    data: &'static [u8],
}

impl MeetingReader {
    fn group(contents: &[&'static str]) -> Vec<MeetingReader> {
        let barrier = Arc::new(Barrier::new(contents.len()));
        contents
            .iter()
            .map(|content| {
                let barrier = Arc::clone(&barrier);
                MeetingReader {
                    meeting: Some(Box::pin(async move {
                        barrier.wait().await;
                    })),
                    data: content.as_bytes(),
                }
            })
            .collect()
    }
}

impl AsyncRead for MeetingReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if let Some(meeting) = self.meeting.as_mut() {
            ready!(meeting.as_mut().poll(cx));
            self.meeting = None;
        }
        let n = self.data.len().min(buf.remaining());
        let (now, later) = self.data.split_at(n);
        buf.put_slice(now);
        self.data = later;
        Poll::Ready(Ok(()))
    }
}

async fn write_test_files(dir: &TempDir, files: &[(&str, &str)]) {
    for (name, content) in files {
        tokio::fs::write(dir.path().join(name), content)
            .await
            .expect("cannot write a test file");
    }
}

#[support::test(start_paused = true)]
async fn write_many_writes_every_file() {
    let dir = temp_dir();
    let files = vec![
        ("一.txt".to_string(), "文件一的内容\n".as_bytes()),
        ("二.txt".to_string(), "文件二的内容\n".as_bytes()),
        ("three.txt".to_string(), "and the third\n".as_bytes()),
    ];
    finishes(write_many(dir.path(), files))
        .await
        .expect("write_many() failed");
    for (name, expected) in [
        ("一.txt", "文件一的内容\n"),
        ("二.txt", "文件二的内容\n"),
        ("three.txt", "and the third\n"),
    ] {
        let content = tokio::fs::read_to_string(dir.path().join(name))
            .await
            .unwrap_or_else(|e| {
                panic!("write_many() did not write {name} into the directory: {e}")
            });
        assert_eq!(
            content, expected,
            "{name} must hold all of its source (flush the file before it is dropped)"
        );
    }
}

#[support::test(start_paused = true)]
async fn write_many_writes_all_files_at_the_same_time() {
    let dir = temp_dir();
    let contents = ["甲", "乙", "丙", "丁"];
    let files: Vec<(String, MeetingReader)> = ["a.txt", "b.txt", "c.txt", "d.txt"]
        .iter()
        .map(|name| name.to_string())
        .zip(MeetingReader::group(&contents))
        .collect();
    let written = tokio::time::timeout(secs(60), write_many(dir.path(), files))
        .await
        .unwrap_or_else(|_| {
            fail(
                Kind::TimedOut,
                "write_many() did not finish within 60 s of virtual time. Each source here gives \
                 its bytes only once all four have been asked for data, so the files \
                 must be written at the same time: a loop that finishes one file before \
                 starting the next waits forever on the first. Build one future per \
                 file and await them together (`futures::future::try_join_all`).",
            )
        });
    written.expect("write_many() failed");
    for (name, expected) in ["a.txt", "b.txt", "c.txt", "d.txt"].iter().zip(contents) {
        let content = tokio::fs::read_to_string(dir.path().join(name))
            .await
            .unwrap_or_else(|e| panic!("write_many() did not write {name}: {e}"));
        assert_eq!(content, expected, "{name} must hold all of its source");
    }
}

#[support::test(start_paused = true)]
async fn read_many_returns_contents_in_the_order_of_the_names() {
    let dir = temp_dir();
    write_test_files(
        &dir,
        &[("a.txt", "张三"), ("b.txt", "李四"), ("c.txt", "王五")],
    )
    .await;
    let texts = finishes(read_many(dir.path(), &["c.txt", "a.txt", "b.txt"]))
        .await
        .expect("read_many() failed on files that exist");
    assert_eq!(
        texts,
        ["王五", "张三", "李四"],
        "one content per name, in the order of the names (not the order the reads finish in)"
    );
}

#[support::test(start_paused = true)]
async fn missing_file_is_not_found_with_its_full_path() {
    let dir = temp_dir();
    write_test_files(&dir, &[("a.txt", "张三"), ("c.txt", "王五")]).await;
    let error = finishes(read_many(dir.path(), &["a.txt", "missing.txt", "c.txt"]))
        .await
        .expect_err("read_many() with a missing file must fail, not return an empty text for it");
    let missing = dir.path().join("missing.txt");
    match &error {
        FileError::NotFound { path } => assert_eq!(
            path, &missing,
            "FileError::NotFound must carry the full path of the missing file: the \
             directory joined with its name"
        ),
        other => panic!(
            "a missing file must be FileError::NotFound (check the io::Error's \
             `kind()`), got {other:?}"
        ),
    }
}

#[support::test(start_paused = true)]
async fn other_errors_are_io_errors_with_their_path() {
    let dir = temp_dir();
    write_test_files(&dir, &[("a.txt", "张三")]).await;
    tokio::fs::write(dir.path().join("binary.dat"), b"\xff\xfe\xfd")
        .await
        .expect("cannot write a test file");
    let error = finishes(read_many(dir.path(), &["a.txt", "binary.dat"]))
        .await
        .expect_err("read_many() of a file that is not UTF-8 must fail");
    let binary = dir.path().join("binary.dat");
    match &error {
        FileError::Io { path, source } => {
            assert_eq!(
                path, &binary,
                "FileError::Io must carry the full path of the file that failed"
            );
            assert_eq!(
                source.kind(),
                ErrorKind::InvalidData,
                "FileError::Io keeps the original io::Error as its source"
            );
        }
        other => panic!(
            "a file that exists but is not UTF-8 is FileError::Io, not {other:?}: only \
             an error of kind NotFound means the file is missing"
        ),
    }
}

#[support::test(start_paused = true)]
async fn write_errors_name_the_file_being_written() {
    let dir = temp_dir();
    let nowhere = dir.path().join("no-such-directory");
    let files = vec![("报告.txt".to_string(), "内容".as_bytes())];
    let error = finishes(write_many(&nowhere, files))
        .await
        .expect_err("write_many() into a directory that does not exist must fail");
    let path = match &error {
        FileError::NotFound { path } | FileError::Io { path, .. } => path,
    };
    assert_eq!(
        path,
        &nowhere.join("报告.txt"),
        "a write error must carry the full path of the file being written: the \
         directory joined with the file's name"
    );
}
