//! `read_many` on named pipes (FIFOs), Unix only. Reading a FIFO lasts until
//! its writer, here the test, has written and closed it: so the test sees
//! which files are open at the same time, and decides the order in which
//! the reads finish.

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::time::{Duration, Instant};

use ch04_file_io::many::read_many;
use futures::FutureExt;
use pretty_assertions::assert_eq;
use tokio::io::AsyncWriteExt;
use tokio::net::unix::pipe;

use crate::common::temp_dir;

const NAMES: [&str; 3] = ["a.txt", "b.txt", "c.txt"];
const CONTENTS: [&str; 3] = ["张三", "李四", "王五"];

/// Real time the reads may take to start. Reads that do start take
/// microseconds; the limit is spent only when some never do.
const LIMIT: Duration = Duration::from_secs(5);

/// A pause in real time between two looks at the pipes.
const PAUSE: Duration = Duration::from_millis(1);

fn make_fifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(
        made.is_ok_and(|status| status.success()),
        "this test needs the `mkfifo` command to make a named pipe at {}",
        path.display()
    );
}

/// A writer on the FIFO, if something has it open for reading: opening a
/// FIFO without waiting fails while it has no reader.
fn writer(path: &Path) -> Option<pipe::Sender> {
    pipe::OpenOptions::new().open_sender(path).ok()
}

/// Polls `reading` once, without waiting, after letting the runtime run
/// whatever else is ready (tasks that `read_many` may have spawned), then
/// pauses: the reads themselves run on tokio's blocking threads.
async fn poll_once<F: Future>(reading: &mut Pin<&mut F>) -> Option<F::Output> {
    let output = reading.as_mut().now_or_never();
    tokio::task::yield_now().await;
    std::thread::sleep(PAUSE);
    output
}

// Real time: the test looks at the pipes in a loop of its own, between
// pauses of real time, which a paused clock would take for busy polling.
#[support::test]
async fn read_many_reads_every_file_at_once() {
    let dir = temp_dir();
    let paths: Vec<_> = NAMES.iter().map(|name| dir.path().join(name)).collect();
    for path in &paths {
        make_fifo(path);
    }
    let reading = read_many(dir.path(), &NAMES);
    let mut reading = std::pin::pin!(reading);
    // Until every file is open for reading at the same time, or the limit.
    let mut writers: Vec<Option<pipe::Sender>> = paths.iter().map(|_| None).collect();
    let start = Instant::now();
    while writers.iter().any(Option::is_none) && start.elapsed() < LIMIT {
        if let Some(result) = poll_once(&mut reading).await {
            panic!("read_many() returned {result:?} before any of its files had content");
        }
        for (writer_slot, path) in writers.iter_mut().zip(&paths) {
            if writer_slot.is_none() {
                *writer_slot = writer(path);
            }
        }
    }
    let open = writers.iter().filter(|w| w.is_some()).count();
    if open < NAMES.len() {
        // Let the reads that did start finish, empty, before failing.
        drop(writers);
        while poll_once(&mut reading).await.is_none() {
            for path in &paths {
                drop(writer(path));
            }
        }
        panic!(
            "read_many() had only {open} of its 3 files open at the same time: it reads \
             one file after another. Build one future per file and await them together \
             (`futures::future::try_join_all`), so that every read is under way at once"
        );
    }
    // The reads finish last to first: each file gets its content and is
    // closed only once the read of the one after it is over.
    for index in (0..NAMES.len()).rev() {
        let mut sender = writers[index].take().expect("every file is open");
        sender
            .write_all(CONTENTS[index].as_bytes())
            .await
            .expect("cannot write into the pipe");
        drop(sender);
        // The read is over once nothing has the FIFO open for reading.
        while let Some(again) = writer(&paths[index]) {
            drop(again);
            if let Some(result) = poll_once(&mut reading).await {
                panic!("read_many() returned {result:?} before all of its files had content");
            }
        }
    }
    let start = Instant::now();
    let result = loop {
        if let Some(result) = poll_once(&mut reading).await {
            break result;
        }
        assert!(
            start.elapsed() < LIMIT,
            "every file was read to its end, but read_many() did not return"
        );
    };
    assert_eq!(
        result.expect("read_many() failed on files that exist"),
        CONTENTS,
        "the reads finished in the order c, b, a, and read_many() must still return the \
         contents in the order of the names: keep each result in its own place (as \
         `try_join_all` does), not in the order the reads finish"
    );
}
