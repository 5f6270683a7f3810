//! Grading many submissions: one pristine build workspace and one target
//! directory shared by all, so dependencies are compiled once; builds run
//! one after another (cargo locks the target directory anyway) while the
//! tests of earlier builds run beside them. A chapter that does not compile
//! only because of some exercises' files is built again with their stubs
//! (see `salvage`), so its other exercises still score.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use super::assemble;
use super::cache::{BuildCache, Compiled};
use super::input::{self, Submission};
use super::jail::{Layer, View};
use super::model::{self, ChapterGrade, ChapterStatus, Student};
use super::progress::Progress;
use super::sandbox::{Limits, Sandbox, protections, toolchain};
use super::scan;
use super::tree;
use crate::course::{Chapter, Course};
use crate::files;
use crate::runner::{self, Build, BuildSetup, Kind, Outcome, PackageRun, RunOptions, TestResult};
use crate::salvage::{self, Broken, Salvage, Salvager};
use crate::stubs::Stubs;

/// Everything fixed for a run, prepared once.
pub struct Plan<'a> {
    pub course: &'a Course,
    pub chapters: Vec<&'a Chapter>,
    /// Chapters left out because the course's own copy does not build.
    pub skipped: Vec<(String, String)>,
    /// Each chapter's tests, as the instructor's build lists them: the tests
    /// every submission is graded on.
    pub tests: HashMap<String, Vec<String>>,
    /// Binaries by the sources they were built from, the stubs' included.
    pub cache: BuildCache,
    /// What an exercise that does not compile is replaced with.
    pub stubs: Stubs,
    /// The pristine workspace submissions are built in.
    pub workspace: PathBuf,
    pub target_dir: PathBuf,
    /// Per-student scratch: unpacked files, test binaries, TMPDIR.
    pub students_dir: PathBuf,
    pub git_ref: String,
    pub test_timeout: Option<Duration>,
    pub build_timeout: Duration,
    pub jobs: usize,
}

/// Where the scratch workspace, target directory and student files live.
pub struct Layout {
    pub scratch: PathBuf,
    pub target_dir: PathBuf,
}

impl<'a> Plan<'a> {
    /// Copies the instructor's workspace into the scratch area and builds
    /// every chapter's stubs there, which compiles the dependencies once
    /// and tells which tests each chapter has.
    pub fn prepare(
        course: &'a Course,
        chapters: Vec<&'a Chapter>,
        layout: &Layout,
        progress: &Progress,
    ) -> Result<Plan<'a>> {
        let workspace = layout.scratch.join("workspace");
        let students_dir = layout.scratch.join("students");
        let _ = std::fs::remove_dir_all(&students_dir);
        std::fs::create_dir_all(&students_dir)?;
        assemble::mirror_instructor(course, &chapters, &workspace)?;
        let cache = BuildCache::new(&layout.scratch.join("cache"))?;
        let mut tests = HashMap::new();
        let mut usable = Vec::new();
        let mut skipped = Vec::new();
        progress.doing("building the dependencies and the course's chapters");
        let together = build_all_at_once(&chapters, &workspace, &layout.target_dir);
        for (chapter, build) in chapters.into_iter().zip(together) {
            progress.doing(&format!("listing the tests of {}", chapter.id));
            let found = instructor_tests(chapter, build, &workspace, &layout.target_dir, &cache);
            match found {
                Ok(names) => {
                    tests.insert(chapter.id.clone(), names);
                    usable.push(chapter);
                }
                Err(error) => skipped.push((chapter.id.clone(), format!("{error:#}"))),
            }
        }
        if usable.is_empty() {
            bail!("no chapter of the course builds: {skipped:?}");
        }
        Ok(Plan {
            course,
            chapters: usable,
            skipped,
            tests,
            cache,
            // The very files the workspace is copied from, and the tests
            // listed against.
            stubs: Stubs::InCrates {
                root: course.root.clone(),
            },
            workspace,
            target_dir: layout.target_dir.clone(),
            students_dir,
            git_ref: "HEAD".into(),
            test_timeout: None,
            build_timeout: Duration::from_secs(300),
            jobs: runner::cores(),
        })
    }

    fn crate_dir(&self, chapter: &Chapter) -> PathBuf {
        self.workspace.join("crates").join(&chapter.dir_name)
    }

    /// A student's build sees the workspace (read-only), the toolchain,
    /// and the shared target directory through a copy-on-write layer of
    /// its own: the dependencies are built once, and no build changes a
    /// file another reads. `shown` adds to that: the student's sources over
    /// the chapters' `src/`, or a salvage build's own scratch. The
    /// environment is the instructor's build's: any difference would make
    /// cargo rebuild the dependencies.
    fn build_sandbox(&self, dir: &Path, shown: View) -> Result<Sandbox> {
        let mut view = View {
            read: vec![self.workspace.clone()],
            layers: vec![student_layer(&self.target_dir, dir)?],
            ..shown
        };
        toolchain().build_view(&mut view);
        let mut sandbox = Sandbox::jailed(Limits::build(), &dir.join("tmp"), view);
        sandbox.env = Sandbox::for_builds().env;
        Ok(sandbox)
    }

    /// How a student's build runs cargo: offline, in `sandbox`, within
    /// its time limit.
    fn build_setup<'s>(&self, sandbox: &'s Sandbox) -> BuildSetup<'s> {
        BuildSetup {
            target_dir: Some(self.target_dir.clone()),
            timeout: Some(self.build_timeout),
            offline: true,
            launcher: sandbox,
        }
    }
}

