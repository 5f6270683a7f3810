//! `cargo xtask grade`: grade students' submissions in a pristine copy of
//! the course, in a sandbox, and write the grades in every report format.
//! `cargo xtask bench-grade` measures it against the naive way.

mod assemble;
#[cfg(test)]
mod attacks;
mod bench;
mod bundle;
mod cache;
mod cgroup;
mod input;
mod jail;
mod merge;
mod model;
mod pipeline;
mod progress;
mod report;
mod sandbox;
mod scan;
#[cfg(test)]
mod tests;
mod tree;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use lexopt::ValueExt;

use crate::course::{Chapter, Course};
use crate::ui::Style;
use model::{ChapterInfo, Grades, Isolation};
use pipeline::{Layout, Plan};
use progress::Progress;
use sandbox::Limits;

pub const COMMANDS: [&str; 2] = ["grade", "bench-grade"];

const GRADE_USAGE: &str = "\
usage: cargo xtask grade <submission>... [--out DIR] [--chapter CH]... [--ref REF]
                         [--timeout SECS] [--build-timeout SECS] [--jobs N]
                         [--scratch DIR] [--target-dir DIR] [--shard K/N] [--strict]
       cargo xtask grade merge <grades.json or DIR>... [--out DIR]
       cargo xtask grade bundle DIR

