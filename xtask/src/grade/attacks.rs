//! A hostile class, made here from the course's stubs and solutions: one
//! submission per kind of attack on the grader and per forged pass among
//! `jobs`'s mistakes, then honest classmates graded after them in the same
//! run. Nothing a student does may reach the grader, the course, a
//! classmate or the reports, and no forgery scores.

use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::model::{ChapterStatus, Grades};
use super::tests::{CHAPTER, SHARED_TARGET, all_exercises, git, run, student, submission};
use super::{Options, grade_inputs, report, sandbox};
use crate::course::Course;
use crate::runner::Kind;

/// The first line of `work`'s solution, after which an attack goes.
const WORK: &str = "pub async fn work(job: &Job) -> String {";
/// Attacks run in this test only (libtest gets its name as an argument).
const FIRST_TEST: &str = "work_waits_for_the_job_duration";
const SECOND_TEST: &str = "sequential_takes_the_sum_of_the_durations";
/// A line of the solution that no report may show.
const SOLUTION_LINE: &str = "join_all(jobs.iter().map(work)).await";

/// Everything the attacks aim at, and where they leave their marks if
/// they get through.
struct Targets {
    course: PathBuf,
    scratch: PathBuf,
    out: PathBuf,
    markers: PathBuf,
    socket: PathBuf,
    /// In every attacking process's arguments: none may be left after.
    token: String,
}

impl Targets {
    fn marker(&self, name: &str) -> String {
        self.markers.join(name).display().to_string()
    }

    /// Places outside scratch that no attack may create a file in.
    fn outside(&self) -> Vec<PathBuf> {
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default();
        vec![
            PathBuf::from(format!("/tmp/{}", self.token)),
            home.join(&self.token),
            self.course.join(&self.token),
        ]
    }
}

/// Solutions everywhere, and `attack` at the top of `work` when the test
/// named `test` runs.
fn solved_but(course: &Course, dir: &Path, test: &str, attack: &str) -> PathBuf {
    let root = submission(course, dir, &all_exercises(course));
    let jobs = root.join("crates").join(CHAPTER).join("src/jobs.rs");
    let text = std::fs::read_to_string(&jobs).unwrap();
    assert!(text.contains(WORK), "the solution of `work` changed");
    let guarded = format!(
        "{WORK}\n    if std::env::args().any(|a| a.ends_with(\"{test}\")) {{\n{attack}\n    }}"
    );
    std::fs::write(&jobs, text.replace(WORK, &guarded)).unwrap();
    root
}

/// Writes to every file and place a classmate, the course or the grader
/// depends on. Inside the jail some of these paths exist in its own
/// tmpfs, so the attacker cannot tell: what counts is what the host shows
/// afterwards.
fn writer(t: &Targets, classmate: &Path) -> String {
    let appended = [
        t.course.join(CHAPTER_TESTS),
        classmate.join("crates").join(CHAPTER).join("src/jobs.rs"),
        t.scratch.join("workspace").join(CHAPTER_TESTS),
    ];
    let created: Vec<PathBuf> = t
        .outside()
        .into_iter()
        .chain([t.course.join("target/grade/target").join(&t.token)])
        .collect();
    format!(
        r#"        let mut escaped: Vec<String> = Vec::new();
        for path in {appended:?} {{
            let file = std::fs::OpenOptions::new().append(true).open(path);
            if file.and_then(|mut f| std::io::Write::write_all(&mut f, b"// changed\n")).is_ok() {{
                escaped.push(path.to_string());
            }}
        }}
        for path in {created:?} {{
            if std::fs::write(path, "escaped").is_ok() {{ escaped.push(path.to_string()); }}
        }}
        // The stubs' cached binary, replaced by this solved one.
        if std::fs::copy("/proc/self/exe", {cache:?}).is_ok() {{ escaped.push("cache".into()); }}
        if std::os::unix::fs::symlink({markers:?}, {out:?}).is_ok() {{ escaped.push("out".into()); }}
        if std::os::unix::net::UnixStream::connect({socket:?}).is_ok() {{ escaped.push("socket".into()); }}
        println!("wrote: {{escaped:?}}");"#,
        cache = t.scratch.join("cache").join("ch01-0").display().to_string(),
        markers = t.markers.display().to_string(),
        out = t.out.display().to_string(),
        socket = t.socket.display().to_string(),
    )
}