/// Whether students' sources are shown over the workspace's (a private
/// root): otherwise they are copied into it, one student at a time.
fn sources_shown() -> bool {
    protections().private_root.is_ok()
}

fn student_layer(target_dir: &Path, dir: &Path) -> Result<Layer> {
    let layer = Layer {
        dir: target_dir.to_path_buf(),
        upper: dir.join("target"),
        work: dir.join("target-work"),
    };
    std::fs::create_dir_all(&layer.upper)?;
    std::fs::create_dir_all(&layer.work)?;
    Ok(layer)
}

/// Where a binary cargo reported at `binary` in the shared target
/// directory is: in the student's layer, when the build wrote one there.
fn from_layer(plan: &Plan, dir: &Path, binary: &Path) -> Result<PathBuf> {
    if protections().layers.is_err() {
        return Ok(binary.to_path_buf());
    }
    let upper = student_layer(&plan.target_dir, dir)?.upper;
    let relative = binary.strip_prefix(&plan.target_dir)?;
    let in_layer = upper.join(relative);
    if !in_layer.is_file() {
        // Cargo found it up to date: the shared one, which must stay.
        std::fs::create_dir_all(in_layer.parent().unwrap_or(&upper))?;
        std::fs::copy(binary, &in_layer)?;
    }
    Ok(in_layer)
}

/// The course's own builds: trusted, online, and without a time limit (the
/// first one compiles every dependency), but with the environment the
/// students' builds get, or cargo would rebuild the dependencies for them.
fn instructor_build(
    workspace: &Path,
    packages: &[(&str, &Path)],
    target_dir: &Path,
) -> Result<Vec<Build>> {
    let sandbox = Sandbox {
        scratch: Some(std::env::temp_dir()),
        ..Sandbox::for_builds()
    };
    let setup = BuildSetup {
        target_dir: Some(target_dir.to_path_buf()),
        timeout: None,
        offline: false,
        launcher: &sandbox,
    };
    runner::build_many(workspace, packages, false, &setup, &mut |_| {})
}

