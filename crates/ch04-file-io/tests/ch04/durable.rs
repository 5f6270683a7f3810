use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use ch04_file_io::durable::write_durably;
use pretty_assertions::assert_eq;
use support::finishes;
use tempfile::TempDir;
use tokio::io::{AsyncRead, ReadBuf};

use crate::common::temp_dir;

const OLD: &str = "{\"主题\": \"亮\", \"字号\": 14}\n";
const FIRST_HALF: &str = "{\"主题\": \"暗\", ";
const SECOND_HALF: &str = "\"字号\": 16}\n";

/// The directory as the test saw it halfway through the new content.
#[derive(Debug, Default)]
struct Halfway {
    /// The target's content then, if it could be read as text.
    target: Option<String>,
    /// The names of the files in the directory then, sorted.
    files: Vec<String>,
}

/// A source that yields its first half, then, asked for more, looks at the
/// directory (the write is halfway through), then yields the second half,
/// or fails like a dropped upload.
struct HalfwayReader {
    first: &'static [u8],
    second: &'static [u8],
    fail: bool,
    target: PathBuf,
    seen: Arc<Mutex<Option<Halfway>>>,
}

impl HalfwayReader {
    fn new(target: &Path, fail: bool) -> (HalfwayReader, Arc<Mutex<Option<Halfway>>>) {
        let seen = Arc::default();
        let reader = HalfwayReader {
            first: FIRST_HALF.as_bytes(),
            second: SECOND_HALF.as_bytes(),
            fail,
            target: target.to_path_buf(),
            seen: Arc::clone(&seen),
        };
        (reader, seen)
    }
}

impl AsyncRead for HalfwayReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if !self.first.is_empty() {
            let n = self.first.len().min(buf.remaining());
            let (now, later) = self.first.split_at(n);
            buf.put_slice(now);
            self.first = later;
            return Poll::Ready(Ok(()));
        }
        let mut seen = self.seen.lock().unwrap();
        if seen.is_none() {
            // A test may block for a moment: this is a look, not a workload.
            let dir = self.target.parent().unwrap();
            let mut files: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            files.sort();
            *seen = Some(Halfway {
                target: std::fs::read_to_string(&self.target).ok(),
                files,
            });
        }
        drop(seen);
        if self.fail {
            return Poll::Ready(Err(io::Error::new(
                ErrorKind::ConnectionReset,
                "the upload was cut off",
            )));
        }
        let n = self.second.len().min(buf.remaining());
        let (now, later) = self.second.split_at(n);
        buf.put_slice(now);
        self.second = later;
        Poll::Ready(Ok(()))
    }
}

async fn files_in(dir: &Path) -> Vec<String> {
    let mut entries = tokio::fs::read_dir(dir)
        .await
        .expect("cannot list the directory");
    let mut files = Vec::new();
    while let Some(entry) = entries
        .next_entry()
        .await
        .expect("cannot list the directory")
    {
        files.push(entry.file_name().to_string_lossy().into_owned());
    }
    files.sort();
    files
}

async fn old_settings(dir: &TempDir) -> PathBuf {
    let path = dir.path().join("settings.json");
    tokio::fs::write(&path, OLD)
        .await
        .expect("cannot write the old file");
    path
}

fn halfway(seen: &Mutex<Option<Halfway>>) -> Halfway {
    seen.lock()
        .unwrap()
        .take()
        .expect("write_durably() never read the second half of the content")
}

#[support::test(start_paused = true)]
async fn creates_a_new_file() {
    let dir = temp_dir();
    let path = dir.path().join("new.json");
    let content = format!("{FIRST_HALF}{SECOND_HALF}");
    finishes(write_durably(&path, content.as_bytes()))
        .await
        .expect("write_durably() failed");
    let written = tokio::fs::read_to_string(&path)
        .await
        .expect("write_durably() did not create the file");
    assert_eq!(
        written, content,
        "the file must hold the whole content (flush and sync the temporary file before the rename)"
    );
    assert_eq!(
        files_in(dir.path()).await,
        ["new.json"],
        "only the file itself may be left in the directory: the temporary file is renamed over it"
    );
}

#[support::test(start_paused = true)]
async fn replaces_an_old_file_only_once_the_new_one_is_complete() {
    let dir = temp_dir();
    let path = old_settings(&dir).await;
    let (reader, seen) = HalfwayReader::new(&path, false);
    finishes(write_durably(&path, reader))
        .await
        .expect("write_durably() failed");
    let seen = halfway(&seen);
    assert_eq!(
        seen.target.as_deref(),
        Some(OLD),
        "halfway through the new content, the target no longer held its old content: \
         never open the target itself for writing (`File::create` empties it at once); \
         write a temporary file and rename it over the target at the end"
    );
    assert_eq!(
        seen.files.len(),
        2,
        "halfway through the new content, the directory held {:?}: there must be a \
         temporary file beside the target, created before the content is streamed into \
         it (in the same directory: `rename` cannot cross file systems)",
        seen.files
    );
    let written = tokio::fs::read_to_string(&path)
        .await
        .expect("the target is gone after write_durably()");
    assert_eq!(
        written,
        format!("{FIRST_HALF}{SECOND_HALF}"),
        "after write_durably() the target holds the whole new content (flush and sync \
         the temporary file before the rename)"
    );
    assert_eq!(
        files_in(dir.path()).await,
        ["settings.json"],
        "only the target may be left in the directory: the temporary file is renamed over it"
    );
}

#[support::test(start_paused = true)]
async fn failure_halfway_keeps_the_old_content() {
    let dir = temp_dir();
    let path = old_settings(&dir).await;
    let (reader, seen) = HalfwayReader::new(&path, true);
    let result = finishes(write_durably(&path, reader)).await;
    let written = tokio::fs::read_to_string(&path)
        .await
        .expect("after a failed write the target must still exist, with its old content");
    assert_eq!(
        written, OLD,
        "the content failed halfway, and the target must keep its old content: write \
         into a temporary file and rename it only once everything is written"
    );
    assert!(
        result.is_err(),
        "write_durably() must return the error of a content that failed"
    );
    assert_eq!(
        halfway(&seen).target.as_deref(),
        Some(OLD),
        "halfway through the new content, the target no longer held its old content"
    );
}

#[support::test(start_paused = true)]
async fn failure_halfway_leaves_no_temporary_file() {
    let dir = temp_dir();
    let path = old_settings(&dir).await;
    let (reader, _) = HalfwayReader::new(&path, true);
    let _ = finishes(write_durably(&path, reader)).await;
    assert_eq!(
        files_in(dir.path()).await,
        ["settings.json"],
        "after a failed write, remove the temporary file: only the target may be left"
    );
}

#[support::test(start_paused = true)]
async fn failure_halfway_returns_the_error_unchanged() {
    let dir = temp_dir();
    let path = old_settings(&dir).await;
    let (reader, _) = HalfwayReader::new(&path, true);
    let error = finishes(write_durably(&path, reader))
        .await
        .expect_err("write_durably() must fail when its content fails");
    assert_eq!(
        (error.kind(), error.to_string()),
        (
            ErrorKind::ConnectionReset,
            "the upload was cut off".to_string()
        ),
        "return the content's error as it is, not a new one (and not one from the cleanup)"
    );
}
