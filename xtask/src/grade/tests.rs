//! End to end: submissions made here from the course's own stubs and
//! solutions (nothing checked in), graded, and every report compared.
//! The full run builds a dozen submissions: `cargo test -p xtask -- --ignored`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use super::assemble::mirror_instructor;
use super::model::{ChapterStatus, Grades, Student};
use super::{Options, grade_inputs, report};
use crate::course::Course;
use crate::runner::Kind;

pub(super) const CHAPTER: &str = "ch01-coroutines";
const WORK: &str = "    tokio::time::sleep(job.duration).await;";
const JOBS_TESTS: [&str; 5] = [
    "work_waits_for_the_job_duration",
    "sequential_takes_the_sum_of_the_durations",
    "sequential_returns_results_in_input_order",
    "concurrent_takes_as_long_as_the_longest_job",
    "concurrent_returns_results_in_input_order",
];

/// A student's copy of the workspace: the stubs, with the solutions of
/// the named exercises.
pub(super) fn submission(course: &Course, dir: &Path, solved: &[&str]) -> PathBuf {
    mirror_instructor(course, &[course.chapter("ch01").unwrap()], dir).unwrap();
    let chapter = course.chapter("ch01").unwrap();
    for name in solved {
        let file = format!("src/{name}.rs");
        std::fs::copy(
            course.solution_dir(chapter).join(&file),
            dir.join("crates").join(CHAPTER).join(&file),
        )
        .unwrap();
    }
    dir.to_path_buf()
}

pub(super) fn all_exercises(course: &Course) -> Vec<&str> {
    let chapter = course.chapter("ch01").unwrap();
    chapter
        .manifest
        .exercises
        .iter()
        .map(|e| e.name.as_str())
        .collect()
}

/// Solutions everywhere, with the body of `jobs::work` replaced.
fn solved_but_work_does(course: &Course, dir: &Path, body: &str) -> PathBuf {
    let root = submission(course, dir, &all_exercises(course));
    let jobs = root.join("crates").join(CHAPTER).join("src/jobs.rs");
    let text = std::fs::read_to_string(&jobs).unwrap();
    assert!(text.contains(WORK), "the solution of `work` changed");
    std::fs::write(&jobs, text.replace(WORK, body)).unwrap();
    root
}

fn forged_libtest_output() -> String {
    let mut text = String::from("\\n");
    for name in JOBS_TESTS {
        text.push_str(&format!("test jobs::{name} ... ok\\n"));
    }
    text.push_str(
        "\\ntest result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\\n",
    );
    format!(
        "    {{ use std::io::Write; let mut out = std::io::stdout(); \
         let _ = out.write_all(b\"{text}\"); let _ = out.flush(); std::process::exit(0); }}"
    )
}

pub(super) fn run(command: &mut Command) {
    let status = command.stdout(Stdio::null()).status().unwrap();
    assert!(status.success(), "{command:?}");
}

pub(super) fn git(repo: &Path, args: &[&str]) {
    run(Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-C"])
        .arg(repo)
        .args(args));
}

/// Every file's bytes under `path` (or of `path`), to show nothing changed.
pub(super) fn snapshot(path: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    if path.is_file() {
        files.insert(path.to_path_buf(), std::fs::read(path).unwrap());
    } else if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            files.extend(snapshot(&entry.unwrap().path()));
        }
    }
    files
}

pub(super) struct Class {
    pub _dir: tempfile::TempDir,
    pub inputs: Vec<PathBuf>,
}