/// Compiles every chapter in one cargo run, side by side; a chapter it did
/// not finish has no binary, and is built again on its own.
fn build_all_at_once(chapters: &[&Chapter], workspace: &Path, target_dir: &Path) -> Vec<Build> {
    let dirs: Vec<PathBuf> = chapters
        .iter()
        .map(|c| workspace.join("crates").join(&c.dir_name))
        .collect();
    let packages: Vec<(&str, &Path)> = chapters
        .iter()
        .zip(&dirs)
        .map(|(c, dir)| (c.package(), dir.as_path()))
        .collect();
    instructor_build(workspace, &packages, target_dir)
        .unwrap_or_else(|_| chapters.iter().map(|_| Build::default()).collect())
}

/// The chapter's tests, from the instructor's build of the stubs, which
/// the cache keeps for every student who has not started the chapter.
fn instructor_tests(
    chapter: &Chapter,
    together: Build,
    workspace: &Path,
    target_dir: &Path,
    cache: &BuildCache,
) -> Result<Vec<String>> {
    let crate_dir = workspace.join("crates").join(&chapter.dir_name);
    let build = match together.binary {
        Some(_) => together,
        None => {
            instructor_build(workspace, &[(chapter.package(), &crate_dir)], target_dir)?.remove(0)
        }
    };
    let binary = match &build.binary {
        // A binary cargo reported is complete, even if another chapter
        // of the same run failed.
        Some(binary) => binary,
        _ => bail!(
            "the course's own {} does not build:\n{}",
            chapter.id,
            model::compile_errors(&build)
        ),
    };
    let names = runner::list_tests(binary)?;
    cache.keep(
        &chapter.id,
        BuildCache::key(&crate_dir.join("src"))?,
        &build,
        &[],
    )?;
    Ok(names)
}

/// A built chapter waiting for its tests to run.
struct TestJob {
    student: usize,
    chapter: usize,
    /// The build's number in the cache.
    entry: usize,
    binary: PathBuf,
    cwd: PathBuf,
    tmp: PathBuf,
    /// Whether `binary` is this job's copy, removed afterwards.
    own_copy: bool,
    /// Exercises that did not compile: their tests are not run.
    broken: Vec<Broken>,
}

/// Grades every submission, in order; bad submissions get a line saying why.
pub fn grade_all(plan: &Plan, submissions: &[Submission], progress: &Progress) -> Vec<Student> {
    let students: Vec<Mutex<Student>> = submissions
        .iter()
        .map(|s| Mutex::new(empty_student(plan, s)))
        .collect();
    // Chapters still to test, plus one for the build loop: whoever brings it
    // to zero has finished the student.
    let pending: Vec<AtomicUsize> = submissions.iter().map(|_| AtomicUsize::new(1)).collect();
    let (queue, jobs) = mpsc::channel::<TestJob>();
    let finish = |i: usize| {
        if pending[i].fetch_sub(1, Ordering::SeqCst) == 1 {
            let mut student = students[i].lock().unwrap();
            student.total();
            progress.finished(&summary(&student));
            tree::remove_tree(&student_dir(plan, i, &student.id));
        }
    };
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for job in jobs {
                let grade = run_job(plan, &job);
                students[job.student].lock().unwrap().chapters[job.chapter] = grade;
                finish(job.student);
            }
        });
        for (i, submission) in submissions.iter().enumerate() {
            let student = (&students[i], &pending[i]);
            build_student(plan, i, submission, student, &queue, progress);
            finish(i);
        }
        drop(queue);
    });
    students
        .into_iter()
        .map(|s| s.into_inner().unwrap())
        .collect()
}

fn empty_student(plan: &Plan, submission: &Submission) -> Student {
    let chapters = plan
        .chapters
        .iter()
        .map(|c| model::unrun_chapter(c, ChapterStatus::NotGraded, &plan.tests[&c.id]))
        .collect();
    Student {
        id: submission.id.clone(),
        source: submission.path.display().to_string(),
        kind: submission
            .kind
            .as_ref()
            .map_or("unknown", |k| k.label())
            .to_string(),
        error: None,
        score: 0.0,
        max: 0.0,
        chapters,
        ignored: Vec::new(),
        flags: Vec::new(),
        notes: Vec::new(),
    }
}

