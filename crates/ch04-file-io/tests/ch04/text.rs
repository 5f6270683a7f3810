use std::io::ErrorKind;

use ch04_file_io::text::{read_lines, read_text, write_text};
use pretty_assertions::assert_eq;
use support::finishes;

use crate::common::temp_dir;

const POEM: &str = "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n";

#[support::test(start_paused = true)]
async fn write_then_read_keeps_chinese_text() {
    let dir = temp_dir();
    let path = dir.path().join("静夜思.txt");
    finishes(write_text(&path, POEM))
        .await
        .expect("write_text() failed");
    let on_disk = tokio::fs::read(&path)
        .await
        .expect("write_text() did not create the file");
    assert_eq!(
        String::from_utf8_lossy(&on_disk),
        POEM,
        "the file must hold exactly the UTF-8 bytes of the text, nothing added"
    );
    let text = finishes(read_text(&path))
        .await
        .expect("read_text() failed on the file write_text() just wrote");
    assert_eq!(text, POEM, "read_text() returns the file's text unchanged");
}

#[support::test(start_paused = true)]
async fn write_replaces_a_longer_old_content() {
    let dir = temp_dir();
    let path = dir.path().join("note.txt");
    finishes(write_text(&path, "一段很长很长的旧内容，比新的长得多\n"))
        .await
        .expect("write_text() failed");
    finishes(write_text(&path, "新\n"))
        .await
        .expect("write_text() failed on an existing file");
    let bytes = tokio::fs::read(&path)
        .await
        .expect("the file is gone after a second write_text()");
    assert_eq!(
        String::from_utf8_lossy(&bytes),
        "新\n",
        "the second write must replace the whole file: open it truncated \
         (`fs::write` or `File::create`), not for appending, and not with \
         `OpenOptions::write` alone, which leaves the old tail"
    );
}

#[support::test(start_paused = true)]
async fn invalid_utf8_is_an_invalid_data_error() {
    let dir = temp_dir();
    let path = dir.path().join("broken.txt");
    tokio::fs::write(&path, b"ok\n\xff\xfe broken\n")
        .await
        .expect("cannot write the test file");
    match finishes(read_text(&path)).await {
        Err(error) => assert_eq!(
            error.kind(),
            ErrorKind::InvalidData,
            "a file that is not UTF-8 is an error of kind InvalidData, got: {error}"
        ),
        Ok(text) => panic!(
            "read_text() of a file that is not UTF-8 returned {text:?}: it must be an \
             InvalidData error (`String::from_utf8_lossy` hides broken files)"
        ),
    }
    match finishes(read_lines(&path)).await {
        Err(error) => assert_eq!(
            error.kind(),
            ErrorKind::InvalidData,
            "a file that is not UTF-8 is an error of kind InvalidData, got: {error}"
        ),
        Ok(lines) => panic!(
            "read_lines() of a file that is not UTF-8 returned {lines:?}: it must be an \
             InvalidData error"
        ),
    }
}

#[support::test(start_paused = true)]
async fn missing_file_is_a_not_found_error() {
    let dir = temp_dir();
    let path = dir.path().join("nowhere.txt");
    let error = finishes(read_text(&path))
        .await
        .expect_err("read_text() of a missing file must be an error, not an empty text");
    assert_eq!(
        error.kind(),
        ErrorKind::NotFound,
        "read_text() of a missing file must pass on the NotFound error from opening it, \
         got: {error}"
    );
    let error = finishes(read_lines(&path))
        .await
        .expect_err("read_lines() of a missing file must be an error, not an empty list");
    assert_eq!(
        error.kind(),
        ErrorKind::NotFound,
        "read_lines() of a missing file must pass on the NotFound error from opening it, \
         got: {error}"
    );
}

#[support::test(start_paused = true)]
async fn read_lines_strips_line_endings_and_keeps_empty_lines() {
    let dir = temp_dir();
    let path = dir.path().join("lines.txt");
    tokio::fs::write(&path, "第一行\r\n第二行\n\n最后一行")
        .await
        .expect("cannot write the test file");
    let lines = finishes(read_lines(&path))
        .await
        .expect("read_lines() failed");
    assert_eq!(
        lines,
        ["第一行", "第二行", "", "最后一行"],
        "each line without its `\\n` or `\\r\\n`, the empty line kept, and the last \
         line read even though no `\\n` ends it"
    );
}

#[support::test(start_paused = true)]
async fn read_lines_adds_no_line_after_the_final_newline() {
    let dir = temp_dir();
    let path = dir.path().join("poem.txt");
    tokio::fs::write(&path, POEM)
        .await
        .expect("cannot write the test file");
    let lines = finishes(read_lines(&path))
        .await
        .expect("read_lines() failed");
    assert_eq!(
        lines,
        [
            "床前明月光，",
            "疑是地上霜。",
            "举头望明月，",
            "低头思故乡。"
        ],
        "a final `\\n` ends the last line; it does not start an empty one \
         (splitting the text on '\\n' gives an extra \"\")"
    );
    let empty = dir.path().join("empty.txt");
    tokio::fs::write(&empty, "")
        .await
        .expect("cannot write the test file");
    let lines = finishes(read_lines(&empty))
        .await
        .expect("read_lines() of an empty file failed");
    assert_eq!(lines, Vec::<String>::new(), "an empty file has no lines");
}
