use std::io::ErrorKind;
use std::path::Path;

use ch04_file_io::progress::{CHUNK, Progress, copy_with_progress};
use pretty_assertions::assert_eq;
use support::{finishes, millis};
use tempfile::TempDir;
use tokio::sync::mpsc;

use crate::common::temp_dir;

/// `len` bytes of text, cut wherever `len` falls (the copy is of bytes).
fn data(len: usize) -> Vec<u8> {
    "进度 progress 0123456789\n"
        .bytes()
        .cycle()
        .take(len)
        .collect()
}

async fn source_file(dir: &TempDir, len: usize) -> (std::path::PathBuf, Vec<u8>) {
    let path = dir.path().join("source.bin");
    let bytes = data(len);
    tokio::fs::write(&path, &bytes)
        .await
        .expect("cannot write the source file");
    (path, bytes)
}

/// Collects every report until the sender is dropped, waiting `pause`
/// after each one, like a slow display.
async fn collect(
    mut reports: mpsc::Receiver<Progress>,
    pause: std::time::Duration,
) -> Vec<Progress> {
    let mut all = Vec::new();
    while let Some(report) = reports.recv().await {
        all.push(report);
        if !pause.is_zero() {
            tokio::time::sleep(pause).await;
        }
    }
    all
}

/// Copies `from` to `to` while collecting the reports from a channel of
/// `capacity`.
async fn copy_and_collect(
    from: &Path,
    to: &Path,
    capacity: usize,
    pause: std::time::Duration,
) -> (std::io::Result<u64>, Vec<Progress>) {
    let (tx, rx) = mpsc::channel(capacity);
    finishes(async { tokio::join!(copy_with_progress(from, to, tx), collect(rx, pause)) }).await
}

/// Checks the reports of a copy of `len` bytes, with messages that name
/// the usual mistakes. `last_missing` explains a missing final report.
fn check_reports(reports: &[Progress], len: u64, last_missing: &str) {
    assert!(
        !reports.is_empty(),
        "no progress report arrived: send one after each chunk is written"
    );
    for report in reports {
        assert_eq!(
            report.total, len,
            "`total` is the size of the whole source (its metadata's `len()`) in every report"
        );
    }
    let mut before = 0;
    for report in reports {
        assert!(
            report.copied > before,
            "a report of {} bytes copied came after one of {before}: each report carries \
             the running total of bytes copied so far, not the size of the last chunk",
            report.copied
        );
        before = report.copied;
    }
    assert_eq!(
        reports.last().map(|r| r.copied),
        Some(len),
        "{last_missing}"
    );
    let mut before = 0;
    for report in reports {
        assert!(
            report.copied - before <= CHUNK as u64,
            "{} bytes were copied between two reports, more than CHUNK ({CHUNK}): read \
             at most CHUNK bytes at a time, and send a report after every chunk (a \
             report dropped by `try_send` on a full channel leaves a gap like this)",
            report.copied - before
        );
        before = report.copied;
    }
}

#[support::test(start_paused = true)]
async fn copies_every_byte() {
    let dir = temp_dir();
    let (from, bytes) = source_file(&dir, 300_007).await;
    let to = dir.path().join("copy.bin");
    let (copied, _) = copy_and_collect(&from, &to, 64, millis(0)).await;
    let copied = copied.expect("copy_with_progress() failed");
    let written = tokio::fs::read(&to)
        .await
        .expect("copy_with_progress() did not create the target");
    assert!(
        written == bytes,
        "the target must hold exactly the source's {} bytes, but it has {} bytes{}",
        bytes.len(),
        written.len(),
        if written.len() < bytes.len() {
            ": is the last chunk written, and the target flushed before returning?"
        } else {
            ""
        }
    );
    assert_eq!(
        copied, 300_007,
        "copy_with_progress() returns the bytes copied"
    );
}

#[support::test(start_paused = true)]
async fn reports_running_totals_up_to_the_exact_size() {
    let dir = temp_dir();
    let (from, _) = source_file(&dir, 1_000_003).await;
    let to = dir.path().join("copy.bin");
    let (copied, reports) = copy_and_collect(&from, &to, 64, millis(0)).await;
    copied.expect("copy_with_progress() failed");
    check_reports(
        &reports,
        1_000_003,
        "the last report must say the whole file was copied (copied == total)",
    );
}

// Real time: the copy may run on a blocking thread of its own, and while
// one runs, a paused clock stands still, so a receiver that sleeps on it
// would never wake.
#[support::test]
async fn no_report_is_lost_when_the_receiver_is_slow() {
    let dir = temp_dir();
    let (from, _) = source_file(&dir, 1_000_003).await;
    let to = dir.path().join("copy.bin");
    // Room for one report, and a receiver that takes 20 ms over each, far
    // longer than a chunk takes to copy: the channel is full most of the time.
    let (copied, reports) = copy_and_collect(&from, &to, 1, millis(20)).await;
    copied.expect("copy_with_progress() failed");
    check_reports(
        &reports,
        1_000_003,
        "the final report is missing: with a slow receiver the channel is full, and \
         `try_send` drops reports then. `send(..).await` waits for room",
    );
}

#[support::test(start_paused = true)]
async fn a_dropped_receiver_does_not_stop_the_copy() {
    let dir = temp_dir();
    let (from, bytes) = source_file(&dir, 200_000).await;
    let to = dir.path().join("copy.bin");
    let (tx, rx) = mpsc::channel(1);
    drop(rx);
    let copied = finishes(copy_with_progress(&from, &to, tx))
        .await
        .unwrap_or_else(|e| {
            panic!(
                "copy_with_progress() failed when nobody listens to the reports: {e}\n\
                 Progress is advice: a failed `send` (the receiver is gone) must not stop the copy"
            )
        });
    assert_eq!(copied, 200_000, "the whole file is copied");
    let written = tokio::fs::read(&to)
        .await
        .expect("copy_with_progress() did not create the target");
    assert!(
        written == bytes,
        "the target must hold the whole source even when nobody listens to the reports"
    );
}

#[support::test(start_paused = true)]
async fn missing_source_is_an_error_and_creates_no_target() {
    let dir = temp_dir();
    let from = dir.path().join("nothing.bin");
    let to = dir.path().join("copy.bin");
    let (copied, reports) = copy_and_collect(&from, &to, 8, millis(0)).await;
    let error = copied.expect_err("copying a missing file must fail");
    assert_eq!(
        error.kind(),
        ErrorKind::NotFound,
        "copying a missing source must pass on the NotFound error from opening it, got: {error}"
    );
    assert_eq!(reports, [], "a copy that never started reports nothing");
    assert!(
        !tokio::fs::try_exists(&to).await.unwrap_or(true),
        "the target was created although the source cannot be read: open the source first"
    );
}

#[support::test(start_paused = true)]
async fn empty_source_gives_an_empty_target() {
    let dir = temp_dir();
    let (from, _) = source_file(&dir, 0).await;
    let to = dir.path().join("copy.bin");
    let (copied, reports) = copy_and_collect(&from, &to, 8, millis(0)).await;
    assert_eq!(
        copied.expect("copying an empty file must succeed"),
        0,
        "an empty file copies 0 bytes"
    );
    assert_eq!(reports, [], "an empty file sends no report");
    let written = tokio::fs::read(&to)
        .await
        .expect("the target of an empty copy must exist");
    assert!(written.is_empty(), "the target of an empty copy is empty");
}