fn summary(student: &Student) -> String {
    let mut line = format!(
        "{}: {} of {} points",
        student.id, student.score, student.max
    );
    if let Some(error) = &student.error {
        line = format!("{}: not graded: {error}", student.id);
    }
    if !student.flags.is_empty() {
        line.push_str(&format!(", {} flagged lines", student.flags.len()));
    }
    line
}

fn student_dir(plan: &Plan, index: usize, id: &str) -> PathBuf {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    plan.students_dir.join(format!("{index:04}-{safe}"))
}

/// Opens the submission, looks it over, and builds each chapter, queueing
/// the built ones for testing (counted in `pending` before they are sent).
fn build_student(
    plan: &Plan,
    index: usize,
    submission: &Submission,
    (student, pending): (&Mutex<Student>, &AtomicUsize),
    queue: &mpsc::Sender<TestJob>,
    progress: &Progress,
) {
    let id = &submission.id;
    let dir = student_dir(plan, index, id);
    let tmp = dir.join("tmp");
    progress.doing(&format!("opening {id}"));
    let root = std::fs::create_dir_all(&tmp)
        .context("cannot create the scratch directory")
        .and_then(|()| input::open(submission, &plan.git_ref, &dir));
    let root = root.and_then(|root| not_our_workspace(plan, root));
    let root = match root {
        Ok(root) => root,
        Err(error) => {
            student.lock().unwrap().error = Some(format!("{error:#}"));
            return;
        }
    };
    student.lock().unwrap().ignored = assemble::ignored_changes(&root, plan.course);
    look_over(plan, &root, &mut student.lock().unwrap());
    let compiled = compile_student(plan, &root, &dir, student, progress);
    for (c, compiled) in compiled {
        let mut s = student.lock().unwrap();
        if let Compiled::Binary { broken, .. } = &compiled
            && !broken.is_empty()
        {
            s.notes.push(salvage_note(&plan.chapters[c].id, broken));
        }
        let prepared = test_job(plan, c, compiled, &dir, &tmp);
        match prepared {
            Ok(Built::Ready(job)) => {
                let job = TestJob {
                    student: index,
                    ..job
                };
                pending.fetch_add(1, Ordering::SeqCst);
                if queue.send(job).is_err() {
                    pending.fetch_sub(1, Ordering::SeqCst);
                }
            }
            Ok(Built::Grade(grade)) => s.chapters[c] = grade,
            Err(error) => s
                .notes
                .push(format!("{}: not graded: {error:#}", plan.chapters[c].id)),
        }
    }
}

/// Puts the student's sources in place and compiles each chapter that has
/// them, from the cache when the same sources were built before. Returns
/// (chapter index, result) for each; a chapter without sources is graded
/// as missing here.
fn compile_student(
    plan: &Plan,
    root: &Path,
    dir: &Path,
    student: &Mutex<Student>,
    progress: &Progress,
) -> Vec<(usize, Compiled)> {
    let mut compiled = Vec::new();
    let mut to_build = Vec::new();
    for (c, chapter) in plan.chapters.iter().enumerate() {
        let mut s = student.lock().unwrap();
        let staged = sources_dir(dir, chapter);
        let installed =
            assemble::install_sources(root, chapter, &staged, &mut s.ignored).and_then(|found| {
                match found {
                    Some(()) => {
                        let shown = Path::new("crates").join(&chapter.dir_name).join("src");
                        s.flags.extend(scan::scan_dir(&staged, &shown));
                        BuildCache::key(&staged).map(Some)
                    }
                    None => Ok(None),
                }
            });
        match installed {
            Ok(Some(key)) => match plan.cache.get(&chapter.id, &key) {
                Some(hit) => compiled.push((c, hit)),
                None => to_build.push((c, key)),
            },
            Ok(None) => {
                let tests = &plan.tests[&chapter.id];
                s.chapters[c] = model::unrun_chapter(chapter, ChapterStatus::Missing, tests);
            }
            Err(error) => s
                .notes
                .push(format!("{}: not graded: {error:#}", chapter.id)),
        }
    }
    let id = student.lock().unwrap().id.clone();
    progress.doing(&format!("building {id}"));
    let indices: Vec<usize> = to_build.iter().map(|(c, _)| *c).collect();
    let builds = match build_chapters(plan, &indices, dir) {
        Ok(builds) => builds,
        Err(error) => {
            let note = format!("not built: {error:#}");
            student.lock().unwrap().notes.push(note);
            return compiled;
        }
    };
    for ((c, key), (build, broken)) in to_build.into_iter().zip(builds) {
        let chapter = &plan.chapters[c].id;
        match plan.cache.keep(chapter, key, &build, &broken) {
            Ok(result) => compiled.push((c, result)),
            Err(error) => {
                let note = format!("{chapter}: not graded: {error:#}");
                student.lock().unwrap().notes.push(note);
            }
        }
    }
    compiled.sort_by_key(|(c, _)| *c);
    compiled
}