fn make_class(course: &Course) -> Class {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name);
    let all = all_exercises(course);
    let mut inputs = vec![
        submission(course, &at("solved"), &all),
        submission(course, &at("stubs"), &[]),
        submission(course, &at("mix"), &["jobs", "lazy"]),
    ];
    std::fs::create_dir_all(at("mix/crates/ch99-extra/src")).unwrap();
    let broken = submission(course, &at("broken"), &all);
    let jobs = broken.join("crates").join(CHAPTER).join("src/jobs.rs");
    let text = std::fs::read_to_string(&jobs).unwrap();
    std::fs::write(&jobs, text + "\nfn broken( {\n").unwrap();
    inputs.push(broken);
    inputs.push(solved_but_work_does(
        course,
        &at("hangs"),
        "    loop { std::hint::spin_loop(); }",
    ));
    inputs.push(solved_but_work_does(
        course,
        &at("exits"),
        "    std::process::exit(0);",
    ));
    inputs.push(solved_but_work_does(
        course,
        &at("forges"),
        &forged_libtest_output(),
    ));
    let edited = submission(course, &at("edited"), &[]);
    let tests: String = JOBS_TESTS
        .iter()
        .map(|t| format!("#[test]\nfn {t}() {{}}\n"))
        .collect();
    std::fs::write(
        edited
            .join("crates")
            .join(CHAPTER)
            .join("tests/ch01/jobs.rs"),
        tests,
    )
    .unwrap();
    inputs.push(edited);
    inputs.extend(archives_and_repos(course, dir.path()));
    inputs.push(at("absent"));
    std::fs::create_dir_all(at("notes")).unwrap();
    std::fs::write(at("notes/readme.txt"), "no workspace here").unwrap();
    inputs.push(at("notes"));
    Class { _dir: dir, inputs }
}

/// The same work as a .tar.gz, a .zip, a git repository (graded at HEAD,
/// not its uncommitted stubs), and an empty archive.
fn archives_and_repos(course: &Course, dir: &Path) -> Vec<PathBuf> {
    let all = all_exercises(course);
    let packed = submission(course, &dir.join("packed"), &all);
    run(Command::new("tar")
        .arg("-czf")
        .arg(dir.join("tarball.tar.gz"))
        .arg("-C")
        .arg(dir)
        .arg("packed"));
    run(Command::new("zip")
        .args(["-qr", "../zipped.zip", "."])
        .current_dir(&packed));
    let repo = submission(course, &dir.join("repo"), &all);
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "done"]);
    submission(course, &repo, &[]);
    run(Command::new("tar")
        .arg("-czf")
        .arg(dir.join("empty.tar.gz"))
        .args(["-T", "/dev/null"]));
    ["tarball.tar.gz", "zipped.zip", "repo", "empty.tar.gz"]
        .iter()
        .map(|name| dir.join(name))
        .collect()
}

pub(super) fn student<'a>(grades: &'a Grades, id: &str) -> &'a Student {
    grades.students.iter().find(|s| s.id == id).unwrap()
}

fn outcomes(student: &Student, exercise: &str) -> Vec<Option<Kind>> {
    let chapter = &student.chapters[0];
    let exercise = chapter
        .exercises
        .iter()
        .find(|e| e.name == exercise)
        .unwrap();
    exercise.tests.iter().map(|t| t.outcome).collect()
}

/// The heavy tests share one target directory, and cargo names the
/// artifacts of two workspaces with the same layout alike: they must not
/// build at the same time.
pub(super) static SHARED_TARGET: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub(super) fn grade_class(course: &Course, class: &Class, scratch: &Path) -> Grades {
    let options = Options {
        inputs: class.inputs.clone(),
        chapters: vec!["ch01".into()],
        timeout: Some(Duration::from_secs(2)),
        scratch: Some(scratch.to_path_buf()),
        // Shared with `cargo xtask grade`: the dependencies are built once.
        target_dir: Some(course.root.join("target/grade/target")),
        ..Options::default()
    };
    grade_inputs(course, &options).unwrap()
}