const CHAPTER_TESTS: &str = "crates/ch01-coroutines/tests/ch01/jobs.rs";

/// A `setsid` child and a double-forked daemon that would write later,
/// then `kill -9` of the grader and of the parent.
fn processes(t: &Targets) -> String {
    let later = |name: &str| format!("sleep 4; touch {}", t.marker(name));
    format!(
        r#"        let _ = std::process::Command::new("setsid").args(["sh", "-c", {setsid:?}, {token:?}]).spawn();
        let _ = std::process::Command::new("sh").args(["-c", {daemon:?}, {token:?}]).status();
        let _ = std::process::Command::new("kill").args(["-9", "{grader}"]).status();
        let parent = std::os::unix::process::parent_id().to_string();
        let _ = std::process::Command::new("kill").args(["-9", &parent]).status();"#,
        setsid = later("setsid"),
        daemon = format!("(sh -c '{}' {} &) &", later("daemon"), t.token),
        token = t.token,
        grader = std::process::id(),
    )
}

/// Fills the disk, then holds 2.7 GiB in three children of 900 MiB, and
/// says how far it got.
fn hog(t: &Targets) -> String {
    format!(
        r#"        // On the blocking pool: the harness stops a test whose runtime
        // thread is held for seconds, before the limits are reached.
        let said = tokio::task::spawn_blocking(|| {{
        let dir = std::env::temp_dir();
        let chunk = vec![7u8; 1 << 20];
        let mut wrote = 0;
        'files: for i in 0..17 {{
            let Ok(mut file) = std::fs::File::create(dir.join(format!("fill{{i}}"))) else {{ break }};
            for _ in 0..60 {{
                if std::io::Write::write_all(&mut file, &chunk).is_err() {{ break 'files; }}
                wrote += 1;
            }}
        }}
        for i in 0..17 {{ let _ = std::fs::remove_file(dir.join(format!("fill{{i}}"))); }}
        let hog = "dd if=/dev/zero bs=900M count=1 status=none | (sleep 1; wc -c)";
        let children: Vec<_> = (0..3)
            .filter_map(|_| std::process::Command::new("sh").args(["-c", hog, {token:?}])
                .stdout(std::process::Stdio::piped()).spawn().ok())
            .collect();
        let held = children.into_iter().filter_map(|c| c.wait_with_output().ok())
            .filter(|o| String::from_utf8_lossy(&o.stdout).trim() == "943718400").count();
        format!("wrote {{wrote}} MiB; {{held}} of 3 children held 900 MiB")
        }}).await.unwrap();
        panic!("{{said}}");"#,
        token = t.token,
    )
}

fn fork_bomb(t: &Targets) -> String {
    format!(
        r#"        let _ = std::process::Command::new("sh").args(["-c", "b() {{ b | b & }}; b", {token:?}]).status();
        std::thread::sleep(std::time::Duration::from_secs(60));"#,
        token = t.token,
    )
}

/// The stubs, with the reference solution pulled in at compile time.
fn thief(course: &Course, dir: &Path) -> PathBuf {
    let root = submission(course, dir, &[]);
    let solutions = course.solution_dir(course.chapter("ch01").unwrap());
    let src = root.join("crates").join(CHAPTER).join("src");
    append(
        &src.join("jobs.rs"),
        &format!(
            "\npub const STOLEN: &str = include_str!({:?});\n",
            solutions.join("src/jobs.rs")
        ),
    );
    append(
        &src.join("lib.rs"),
        &format!(
            "\n#[path = {:?}]\nmod stolen;\n",
            solutions.join("src/lazy.rs")
        ),
    );
    root
}

