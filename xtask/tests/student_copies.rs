//! The student commands end to end, as the `xtask` binary runs them in a
//! course's folder: a copied course is its own, `reset` needs no git, and
//! one broken exercise hides no other. The courses here are small fakes
//! whose tests report their verdicts with this workspace's `verdict` crate,
//! their only dependency (they build in about a second), except the
//! hand-out, which `cargo xtask dist` writes from this workspace.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const STUB_ONE: &str = "/// Returns 1.\npub fn one() -> u32 {\n    todo!()\n}\n";
const SOLVED_ONE: &str = "/// Returns 1.\npub fn one() -> u32 {\n    1\n}\n";
const STUB_TWO: &str = "/// Returns 2.\npub fn two() -> u32 {\n    todo!()\n}\n";

/// The fake tests' harness: the signed record the runner believes.
const HARNESS: &str = r#"mod one;
mod two;

use std::io::{BufRead, Read, Write};

fn judge(test: &str, body: fn()) {
    let key = std::env::var_os(verdict::ENV).and_then(|_| {
        let mut text = String::new();
        // The key's line: the runner keeps the pipe open until the test ends.
        std::io::stdin().lock().take(64).read_line(&mut text).ok()?;
        verdict::Key::from_text(&text)
    });
    let ended = std::panic::catch_unwind(body);
    let (kind, message) = match &ended {
        Ok(()) => (verdict::Kind::Passed, String::new()),
        Err(panic) => {
            let text = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|t| t.to_string()))
                .unwrap_or_default();
            match text.starts_with("not yet implemented") {
                true => (verdict::Kind::NotStarted, text),
                false => (verdict::Kind::Failed, text),
            }
        }
    };
    // Straight to stderr: `eprintln!` would be captured by libtest.
    if let Some(key) = key {
        let record = verdict::Record::new(test, kind, &message).sign(&key);
        let _ = writeln!(std::io::stderr(), "\n{record}");
    }
    if let Err(panic) = ended {
        std::panic::resume_unwind(panic);
    }
}
"#;

/// A hand-out of a one-chapter course: two exercises, `one` and `two`,
/// with their shipped stubs and hashes.
fn fake_course(root: &Path) {
    let verdict = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/verdict");
    let verdict = std::path::absolute(verdict).unwrap();
    let manifest = format!(
        "[package]\nname = \"ch01-demo\"\nversion = \"0.1.0\"\nedition.workspace = true\n\n\
         [lib]\ntest = false\ndoctest = false\n\n\
         [dev-dependencies]\nverdict = {{ path = {:?} }}\n",
        verdict.to_string_lossy()
    );
    let test = |exercise: &str, call: &str, value: u32| {
        format!(
            "#[test]\nfn is_{exercise}() {{\n    \
             crate::judge(\"{exercise}::is_{exercise}\", || assert_eq!({call}(), {value}));\n}}\n"
        )
    };
    let test_one = test("one", "ch01_demo::one::one", 1);
    let test_two = test("two", "ch01_demo::two::two", 2);
    let files: &[(&str, &str)] = &[
        (
            "Cargo.toml",
            "[workspace]\nresolver = \"3\"\nmembers = [\"crates/*\"]\n\n\
             [workspace.package]\nedition = \"2024\"\n\n[profile.dev]\ndebug = false\n",
        ),
        ("crates/ch01-demo/Cargo.toml", &manifest),
        (
            "crates/ch01-demo/exercises.toml",
            "format = 1\ntitle = \"Demo\"\n\n\
             [[exercise]]\nname = \"one\"\ntitle = \"Return one\"\npoints = 10\nhints = [\"a\", \"b\"]\n\n\
             [[exercise]]\nname = \"two\"\ntitle = \"Return two\"\npoints = 10\nhints = [\"a\", \"b\"]\n",
        ),
        (
            "crates/ch01-demo/src/lib.rs",
            "pub mod one;\npub mod two;\n",
        ),
        ("crates/ch01-demo/src/one.rs", STUB_ONE),
        ("crates/ch01-demo/src/two.rs", STUB_TWO),
        ("crates/ch01-demo/tests/ch01/main.rs", HARNESS),
        ("crates/ch01-demo/tests/ch01/one.rs", &test_one),
        ("crates/ch01-demo/tests/ch01/two.rs", &test_two),
    ];
    let mut index = String::new();
    for (path, text) in files {
        write(&root.join(path), text);
        if path.contains("/src/") {
            write(&root.join(".awaitlings/stubs").join(path), text);
            index.push_str(&format!("{}  {path}\n", sha256(text.as_bytes())));
        }
    }
    write(&root.join(".awaitlings/stubs.sha256"), &index);
}

fn sha256(bytes: &[u8]) -> String {
    let digest = hmac_sha256::Hash::hash(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// `cargo xtask <args>` as a student types it in `dir`, with no shared
/// target directory unless one is given.
fn xtask(dir: &Path, args: &[&str], shared_target: Option<&Path>) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command
        .current_dir(dir)
        .args(args)
        .env_remove("CARGO_TARGET_DIR")
        .env("NO_COLOR", "1");
    if let Some(target) = shared_target {
        command.env("CARGO_TARGET_DIR", target);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&stdout),
        String::from_utf8_lossy(&stderr)
    );
    (status.code().unwrap_or(-1), text)
}

/// The report line of an exercise: `   1. one  ✓ done  1/1  Return one`.
fn line<'a>(report: &'a str, exercise: &str) -> &'a str {
    let prefix = format!(". {exercise} ");
    report
        .lines()
        .find(|l| l.contains(&prefix))
        .unwrap_or_else(|| panic!("no line for {exercise} in:\n{report}"))
}