#[test]
#[ignore = "builds a dozen submissions: about a minute"]
fn every_kind_of_submission_is_scored_as_it_deserves() {
    let _one_build_at_a_time = SHARED_TARGET.lock().unwrap_or_else(|e| e.into_inner());
    let course = Course::here().unwrap();
    let class = make_class(&course);
    let before: Vec<_> = class.inputs.iter().map(|p| snapshot(p)).collect();
    let scratch = tempfile::tempdir().unwrap();
    let grades = grade_class(&course, &class, scratch.path());
    let after: Vec<_> = class.inputs.iter().map(|p| snapshot(p)).collect();
    assert!(before == after, "a submission was modified");

    let score = |id: &str| student(&grades, id).score;
    for full in ["solved", "tarball", "zipped", "repo"] {
        assert_eq!(
            score(full),
            70.0,
            "{full}: {:#?}",
            student(&grades, full).chapters
        );
    }
    assert_eq!(score("stubs"), 0.0);
    assert_eq!(score("mix"), 20.0);
    let mix = student(&grades, "mix");
    assert!(
        mix.notes.iter().any(|n| n.contains("ch99-extra")),
        "{:?}",
        mix.notes
    );

    // Five exercises solved and `jobs` with a syntax error: the five score,
    // and every test of `jobs` says what the compiler said.
    let broken = student(&grades, "broken");
    assert_eq!(broken.score, 60.0, "{:#?}", broken.chapters);
    assert_eq!(broken.chapters[0].status, ChapterStatus::Graded);
    for exercise in &broken.chapters[0].exercises {
        let expected = match exercise.name.as_str() {
            "jobs" => Kind::DoesNotCompile,
            _ => Kind::Passed,
        };
        assert_eq!(exercise.status, Some(expected), "{}", exercise.name);
        assert!(exercise.tests.iter().all(|t| t.outcome == Some(expected)));
    }
    let jobs = &broken.chapters[0]
        .exercises
        .iter()
        .find(|e| e.name == "jobs");
    for test in &jobs.unwrap().tests {
        assert_eq!(test.score, 0.0);
        let says = &test.message;
        assert!(
            says.contains("src/jobs.rs") && says.contains("error"),
            "{says}"
        );
    }
    assert!(
        broken
            .notes
            .iter()
            .any(|n| n.contains("jobs did not compile")),
        "{:?}",
        broken.notes
    );

    // `jobs` is 10 of the 70 points; the other exercises are solved.
    assert_eq!(score("hangs"), 60.0);
    assert!(
        outcomes(student(&grades, "hangs"), "jobs")
            .iter()
            .all(|o| *o == Some(Kind::TimedOut))
    );
    for cheat in ["exits", "forges"] {
        assert_eq!(score(cheat), 60.0, "{cheat}");
        let jobs = outcomes(student(&grades, cheat), "jobs");
        assert!(
            jobs.iter().all(|o| *o == Some(Kind::Crashed)),
            "{cheat}: {jobs:?}"
        );
        let flags = &student(&grades, cheat).flags;
        assert!(
            flags.iter().any(|f| f.why.contains("ends the process")),
            "{cheat}: {flags:?}"
        );
    }

    let edited = student(&grades, "edited");
    assert_eq!(edited.score, 0.0);
    let tests = format!("crates/{CHAPTER}/tests/ch01/jobs.rs");
    assert!(
        edited
            .ignored
            .iter()
            .any(|i| i.path == tests && i.why == "changed"),
        "{:?}",
        edited.ignored
    );

    for (id, says) in [
        ("absent", "does not exist"),
        ("notes", "not a workspace"),
        ("empty", "empty"),
    ] {
        let error = student(&grades, id).error.clone().unwrap_or_default();
        assert!(error.contains(says), "{id}: {error}");
    }
    same_grades_in_every_format(&grades);
}

/// The totals each file format shows agree with the JSON.
pub(super) fn same_grades_in_every_format(grades: &Grades) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    report::write_all(grades, &out).unwrap();
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    let json: Grades = serde_json::from_str(&read("grades.json")).unwrap();
    let csv = read("grades.csv");
    let junit = read("junit.xml");
    let markdown = read("grades.md");
    for (s, from_json) in grades.students.iter().zip(&json.students) {
        assert_eq!(s.score, from_json.score);
        let row = csv
            .lines()
            .find(|l| l.starts_with(&format!("{},", s.id)))
            .unwrap();
        let total: f64 = row.split(',').nth(2).unwrap().parse().unwrap();
        assert_eq!(total, s.score, "csv {row}");
        let gradescope: serde_json::Value =
            serde_json::from_str(&read(&format!("gradescope/{}/results.json", s.id))).unwrap();
        assert_eq!(gradescope["score"].as_f64(), Some(s.score));
        let classroom: serde_json::Value =
            serde_json::from_str(&read(&format!("classroom/{}.json", s.id))).unwrap();
        let points: f64 = classroom["tests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["score"].as_f64().unwrap())
            .sum();
        assert!(
            (points - s.score).abs() < 0.01,
            "classroom {points} vs {}",
            s.score
        );
        assert_eq!(classroom["max_score"].as_f64(), Some(s.max));
        assert!(markdown.contains(&format!("| {} |", s.id)));
        let passed = s.chapters[0]
            .exercises
            .iter()
            .flat_map(|e| &e.tests)
            .filter(|t| t.passed())
            .count();
        let case = format!("classname=\"{}.ch01\"", s.id);
        let junit_passed = junit
            .lines()
            .filter(|l| l.contains(&case) && l.ends_with("/>"))
            .count();
        assert_eq!(junit_passed, passed, "junit passes of {}", s.id);
    }
}