/// Lifts `unsafe_code` and runs a constructor before `main`.
fn before_main(course: &Course, dir: &Path, t: &Targets) -> PathBuf {
    let root = submission(course, dir, &all_exercises(course));
    let src = root.join("crates").join(CHAPTER).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    std::fs::write(src.join("lib.rs"), format!("#![allow(unsafe_code)]\n{lib}")).unwrap();
    append(
        &src.join("jobs.rs"),
        &format!(
            "\n#[used]\n#[unsafe(link_section = \".init_array\")]\n\
             static BEFORE_MAIN: extern \"C\" fn() = before_main;\n\
             extern \"C\" fn before_main() {{ let _ = std::fs::write({:?}, \"ran\"); }}\n",
            t.marker("init_array")
        ),
    );
    root
}

/// The forgeries among the mistakes of `jobs`, which `cargo xtask verify`
/// proves score nothing in `check`: each one's name and edits of the
/// solution, as stored.
fn forgeries(course: &Course) -> Vec<Mistake> {
    let chapter = course.chapter("ch01").unwrap();
    let path = course.solution_dir(chapter).join("mistakes/jobs.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let stored: Mistakes = toml::from_str(&text).unwrap();
    let forgeries: Vec<Mistake> = stored
        .mistake
        .into_iter()
        .filter(|m| m.name.starts_with("forgery:"))
        .collect();
    assert_eq!(forgeries.len(), 5, "the forgeries of {}", path.display());
    forgeries
}

#[derive(serde::Deserialize)]
struct Mistakes {
    mistake: Vec<Mistake>,
}

#[derive(serde::Deserialize)]
struct Mistake {
    name: String,
    edit: Vec<Edit>,
}

/// An edit of `src/jobs.rs` (a forgery names no other file).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    find: String,
    replace: String,
}

/// Solutions everywhere, and the forgery's edits made to `jobs.rs` when
/// the test named `test` runs: the other tests see the solution.
fn forged(course: &Course, dir: &Path, test: &str, forgery: &Mistake) -> PathBuf {
    let root = submission(course, dir, &all_exercises(course));
    let jobs = root.join("crates").join(CHAPTER).join("src/jobs.rs");
    let mut text = std::fs::read_to_string(&jobs).unwrap();
    for Edit { find, replace } in &forgery.edit {
        assert_eq!(text.matches(find).count(), 1, "{}: {find}", forgery.name);
        let guarded = format!(
            "    if std::env::args().any(|a| a.ends_with(\"{test}\")) {{\n{replace}\n    }} else {{\n{find}\n    }}"
        );
        text = text.replacen(find, &guarded, 1);
    }
    std::fs::write(&jobs, text).unwrap();
    root
}

fn append(file: &Path, text: &str) {
    let old = std::fs::read_to_string(file).unwrap();
    std::fs::write(file, old + text).unwrap();
}

/// A git repository whose own configuration would run commands: a smudge
/// filter (named in its `.gitattributes`) that writes the solution over the
/// committed stubs, an fsmonitor and hooks.
fn git_filter(course: &Course, dir: &Path, t: &Targets) -> PathBuf {
    let repo = submission(course, dir, &[]);
    std::fs::write(repo.join(".gitattributes"), "*.rs filter=evil\n").unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "stubs"]);
    let solution = course
        .solution_dir(course.chapter("ch01").unwrap())
        .join("src/jobs.rs");
    let smudge = format!("touch {}; cat {}", t.marker("smudge"), solution.display());
    git(&repo, &["config", "filter.evil.smudge", &smudge]);
    git(
        &repo,
        &[
            "config",
            "core.fsmonitor",
            &format!("touch {}", t.marker("fsmonitor")),
        ],
    );
    let hook = repo.join(".git/hooks/post-checkout");
    std::fs::write(&hook, format!("#!/bin/sh\ntouch {}\n", t.marker("hook"))).unwrap();
    run(Command::new("chmod").arg("+x").arg(&hook));
    repo
}

/// `crates/ch01-coroutines` a symlink to the course's solution; as a
/// directory and as a .tar.gz.
fn symlinked(course: &Course, dir: &Path) -> Vec<PathBuf> {
    let root = submission(course, &dir.join("symlinked"), &[]);
    let chapter = root.join("crates").join(CHAPTER);
    std::fs::remove_dir_all(&chapter).unwrap();
    let solution = course.solution_dir(course.chapter("ch01").unwrap());
    std::os::unix::fs::symlink(solution, &chapter).unwrap();
    run(Command::new("tar")
        .arg("-czf")
        .arg(dir.join("symlinked-tar.tar.gz"))
        .arg("-C")
        .arg(dir)
        .arg("symlinked"));
    vec![root, dir.join("symlinked-tar.tar.gz")]
}