#[test]
#[cfg(unix)] // `cp -a`
fn a_copied_course_checks_and_resets_its_own_files() {
    let tmp = tempfile::tempdir().unwrap();
    let original = tmp.path().join("original");
    fake_course(&original);
    let (code, report) = xtask(&original, &["check", "ch01"], None);
    assert_eq!(code, 1, "{report}");
    assert!(line(&report, "one").contains("not started"), "{report}");

    // The copy takes the original's build files along, with their times.
    let copy = tmp.path().join("copy");
    let copied = Command::new("cp")
        .arg("-a")
        .arg(&original)
        .arg(&copy)
        .status();
    assert!(copied.unwrap().success());
    assert!(copy.join("target").is_dir());
    let one = Path::new("crates/ch01-demo/src/one.rs");
    write(&copy.join(one), SOLVED_ONE);

    // From a subdirectory, as cargo finds a workspace.
    let (_, report) = xtask(&copy.join("crates/ch01-demo"), &["check", "ch01"], None);
    assert!(
        line(&report, "one").contains("done"),
        "the copy checks its own files:\n{report}"
    );
    let (_, report) = xtask(&original, &["check", "ch01"], None);
    assert!(
        line(&report, "one").contains("not started"),
        "the original is checked as it is, not as the copy is:\n{report}"
    );

    // With every project's builds sent to one shared directory, the two
    // copies still never see each other's.
    let shared = tmp.path().join("shared-target");
    for (dir, expected) in [(&copy, "done"), (&original, "not started"), (&copy, "done")] {
        let (_, report) = xtask(dir, &["check", "ch01"], Some(&shared));
        assert!(
            line(&report, "one").contains(expected),
            "{}:\n{report}",
            dir.display()
        );
    }

    let (code, said) = xtask(&copy, &["reset", "ch01", "one"], None);
    assert_eq!(code, 0, "{said}");
    assert_eq!(read(&copy.join(one)), STUB_ONE);
    assert_eq!(read(&original.join(one)), STUB_ONE);
    let backup = backups(&copy);
    assert_eq!(
        read(&backup[0].join(one)),
        SOLVED_ONE,
        "the copy's work is backed up"
    );
    assert!(backups(&original).is_empty(), "the original is left alone");
}

#[test]
fn a_syntax_error_hides_only_its_own_exercise() {
    let tmp = tempfile::tempdir().unwrap();
    let course = tmp.path();
    fake_course(course);
    write(&course.join("crates/ch01-demo/src/one.rs"), SOLVED_ONE);
    let broken = "/// Returns 2.\npub fn two() -> u32 {\n    2 +\n";
    write(&course.join("crates/ch01-demo/src/two.rs"), broken);

    let (code, report) = xtask(course, &["check", "ch01"], None);
    assert_eq!(code, 1, "{report}");
    assert!(line(&report, "one").contains("✓ done"), "{report}");
    assert!(
        line(&report, "two").contains("does not compile"),
        "{report}"
    );
    assert!(
        report.contains("1 of 2 exercises done, 10 of 20 points."),
        "{report}"
    );
    // rustc's own words, about the student's own file.
    assert!(
        report.contains("error: this file contains an unclosed delimiter"),
        "{report}"
    );
    assert!(report.contains("crates/ch01-demo/src/two.rs"), "{report}");
    assert_eq!(
        read(&course.join("crates/ch01-demo/src/two.rs")),
        broken,
        "the student's file is never touched"
    );

    // One exercise at a time.
    let (code, report) = xtask(course, &["check", "ch01", "one"], None);
    assert_eq!(code, 0, "{report}");
    assert!(
        !report.contains(". two "),
        "only `one` is checked:\n{report}"
    );
}

#[test]
fn reset_in_a_git_less_hand_out_restores_todays_stub() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    if !workspace.join("solutions").is_dir() {
        return; // a hand-out cannot make another one
    }
    let tmp = tempfile::tempdir().unwrap();
    let handout = tmp.path().join("handout");
    let (code, said) = xtask(workspace, &["dist", handout.to_str().unwrap()], None);
    assert_eq!(code, 0, "{said}");
    assert!(!handout.join(".git").exists() && !handout.join("solutions").exists());

    // A stub that changed since it was first committed.
    let file = Path::new("crates/ch05-network-io/src/http_get.rs");
    let today = std::fs::read(workspace.join(file)).unwrap();
    let mine = "// my half-written http_get\n";
    write(&handout.join(file), mine);
    let (code, said) = xtask(
        &handout.join("crates"),
        &["reset", "ch05", "http_get"],
        None,
    );
    assert_eq!(code, 0, "{said}");
    assert_eq!(
        std::fs::read(handout.join(file)).unwrap(),
        today,
        "byte for byte"
    );
    let backup = backups(&handout);
    assert_eq!(backup.len(), 1, "{said}");
    assert_eq!(read(&backup[0].join(file)), mine);

    // The shipped stubs stay in the student's repository.
    let gitignore = read(&handout.join(".gitignore"));
    assert!(gitignore.contains("!/.awaitlings/stubs/"), "{gitignore}");

    // A class hand-out neither lists nor has solutions.
    let (code, help) = xtask(&handout, &["help"], None);
    assert_eq!(code, 0);
    assert!(!help.contains("solution"), "{help}");
    let (code, said) = xtask(&handout, &["solution", "ch01"], None);
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("no solutions"), "{said}");
}

fn backups(course: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(course.join(".awaitlings/backups")) else {
        return Vec::new();
    };
    entries.map(|e| e.unwrap().path()).collect()
}