/// What a note says of a chapter graded without the exercises in `broken`.
fn salvage_note(chapter: &str, broken: &[Broken]) -> String {
    let names: Vec<&str> = broken.iter().map(|b| b.exercise.as_str()).collect();
    format!(
        "{chapter}: {} did not compile (0 points); the other exercises were graded, \
         with stubs in place of the files that do not compile",
        names.join(", ")
    )
}

/// Builds the chapters (indices into `plan.chapters`) in one cargo run;
/// cargo stops at the first chapter that fails, so a chapter it left
/// unfinished is built again on its own: one broken chapter never costs
/// another its grade. A chapter whose errors are all in exercises' files
/// comes with those exercises, built with their stubs instead.
fn build_chapters(
    plan: &Plan,
    chapters: &[usize],
    dir: &Path,
) -> Result<Vec<(Build, Vec<Broken>)>> {
    if chapters.is_empty() {
        return Ok(Vec::new());
    }
    let mut sources = Vec::new();
    for &c in chapters {
        let chapter = plan.chapters[c];
        let (staged, src) = (
            sources_dir(dir, chapter),
            plan.crate_dir(chapter).join("src"),
        );
        if sources_shown() {
            sources.push((staged, src));
        } else {
            let _ = std::fs::remove_dir_all(&src);
            files::copy_tree(&staged, &src)?;
        }
    }
    let shown = View {
        over: sources,
        ..View::default()
    };
    let sandbox = plan.build_sandbox(dir, shown)?;
    let setup = plan.build_setup(&sandbox);
    let dirs: Vec<PathBuf> = chapters
        .iter()
        .map(|&c| plan.crate_dir(plan.chapters[c]))
        .collect();
    let packages: Vec<(&str, &Path)> = chapters
        .iter()
        .zip(&dirs)
        .map(|(&c, dir)| (plan.chapters[c].package(), dir.as_path()))
        .collect();
    let mut builds = runner::build_many(&plan.workspace, &packages, false, &setup, &mut |_| {})?;
    if packages.len() > 1 && !builds.iter().any(|b| b.timed_out) {
        rebuild_unfinished(plan, &mut builds, &packages, &setup)?;
    }
    let mut built = Vec::new();
    for (&c, build) in chapters.iter().zip(builds) {
        let (mut build, broken) = salvaged(plan, plan.chapters[c], dir, build);
        if let Some(binary) = &build.binary {
            build.binary = Some(from_layer(plan, dir, binary)?);
        }
        built.push((build, broken));
    }
    Ok(built)
}