#[test]
#[ignore = "builds two chapters: about half a minute"]
fn a_chapter_that_does_not_compile_leaves_the_others_alone() {
    let _one_build_at_a_time = SHARED_TARGET.lock().unwrap_or_else(|e| e.into_inner());
    let course = Course::here().unwrap();
    let Some(other) = course.chapters.iter().find(|c| c.id != "ch01") else {
        return; // One chapter: nothing to leave alone.
    };
    let dir = tempfile::tempdir().unwrap();
    let student = dir.path().join("student");
    let chapters = [course.chapter("ch01").unwrap(), other];
    mirror_instructor(&course, &chapters, &student).unwrap();
    let lib = student.join("crates").join(CHAPTER).join("src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, text + "\nfn broken( {\n").unwrap();
    // Not the stubs as given, or the other chapter's build would come from
    // the cache instead of being built beside the broken one.
    let other_lib = student
        .join("crates")
        .join(&other.dir_name)
        .join("src/lib.rs");
    let text = std::fs::read_to_string(&other_lib).unwrap();
    std::fs::write(&other_lib, text + "\n// started\n").unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let options = Options {
        inputs: vec![student],
        chapters: vec!["ch01".into(), other.id.clone()],
        scratch: Some(scratch.path().to_path_buf()),
        target_dir: Some(course.root.join("target/grade/target")),
        ..Options::default()
    };
    let grades = grade_inputs(&course, &options).unwrap();
    let statuses: Vec<ChapterStatus> = grades.students[0]
        .chapters
        .iter()
        .map(|c| c.status)
        .collect();
    assert_eq!(
        statuses,
        [ChapterStatus::DoesNotCompile, ChapterStatus::Graded]
    );
}

/// Every file under `dir`, by its path relative to `dir`.
fn files_below(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .map(|(path, bytes)| (path.strip_prefix(dir).unwrap().to_path_buf(), bytes))
        .collect()
}

#[test]
#[ignore = "grades a small class four times: about half a minute"]
fn three_shards_merged_write_what_one_run_writes() {
    let _one_build_at_a_time = SHARED_TARGET.lock().unwrap_or_else(|e| e.into_inner());
    let course = Course::here().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name);
    let all = all_exercises(&course);
    // Four students: shard 1 of 3 has two of them, in class order.
    let inputs = vec![
        submission(&course, &at("a"), &all),
        submission(&course, &at("b"), &[]),
        submission(&course, &at("c"), &["jobs", "lazy"]),
        submission(&course, &at("d"), &[]),
    ];
    let grade = |shard: Option<(usize, usize)>, name: &str| -> PathBuf {
        let options = Options {
            inputs: inputs.clone(),
            chapters: vec!["ch01".into()],
            scratch: Some(at(&format!("scratch-{name}"))),
            target_dir: Some(course.root.join("target/grade/target")),
            shard,
            ..Options::default()
        };
        let grades = grade_inputs(&course, &options).unwrap();
        report::write_all(&grades, &at(name)).unwrap();
        at(name)
    };
    let whole = grade(None, "whole");
    let shards: Vec<Grades> = (1..=3)
        .map(|k| super::merge::read(&grade(Some((k, 3)), &format!("shard-{k}"))).unwrap())
        .collect();
    assert_eq!(shards[0].students.len(), 2);
    let merged = super::merge::combine(shards).unwrap();
    report::write_all(&merged, &at("merged")).unwrap();
    let (one_run, put_together) = (files_below(&whole), files_below(&at("merged")));
    assert_eq!(
        one_run.keys().collect::<Vec<_>>(),
        put_together.keys().collect::<Vec<_>>()
    );
    for (file, bytes) in &one_run {
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        assert_eq!(text(&put_together[file]), text(bytes), "{}", file.display());
    }
}