A submission is a directory (a student's copy of the workspace), a git
repository (graded at --ref, default HEAD), a .tar.gz or a .zip; a single
directory that is none of these holds one submission per entry, named by
student id. Reports: a table here; with --out (a new directory), every file
format. --shard K/N grades the K-th of N shares of the class; `merge`
combines the shards' grades.json. --strict refuses to grade unless every
protection is in force. `bundle` writes a Gradescope autograder without
the solutions.";

/// Runs `cargo xtask <command> ...`, reading its own options from `parser`.
pub fn run(command: &str, parser: &mut lexopt::Parser, style: Style) -> Result<ExitCode> {
    let options = Options::parse(parser)?;
    if options.help {
        println!("{GRADE_USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let course = Course::here()?;
    let first = options.inputs.first().and_then(|p| p.to_str());
    match (command, first) {
        ("grade", Some("merge")) => {
            merge::merge(&options.inputs[1..], options.out.as_deref(), style)
        }
        ("grade", Some("bundle")) => match &options.inputs[1..] {
            [dir] => bundle::bundle(&course, dir).map(|()| ExitCode::SUCCESS),
            _ => bail!("usage: cargo xtask grade bundle DIR"),
        },
        ("grade", _) => grade(&course, &options, style),
        _ => bench::bench(&course, &options),
    }
}

/// The command line of `grade` (and `bench-grade`, which shares it).
#[derive(Debug, Default)]
pub struct Options {
    pub inputs: Vec<PathBuf>,
    pub out: Option<PathBuf>,
    pub chapters: Vec<String>,
    pub git_ref: Option<String>,
    pub timeout: Option<Duration>,
    pub build_timeout: Option<Duration>,
    pub jobs: Option<usize>,
    pub scratch: Option<PathBuf>,
    pub target_dir: Option<PathBuf>,
    /// `(K, N)`: grade the K-th share (from 1) of N.
    pub shard: Option<(usize, usize)>,
    pub strict: bool,
    /// bench-grade: how many submissions, and how many to grade the naive way.
    pub students: Option<usize>,
    pub naive: Option<usize>,
    help: bool,
}

impl Options {
    fn parse(parser: &mut lexopt::Parser) -> Result<Options> {
        use lexopt::Arg::{Long, Short, Value};
        let mut o = Options::default();
        while let Some(arg) = parser.next()? {
            match arg {
                Value(path) => o.inputs.push(path.into()),
                Long("out") => o.out = Some(parser.value()?.into()),
                Long("chapter") => o.chapters.push(parser.value()?.string()?),
                Long("ref") => o.git_ref = Some(parser.value()?.string()?),
                Long("timeout") => o.timeout = Some(Duration::from_secs(parser.value()?.parse()?)),
                Long("build-timeout") => {
                    o.build_timeout = Some(Duration::from_secs(parser.value()?.parse()?))
                }
                Long("jobs") => o.jobs = Some(parser.value()?.parse()?),
                Long("scratch") => o.scratch = Some(parser.value()?.into()),
                Long("target-dir") => o.target_dir = Some(parser.value()?.into()),
                Long("shard") => o.shard = Some(parse_shard(&parser.value()?.string()?)?),
                Long("strict") => o.strict = true,
                Long("students") => o.students = Some(parser.value()?.parse()?),
                Long("naive") => o.naive = Some(parser.value()?.parse()?),
                Short('h') | Long("help") => o.help = true,
                other => return Err(other.unexpected().into()),
            }
        }
        Ok(o)
    }

    /// Absolute paths: cargo runs in the scratch workspace, and names the
    /// manifests it builds by absolute path.
    fn layout(&self, course: &Course) -> Result<Layout> {
        let scratch = self
            .scratch
            .clone()
            .unwrap_or_else(|| default_scratch(course));
        let scratch = std::path::absolute(scratch)?;
        let target_dir = match &self.target_dir {
            Some(dir) => std::path::absolute(dir)?,
            None => scratch.join("target"),
        };
        Ok(Layout {
            scratch,
            target_dir,
        })
    }
}

/// `K/N` with 1 <= K <= N.
fn parse_shard(text: &str) -> Result<(usize, usize)> {
    let parsed = text
        .split_once('/')
        .and_then(|(k, n)| Some((k.trim().parse().ok()?, n.trim().parse().ok()?)));
    match parsed {
        Some((k, n)) if 1 <= k && k <= n => Ok((k, n)),
        _ => bail!("--shard takes K/N with 1 <= K <= N (for example 2/5), not `{text}`"),
    }
}

/// Outside the course checkout, so that nothing a build reads or writes is
/// near the solutions: the user's cache directory, one per course copy
/// (kept between runs: the dependencies are built there once).
fn default_scratch(course: &Course) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    course.root.hash(&mut hasher);
    let name = format!("grade-{:016x}", hasher.finish());
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| home.map(|h| h.join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    cache.join("awaitlings").join(name)
}

fn grade(course: &Course, options: &Options, style: Style) -> Result<ExitCode> {
    if options.inputs.is_empty() {
        bail!("no submissions given\n\n{GRADE_USAGE}");
    }
    if let Some(out) = &options.out {
        report::check_out(out)?;
    }
    let started = Instant::now();
    let grades = grade_inputs(course, options)?;
    print!("{}", report::table(&grades, style));
    if let Some(out) = &options.out {
        report::write_all(&grades, out)?;
        println!("\nReports written to {}", out.display());
    }
    if let Ok(cgroups) = &sandbox::protections().cgroups {
        cgroups.sweep();
    }
    eprintln!(
        "graded {} submissions in {:.1} s",
        grades.students.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// Grades the submissions named by `options.inputs`.
pub fn grade_inputs(course: &Course, options: &Options) -> Result<Grades> {
    let chapters = chosen_chapters(course, &options.chapters)?;
    let missing = sandbox::protections().missing();
    if options.strict && !missing.is_empty() {
        bail!(
            "--strict: not every protection can be in force here: {}",
            missing.join("; ")
        );
    }
    let class = input::discover(&options.inputs);
    let shard = options.shard.map(|(index, count)| model::Shard {
        index,
        count,
        class_size: class.len(),
    });
    let submissions: Vec<_> = match options.shard {
        Some((k, n)) => class.into_iter().skip(k - 1).step_by(n).collect(),
        None => class,
    };
    let progress = Progress::new(submissions.len());
    let started = Instant::now();
    let mut plan = Plan::prepare(course, chapters, &options.layout(course)?, &progress)
        .context("cannot prepare the grading workspace")?;
    progress.clear();
    eprintln!(
        "built the course's chapters (and any dependency not built yet) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    plan.git_ref = options.git_ref.clone().unwrap_or_else(|| "HEAD".into());
    plan.test_timeout = options.timeout;
    if let Some(limit) = options.build_timeout {
        plan.build_timeout = limit;
    }
    if let Some(jobs) = options.jobs {
        plan.jobs = jobs.max(1);
    }
    let students = pipeline::grade_all(&plan, &submissions, &progress);
    progress.clear();
    Ok(Grades {
        format: model::FORMAT,
        chapters: plan
            .chapters
            .iter()
            .map(|c| ChapterInfo {
                id: c.id.clone(),
                title: c.manifest.title.clone(),
                max: model::chapter_max(c),
            })
            .collect(),
        skipped_chapters: plan
            .skipped
            .iter()
            .cloned()
            .chain(course.broken.iter().cloned())
            .collect(),
        isolation: isolation(),
        shard,
        students,
    })
}

pub fn chosen_chapters<'a>(course: &'a Course, queries: &[String]) -> Result<Vec<&'a Chapter>> {
    if queries.is_empty() {
        return Ok(course.chapters.iter().collect());
    }
    queries.iter().map(|q| course.chapter(q)).collect()
}

fn isolation() -> Isolation {
    let found = sandbox::protections();
    Isolation {
        network: found.network.is_ok(),
        network_note: found.network.clone().err(),
        test_limits: Limits::test(),
        build_limits: Limits::build(),
        protections: found.list(),
    }
}