/// The failed build of a chapter built again with the stubs of the
/// exercises whose files have errors, when that helps; otherwise the
/// failed build as it is, whose errors are then the chapter's grade.
fn salvaged(plan: &Plan, chapter: &Chapter, dir: &Path, failed: Build) -> (Build, Vec<Broken>) {
    if failed.binary.is_some() {
        return (failed, Vec::new());
    }
    match salvage_build(plan, chapter, dir, &failed) {
        Ok(Some(Salvage { build, broken })) => (build, broken),
        Ok(None) | Err(_) => (failed, Vec::new()),
    }
}

/// The salvage build runs in the jail of the student's build, with one
/// more place it may write (cargo updates the copy's lock file there): a
/// scratch of this student's and this chapter's own, which the grader
/// fills from the pristine crate, the student's sources and the stubs.
fn salvage_build(
    plan: &Plan,
    chapter: &Chapter,
    dir: &Path,
    failed: &Build,
) -> Result<Option<Salvage>> {
    let scratch = dir.join("salvage").join(&chapter.id);
    std::fs::create_dir_all(&scratch)?;
    let shown = View {
        write: vec![scratch.clone()],
        ..View::default()
    };
    let sandbox = plan.build_sandbox(dir, shown)?;
    let setup = plan.build_setup(&sandbox);
    let src = sources_dir(dir, chapter);
    let how = Salvager {
        workspace: &plan.workspace,
        scratch: &scratch,
        setup: &setup,
        stubs: &plan.stubs,
        src: Some(&src),
    };
    let crate_dir = plan.crate_dir(chapter);
    salvage::salvage(chapter, &crate_dir, failed, &how, false, &mut |_| {})
}

/// The student's own copy of a chapter's `src/`: regular files only.
fn sources_dir(dir: &Path, chapter: &Chapter) -> PathBuf {
    dir.join("src").join(&chapter.dir_name)
}

/// Builds again, each on its own, the chapters cargo left unfinished when
/// another one failed.
fn rebuild_unfinished(
    plan: &Plan,
    builds: &mut [Build],
    packages: &[(&str, &Path)],
    setup: &BuildSetup,
) -> Result<()> {
    for (build, (package, dir)) in builds.iter_mut().zip(packages) {
        let own_errors = build.diagnostics.iter().any(|d| d.is_error);
        if build.binary.is_none() && !own_errors {
            *build =
                runner::build_tests_with(&plan.workspace, package, dir, false, setup, &mut |_| {})?;
        }
    }
    Ok(())
}

/// Grading writes sources into its workspace: it cannot also read them there.
fn not_our_workspace(plan: &Plan, root: PathBuf) -> Result<PathBuf> {
    let same = |a: &Path, b: &Path| a.canonicalize().ok() == b.canonicalize().ok();
    if same(&root, &plan.workspace) {
        bail!("this is the grading workspace itself, not a submission");
    }
    Ok(root)
}

/// Chapters of the submission that this course does not have.
fn look_over(plan: &Plan, root: &Path, student: &mut Student) {
    for name in assemble::unknown_chapters(root, plan.course) {
        student.notes.push(format!(
            "crates/{name}: not a chapter of this course, not graded"
        ));
    }
}

enum Built {
    Ready(TestJob),
    /// Nothing to test: missing or not compiling.
    Grade(ChapterGrade),
}