/// Solved, with a named pipe in `src/`, a 2 GiB file there and another
/// outside it (sparse: they cost no disk).
fn pipe_and_giants(course: &Course, dir: &Path) -> PathBuf {
    let root = submission(course, dir, &all_exercises(course));
    let src = root.join("crates").join(CHAPTER).join("src");
    run(Command::new("mkfifo").arg(src.join("pipe.rs")));
    for giant in [src.join("huge.rs"), root.join("notes.bin")] {
        std::fs::File::create(giant)
            .unwrap()
            .set_len(2 << 30)
            .unwrap();
    }
    root
}

/// A zip of five 60 MiB entries (zeros: a few hundred KiB zipped).
fn zip_bomb(course: &Course, dir: &Path) -> PathBuf {
    let root = submission(course, &dir.join("bomb"), &[]);
    let first = root.join("zeros-1");
    std::fs::File::create(&first)
        .unwrap()
        .set_len(60 << 20)
        .unwrap();
    for i in 2..=5 {
        std::fs::hard_link(&first, root.join(format!("zeros-{i}"))).unwrap();
    }
    run(Command::new("zip")
        .args(["-qr", "../bomb.zip", "."])
        .current_dir(&root));
    dir.join("bomb.zip")
}

/// Every file's bytes under `path`, hashed as a stream; a FIFO or a symlink
/// by what it is, never opened.
fn fingerprint(path: &Path) -> u64 {
    let mut hasher = DefaultHasher::new();
    hash_tree(path, &mut hasher);
    hasher.finish()
}

fn hash_tree(path: &Path, hasher: &mut DefaultHasher) {
    let Ok(meta) = path.symlink_metadata() else {
        return;
    };
    hasher.write(path.as_os_str().as_encoded_bytes());
    hasher.write_u32(meta.mode());
    if meta.is_symlink() {
        hasher.write(path.read_link().unwrap().as_os_str().as_encoded_bytes());
    } else if meta.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().is_some_and(|n| n != "target" && n != ".git"))
            .collect();
        entries.sort();
        for entry in entries {
            hash_tree(&entry, hasher);
        }
    } else if meta.is_file() {
        let mut file = std::fs::File::open(path).unwrap();
        let mut buffer = vec![0; 1 << 20];
        loop {
            let n = file.read(&mut buffer).unwrap();
            if n == 0 {
                break;
            }
            hasher.write(&buffer[..n]);
        }
    }
}

#[test]
#[ignore = "builds an adversarial class: about a minute"]
fn nothing_a_submission_does_reaches_the_grader_the_course_or_a_classmate() {
    let _one_build_at_a_time = SHARED_TARGET.lock().unwrap_or_else(|e| e.into_inner());
    let found = sandbox::protections();
    assert!(found.missing().is_empty(), "{:?}", found.missing());
    let course = Course::here().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name);
    let t = Targets {
        course: course.root.clone(),
        scratch: at("scratch"),
        out: at("reports"),
        markers: at("markers"),
        socket: at("host.sock"),
        token: format!("awaitlings-attack-{}", std::process::id()),
    };
    std::fs::create_dir(&t.markers).unwrap();
    let listener = std::os::unix::net::UnixListener::bind(&t.socket).unwrap();
    let all = all_exercises(&course);
    let honest = submission(&course, &at("honest"), &all);
    let mut inputs = vec![git_filter(&course, &at("git-filter"), &t)];
    inputs.extend(symlinked(&course, dir.path()));
    inputs.push(pipe_and_giants(&course, &at("pipe-and-giants")));
    inputs.push(zip_bomb(&course, dir.path()));
    inputs.push(solved_but(
        &course,
        &at("writer"),
        FIRST_TEST,
        &writer(&t, &honest),
    ));
    inputs.push(thief(&course, &at("thief")));
    // Its own memory holds the key its harness signs with: reading it
    // through /proc would forge a verdict. Says what it could open.
    let memory = r#"        let maps = std::fs::read_to_string("/proc/self/maps").map(|m| m.len());
        let mem = std::fs::File::open("/proc/self/mem").map(|_| ());
        panic!("own memory: maps {maps:?}, mem {mem:?}");"#;
    inputs.push(solved_but(&course, &at("memory"), FIRST_TEST, memory));
    inputs.push(solved_but(
        &course,
        &at("processes"),
        FIRST_TEST,
        &processes(&t),
    ));
    let hogs = solved_but(&course, &at("hog"), FIRST_TEST, &hog(&t));
    let jobs = hogs.join("crates").join(CHAPTER).join("src/jobs.rs");
    let text = std::fs::read_to_string(&jobs).unwrap();
    let bomb = format!(
        "{WORK}\n    if std::env::args().any(|a| a.ends_with(\"{SECOND_TEST}\")) {{\n{}\n    }}",
        fork_bomb(&t)
    );
    std::fs::write(&jobs, text.replacen(WORK, &bomb, 1)).unwrap();
    inputs.push(hogs);
    inputs.push(before_main(&course, &at("unsafe"), &t));
    let loud = "        panic!(\"{}\", \"x\".repeat(40 << 20));";
    inputs.push(solved_but(&course, &at("col x"), FIRST_TEST, loud));
    inputs.push(submission(&course, &at("col_x"), &[]));
    let forgers: Vec<(String, String)> = forgeries(&course)
        .iter()
        .enumerate()
        .map(|(n, forgery)| {
            let id = format!("forgery-{}", n + 1);
            inputs.push(forged(&course, &at(&id), FIRST_TEST, forgery));
            (id, forgery.name.clone())
        })
        .collect();
    // Graded after every attacker, in the same run.
    inputs.push(honest);
    inputs.push(submission(&course, &at("honest-stubs"), &[]));

    let before: Vec<u64> = inputs.iter().map(|p| fingerprint(p)).collect();
    let course_before = fingerprint(&course.root);
    let options = Options {
        inputs: inputs.clone(),
        chapters: vec!["ch01".into()],
        timeout: Some(Duration::from_secs(6)),
        scratch: Some(t.scratch.clone()),
        target_dir: Some(course.root.join("target/grade/target")),
        strict: true,
        ..Options::default()
    };
    let grades = grade_inputs(&course, &options).unwrap();
    report::write_all(&grades, &t.out).unwrap();

    // The grader is alive, and so is everything it owns.
    assert_eq!(grades.students.len(), inputs.len());
    let after: Vec<u64> = inputs.iter().map(|p| fingerprint(p)).collect();
    assert_eq!(before, after, "a submission changed");
    assert_eq!(
        course_before,
        fingerprint(&course.root),
        "the course checkout changed"
    );
    assert_eq!(
        std::fs::read_dir(&t.markers).unwrap().count(),
        0,
        "a marker was written"
    );
    for place in t.outside() {
        assert!(!place.exists(), "{} was written", place.display());
    }
    listener.set_nonblocking(true).unwrap();
    assert!(
        listener.accept().is_err(),
        "a test reached the host's socket"
    );
    assert!(
        !sandbox::tests::any_process_named(&t.token),
        "a process of an attack outlived grading"
    );

    let score = |id: &str| student(&grades, id).score;
    let ignored = |id: &str| -> Vec<String> {
        student(&grades, id)
            .ignored
            .iter()
            .map(|i| format!("{}: {}", i.path, i.why))
            .collect()
    };
    // Input that executes nothing: the committed stubs, as committed.
    assert_eq!(score("git-filter"), 0.0);
    for id in ["symlinked", "symlinked-tar"] {
        assert_eq!(score(id), 0.0, "{id}");
        assert_eq!(
            student(&grades, id).chapters[0].status,
            ChapterStatus::Missing,
            "{id}"
        );
        assert!(
            ignored(id).iter().any(|i| i.contains("is a symlink")),
            "{id}: {:?}",
            ignored(id)
        );
    }
    assert_eq!(score("pipe-and-giants"), 70.0);
    let skipped = ignored("pipe-and-giants");
    for what in [
        "src/pipe.rs: a named pipe",
        "src/huge.rs: too large",
        "notes.bin: added",
    ] {
        assert!(
            skipped.iter().any(|i| i.ends_with(what)),
            "{what}: {skipped:?}"
        );
    }
    let bomb = student(&grades, "bomb").error.clone().unwrap_or_default();
    assert!(bomb.contains("unpacks to more than"), "{bomb}");
    // Writes, process tricks and limits: the attacker's own test at most.
    assert_eq!(
        score("writer"),
        70.0,
        "{:#?}",
        student(&grades, "writer").chapters[0].exercises[0]
    );
    // No /proc in a test's jail: its own memory, and the key, are unread.
    let memory = &student(&grades, "memory").chapters[0].exercises[0].tests;
    let first = memory
        .iter()
        .find(|t| t.name.ends_with(FIRST_TEST))
        .unwrap();
    assert!(
        first.message.contains("maps Err") && first.message.contains("mem Err"),
        "{}",
        first.message
    );
    // `kill -9` of its own group: init of a PID namespace ignores it.
    assert_eq!(score("processes"), 70.0);
    assert_eq!(score("hog"), 66.0);
    let hog_test = &student(&grades, "hog").chapters[0].exercises[0].tests;
    let first = hog_test
        .iter()
        .find(|t| t.name.ends_with(FIRST_TEST))
        .unwrap();
    // On a loaded machine the hog may still be at it when its time is up.
    if first.outcome != Some(Kind::TimedOut) {
        let said = &first.message;
        assert!(said.contains("wrote") && !said.contains("3 of 3"), "{said}");
        assert!(!said.contains("wrote 1020 MiB"), "{said}");
    }
    // The solution is out of reach, and so is `unsafe`.
    for id in ["thief", "unsafe"] {
        assert_eq!(score(id), 0.0, "{id}");
        assert_eq!(
            student(&grades, id).chapters[0].status,
            ChapterStatus::DoesNotCompile
        );
    }
    let unsafe_errors = student(&grades, "unsafe").chapters[0]
        .compile_errors
        .clone();
    assert!(unsafe_errors.unwrap_or_default().contains("unsafe_code"));
    // Reports: cut messages, one file per student.
    assert_eq!(score("col x"), 68.0);
    let loud = &student(&grades, "col x").chapters[0].exercises[0].tests;
    let message = &loud
        .iter()
        .find(|t| t.name.ends_with(FIRST_TEST))
        .unwrap()
        .message;
    assert!(
        message.len() < 9000 && message.contains("cut here"),
        "{}",
        message.len()
    );
    assert_eq!(score("col_x"), 0.0);
    // Forged passes: the harness's signed record is the only verdict.
    for (id, forgery) in &forgers {
        let exercises = student(&grades, id).chapters[0].exercises.iter();
        let first = exercises
            .flat_map(|e| &e.tests)
            .find(|t| t.name.ends_with(FIRST_TEST))
            .unwrap();
        // Crashed, or failed where the jail kept it from even starting
        // (the relay finds no /proc/self/exe to run).
        assert!(
            matches!(first.outcome, Some(Kind::Crashed | Kind::Failed)) && first.score == 0.0,
            "{forgery}: {:?} {}",
            first.outcome,
            first.message
        );
        assert_eq!(score(id), 68.0, "{forgery}");
    }
    // The classmates, graded after all of it.
    assert_eq!(score("honest"), 70.0);
    assert_eq!(score("honest-stubs"), 0.0);
    every_report_written(&grades, &t.out);
}

fn every_report_written(grades: &Grades, out: &Path) {
    let names = report::file_names(grades);
    let unique: std::collections::HashSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    for name in &names {
        for file in [
            format!("gradescope/{name}/results.json"),
            format!("classroom/{name}.json"),
        ] {
            let text = std::fs::read_to_string(out.join(&file)).unwrap();
            assert!(!text.contains(SOLUTION_LINE), "{file} shows the solution");
        }
    }
    for file in ["grades.json", "grades.csv", "junit.xml", "grades.md"] {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(!text.contains(SOLUTION_LINE), "{file} shows the solution");
        assert!(text.len() < 4 << 20, "{file} holds a message uncut");
    }
}