/// A compiled chapter's test job, or its grade when it did not compile.
fn test_job(plan: &Plan, c: usize, compiled: Compiled, dir: &Path, tmp: &Path) -> Result<Built> {
    let chapter = plan.chapters[c];
    let (binary, entry, broken) = match compiled {
        Compiled::Binary {
            binary,
            entry,
            broken,
        } => (binary, entry, broken),
        Compiled::Errors(errors) => {
            let tests = &plan.tests[&chapter.id];
            let mut grade = model::unrun_chapter(chapter, ChapterStatus::DoesNotCompile, tests);
            grade.compile_errors = Some(errors);
            return Ok(Built::Grade(grade));
        }
    };
    if sources_shown() {
        // The tests see the cached binary and the pristine crate read-only.
        return Ok(Built::Ready(TestJob {
            student: 0,
            chapter: c,
            entry,
            binary,
            cwd: plan.crate_dir(chapter),
            tmp: tmp.to_path_buf(),
            own_copy: false,
            broken,
        }));
    }
    // Without a private root, the next student's sources replace these, and
    // a test could write what it sees: its own copy of the crate and of the
    // binary (never a hard link to the cached one).
    let chapter_dir = dir.join(&chapter.id);
    let cwd = chapter_dir.join("crate");
    files::copy_tree(&plan.crate_dir(chapter), &cwd)?;
    let own_binary = chapter_dir.join("tests");
    std::fs::copy(&binary, &own_binary)
        .with_context(|| format!("cannot copy {}", binary.display()))?;
    Ok(Built::Ready(TestJob {
        student: 0,
        chapter: c,
        entry,
        binary: own_binary,
        cwd,
        tmp: tmp.to_path_buf(),
        own_copy: true,
        broken,
    }))
}

/// Runs the instructor's list of tests (never the binary's own list) in the
/// sandbox, but those of exercises that did not compile, and scores them.
fn run_job(plan: &Plan, job: &TestJob) -> ChapterGrade {
    let chapter = plan.chapters[job.chapter];
    let options = RunOptions {
        cwd: job.cwd.clone(),
        timeout: plan.test_timeout.unwrap_or(chapter.manifest.timeout()),
        jobs: plan.jobs,
    };
    let view = View {
        read: vec![job.cwd.clone(), job.binary.clone()],
        no_proc: true,
        ..View::default()
    };
    let sandbox = Sandbox::jailed(Limits::test(), &job.tmp, view);
    let results = test_results(plan, job, &options, &sandbox);
    if job.own_copy {
        let _ = std::fs::remove_file(&job.binary);
    }
    let run = PackageRun {
        build: Build {
            binary: Some(job.binary.clone()),
            succeeded: true,
            ..Build::default()
        },
        results,
    };
    model::graded_chapter(chapter, &run)
}

/// Every test's result: run (or from the cache, for a binary run before),
/// or does not compile, for an exercise left out of the build.
fn test_results(
    plan: &Plan,
    job: &TestJob,
    options: &RunOptions,
    sandbox: &Sandbox,
) -> Vec<TestResult> {
    let chapter = plan.chapters[job.chapter];
    let broken_of = |test: &str| {
        job.broken.iter().find(|b| {
            let exercise = chapter.manifest.exercise(&b.exercise);
            exercise.is_some_and(|e| e.owns(test))
        })
    };
    let (unbuilt, tests): (Vec<&String>, Vec<&String>) = plan.tests[&chapter.id]
        .iter()
        .partition(|t| broken_of(t).is_some());
    let mut results = plan.cache.results(job.entry).unwrap_or_else(|| {
        let tests: Vec<String> = tests.into_iter().cloned().collect();
        let results = runner::run_tests_with(&job.binary, &tests, options, sandbox);
        plan.cache.keep_results(job.entry, &results);
        results
    });
    for (test, broken) in unbuilt.into_iter().filter_map(|t| Some((t, broken_of(t)?))) {
        let outcome = Outcome::new(Kind::DoesNotCompile, not_compiled(chapter, broken));
        results.push(TestResult::new(test, outcome));
    }
    results
}

/// What each test of an exercise that did not compile says.
fn not_compiled(chapter: &Chapter, broken: &Broken) -> String {
    let errors: Vec<&str> = broken
        .errors
        .iter()
        .map(|d| d.rendered.trim_end())
        .collect();
    format!(
        "`{}` does not compile, so its tests did not run (crates/{}/src/{}.rs); the \
         chapter's other exercises were graded with its stub in its place. The compiler \
         says:\n\n{}",
        broken.exercise,
        chapter.dir_name,
        broken.exercise,
        errors.join("\n\n")
    )
}
