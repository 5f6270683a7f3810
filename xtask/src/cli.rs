//! The command line: every command with its own arguments, flags and
//! usage; one error line for anything else; the exit codes.

use std::fmt;
use std::process::ExitCode;

use anyhow::Result;
use lexopt::{Arg, ValueExt};

/// The chapters are done, the exercise passes, every check passed.
pub const COMPLETE: u8 = 0;
/// Not yet: something to finish (check, solution) or fix (verify).
pub const NOT_YET: u8 = 1;
/// A command line we cannot act on here.
pub const USAGE: u8 = 2;
/// Something failed inside: cargo could not run, a file could not be written.
pub const INTERNAL: u8 = 3;

/// A command line we cannot act on: one line saying why, and exit 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// A [`UsageError`] as an `anyhow::Error`, from a `format!` string.
macro_rules! usage {
    ($($arg:tt)*) => {
        anyhow::Error::new($crate::cli::UsageError(format!($($arg)*)))
    };
}

/// The exit code for an error: 2 for the command line, 3 for the rest.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    let usage = error.downcast_ref::<UsageError>().is_some()
        || error.downcast_ref::<lexopt::Error>().is_some();
    if usage { USAGE } else { INTERNAL }
}

/// Exit 0 when `done`, else 1.
pub fn verdict(done: bool) -> ExitCode {
    ExitCode::from(if done { COMPLETE } else { NOT_YET })
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Student,
    Maintainer,
    Instructor,
}

/// One command: its arguments (`<required>`, `[optional]`), its flags,
/// and what it does.
pub struct Spec {
    pub name: &'static str,
    pub args: &'static [&'static str],
    pub flags: &'static [(&'static str, &'static str)],
    pub summary: &'static str,
    pub details: &'static str,
    pub audience: Audience,
}

const CHAPTER_NAMES: &str = "A chapter is named any way you like: ch03, 3, tasks or ch03-tasks.";

pub const COMMANDS: &[Spec] = &[
    Spec {
        name: "list",
        args: &[],
        flags: &[],
        summary: "every chapter with its progress",
        details: "Progress is cached until a chapter's files change; chapters not checked\n\
                  since are built together and tested first.",
        audience: Audience::Student,
    },
    Spec {
        name: "check",
        args: &["[chapter]", "[exercise]"],
        flags: &[],
        summary: "test your code; no chapter: the first unfinished one",
        details: "Builds the chapter, runs its tests and shows one line per exercise, then\n\
                  what the first unfinished one needs. With an exercise, runs only its tests.\n\
                  Exit status 0 when everything checked is done, 1 when not yet.",
        audience: Audience::Student,
    },
    Spec {
        name: "hint",
        args: &["[chapter]", "[exercise]"],
        flags: &[],
        summary: "the next hint; no argument: the exercise you are on",
        details: "Each time you ask, one more hint of the exercise. Without an exercise, the\n\
                  chapter's first unfinished one; without a chapter, the exercise you are on.",
        audience: Audience::Student,
    },
    Spec {
        name: "watch",
        args: &["[chapter]"],
        flags: &[],
        summary: "check again on every save",
        details: "Checks the chapter (no chapter: the first unfinished one) and again on\n\
                  every save. Keys: h hint, n next chapter, q quit, Enter check again.",
        audience: Audience::Student,
    },
    Spec {
        name: "solution",
        args: &["<chapter>", "[exercise]"],
        flags: &[("force", "show it even though yours does not pass yet")],
        summary: "the reference solution, once yours passes",
        details: "Shows the reference solution of each exercise of yours that passes, or of\n\
                  the one named. Exit status 1 when the exercise does not pass yet.",
        audience: Audience::Student,
    },
    Spec {
        name: "reset",
        args: &["<chapter>", "[exercise]"],
        flags: &[],
        summary: "put the stub back (your version is backed up)",
        details: "Restores the exercise's file (no exercise: every exercise of the chapter)\n\
                  as the course ships it, after copying yours under .awaitlings/backups/.",
        audience: Audience::Student,
    },
    Spec {
        name: "verify",
        args: &["[chapter]"],
        flags: &[(
            "quick",
            "skip proving each mistake caught and each alternative accepted",
        )],
        summary: "the project's own test",
        details: "Every solution passes every test, every test fails on its stub, every listed\n\
                  mistake fails and every listed alternative passes, manifests, hints and\n\
                  READMEs agree, fmt and clippy are clean. Exit status 1 when a check fails.",
        audience: Audience::Maintainer,
    },
    Spec {
        name: "new",
        args: &["<chNN-name>"],
        flags: &[],
        summary: "scaffold a chapter in the house style",
        details: "Writes crates/chNN-name and solutions/chNN-name with one example exercise.",
        audience: Audience::Maintainer,
    },
    Spec {
        name: "dist",
        args: &["<dir>"],
        flags: &[],
        summary: "the student hand-out, without solutions",
        details: "Writes the hand-out into a new directory: the workspace without solutions/\n\
                  and CI, with the student README, the pristine stubs reset restores, and\n\
                  the GitHub Classroom workflow.",
        audience: Audience::Maintainer,
    },
    Spec {
        name: "bench",
        args: &[],
        flags: &[
            ("cold", "also the first check of a fresh copy"),
            ("verify", "also a warm `cargo xtask verify`"),
        ],
        summary: "how fast check (and verify) are",
        details: "Times save → verdict of `check ch01` beside its `cargo test --no-run` floor,\n\
                  on a scratch copy under target/awaitlings/bench.",
        audience: Audience::Maintainer,
    },
];

/// Commands that read their own command line (`grade --help` tells it).
pub const GRADE: &[(&str, &str, &str)] = &[
    (
        "grade",
        "<submission>... [--out DIR]",
        "grade submissions (see `grade --help`)",
    ),
    (
        "bench-grade",
        "[--students N] [--naive N]",
        "grading speed against a fresh `cargo test` each",
    ),
];

/// What the command line asks for.
pub enum Invocation {
    /// `help`, `--help`, or no command: the overview (`None`) or a command's usage.
    Help(Option<&'static Spec>),
    Run(Parsed),
    /// A grading command, with the parser holding the rest of its line.
    Grade(String, lexopt::Parser),
}

pub struct Parsed {
    pub spec: &'static Spec,
    pub args: Vec<String>,
    pub flags: Vec<&'static str>,
}

impl Parsed {
    pub fn arg(&self, i: usize) -> Option<&str> {
        self.args.get(i).map(String::as_str)
    }

    pub fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }
}

pub fn parse(mut parser: lexopt::Parser) -> Result<Invocation> {
    let name = match parser.next()? {
        None | Some(Arg::Short('h') | Arg::Long("help")) => return Ok(Invocation::Help(None)),
        Some(Arg::Value(word)) => word.string()?,
        Some(other) => return Err(usage!("{}: the command comes first", describe(&other))),
    };
    if name == "help" {
        return match parser.next()? {
            None => Ok(Invocation::Help(None)),
            Some(Arg::Value(word)) => Ok(Invocation::Help(Some(spec(&word.string()?)?))),
            Some(other) => Err(usage!("{} after `help`", describe(&other))),
        };
    }
    if GRADE.iter().any(|(grade, ..)| *grade == name) {
        return Ok(Invocation::Grade(name, parser));
    }
    let spec = spec(&name)?;
    let mut parsed = Parsed {
        spec,
        args: Vec::new(),
        flags: Vec::new(),
    };
    let see = format!("see `cargo xtask {name} --help`");
    while let Some(arg) = parser.next()? {
        match arg {
            Arg::Short('h') | Arg::Long("help") => return Ok(Invocation::Help(Some(spec))),
            Arg::Long(flag) => match spec.flags.iter().find(|(known, _)| *known == flag) {
                Some((known, _)) => parsed.flags.push(known),
                None => return Err(usage!("`cargo xtask {name}` has no option --{flag}: {see}")),
            },
            Arg::Value(value) if parsed.args.len() < spec.args.len() => {
                parsed.args.push(value.string()?);
            }
            Arg::Value(value) => {
                return Err(usage!(
                    "`cargo xtask {name}` takes {}, and `{}` is one too many: {see}",
                    arguments(spec),
                    value.to_string_lossy()
                ));
            }
            other => {
                return Err(usage!(
                    "`cargo xtask {name}` has no option {}: {see}",
                    describe(&other)
                ));
            }
        }
    }
    let required = spec.args.iter().filter(|a| a.starts_with('<')).count();
    if let Some(missing) = spec
        .args
        .get(parsed.args.len())
        .filter(|_| parsed.args.len() < required)
    {
        return Err(usage!("`cargo xtask {name}` needs {missing}: {see}"));
    }
    Ok(Invocation::Run(parsed))
}

fn spec(name: &str) -> Result<&'static Spec> {
    COMMANDS
        .iter()
        .find(|spec| spec.name == name)
        .ok_or_else(|| usage!("unknown command `{name}`: run `cargo xtask help` for the commands"))
}

fn describe(arg: &Arg) -> String {
    match arg {
        Arg::Short(c) => format!("-{c}"),
        Arg::Long(flag) => format!("--{flag}"),
        Arg::Value(value) => format!("`{}`", value.to_string_lossy()),
    }
}

/// `no arguments`, `at most 2 arguments ([chapter] [exercise])`.
fn arguments(spec: &Spec) -> String {
    match spec.args.len() {
        0 => "no arguments".to_string(),
        1 => format!("one argument, {}", spec.args[0]),
        n => format!("at most {n} arguments, {}", spec.args.join(" ")),
    }
}

/// `cargo xtask solution <chapter> [exercise] [--force]`.
fn synopsis(spec: &Spec) -> String {
    let name = format!("cargo xtask {}", spec.name);
    let args = spec.args.iter().map(|arg| arg.to_string());
    let flags = spec.flags.iter().map(|(flag, _)| format!("[--{flag}]"));
    let words: Vec<String> = std::iter::once(name).chain(args).chain(flags).collect();
    words.join(" ")
}

/// One command's usage: what `cargo xtask <command> --help` prints.
pub fn command_usage(spec: &Spec) -> String {
    let mut text = format!("usage: {}\n\n{}\n", synopsis(spec), spec.details);
    if !spec.flags.is_empty() {
        text.push_str("\nOptions:\n");
        for (flag, help) in spec.flags {
            text.push_str(&format!("  --{flag:<10} {help}\n"));
        }
    }
    if spec.args.iter().any(|a| a.contains("chapter")) {
        text.push_str(&format!("\n{CHAPTER_NAMES}\n"));
    }
    text
}

/// The overview: the commands this copy of the course can run. A hand-out
/// has no solutions, so it lists the student commands that work there.
pub fn overview(has_solutions: bool) -> String {
    let mut text = String::from("cargo xtask — the awaitlings course runner\n");
    let sections = [
        (Audience::Student, "Students"),
        (Audience::Maintainer, "Maintainers"),
        (Audience::Instructor, "Instructors"),
    ];
    for (audience, title) in sections {
        if audience != Audience::Student && !has_solutions {
            continue;
        }
        text.push_str(&format!("\n{title}:\n"));
        let lines: Vec<(String, &str)> = match audience {
            Audience::Instructor => GRADE
                .iter()
                .map(|(name, args, summary)| (format!("cargo xtask {name} {args}"), *summary))
                .collect(),
            _ => COMMANDS
                .iter()
                .filter(|spec| spec.audience == audience)
                .filter(|spec| has_solutions || spec.name != "solution")
                .map(|spec| (synopsis(spec), spec.summary))
                .collect(),
        };
        for (synopsis, summary) in lines {
            text.push_str(&format_line(&synopsis, summary));
        }
    }
    text.push_str(
        "\nRun `cargo xtask <command> --help` for its usage. A chapter is named any way\n\
         you like: ch03, 3, tasks or ch03-tasks.\n\n\
         Exit status: 0 done, 1 not yet, 2 a command line that cannot be acted on,\n\
         3 a failure inside the runner.\n",
    );
    text
}

/// `  synopsis   summary`, the summary on a line of its own when the
/// synopsis is long.
fn format_line(synopsis: &str, summary: &str) -> String {
    const WIDTH: usize = 40;
    if synopsis.chars().count() < WIDTH {
        format!("  {synopsis:<WIDTH$} {summary}\n")
    } else {
        format!("  {synopsis}\n  {:WIDTH$} {summary}\n", "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &[&str]) -> Result<Invocation> {
        parse(lexopt::Parser::from_args(words.iter().copied()))
    }

    fn error(words: &[&str]) -> (u8, String) {
        let error = parse_words(words).err().expect("a usage error");
        (exit_code(&error), error.to_string())
    }

    #[test]
    fn each_command_takes_its_own_arguments_and_flags() {
        let Ok(Invocation::Run(parsed)) = parse_words(&["solution", "ch01", "jobs", "--force"])
        else {
            panic!("solution with an exercise and --force is a command line")
        };
        assert_eq!(parsed.spec.name, "solution");
        assert_eq!((parsed.arg(0), parsed.arg(1)), (Some("ch01"), Some("jobs")));
        assert!(parsed.flag("force"));
        assert!(matches!(
            parse_words(&["check", "ch01", "ticks"]),
            Ok(Invocation::Run(p)) if p.args == ["ch01", "ticks"]
        ));
    }

    #[test]
    fn unknown_flags_and_extra_arguments_are_one_clear_line() {
        let (code, message) = error(&["check", "--force"]);
        assert_eq!(code, USAGE);
        assert_eq!(
            message,
            "`cargo xtask check` has no option --force: see `cargo xtask check --help`"
        );
        let (code, message) = error(&["list", "ch01"]);
        assert_eq!(code, USAGE);
        assert_eq!(
            message,
            "`cargo xtask list` takes no arguments, and `ch01` is one too many: \
             see `cargo xtask list --help`"
        );
        let (_, message) = error(&["reset"]);
        assert_eq!(
            message,
            "`cargo xtask reset` needs <chapter>: see `cargo xtask reset --help`"
        );
        let (_, message) = error(&["chek"]);
        assert!(message.starts_with("unknown command `chek`"), "{message}");
        for words in [
            &["check", "-x"][..],
            &["hint", "a", "b", "c"],
            &["bench", "--cold=1"],
        ] {
            assert_eq!(error(words).0, USAGE, "{words:?}");
            assert!(!error(words).1.contains('\n'), "{words:?}");
        }
    }

    #[test]
    fn help_is_per_command() {
        assert!(matches!(
            parse_words(&["reset", "--help"]),
            Ok(Invocation::Help(Some(spec))) if spec.name == "reset"
        ));
        assert!(matches!(
            parse_words(&["help", "watch"]),
            Ok(Invocation::Help(Some(spec))) if spec.name == "watch"
        ));
        let usage = command_usage(spec("solution").unwrap());
        assert!(usage.starts_with("usage: cargo xtask solution <chapter> [exercise] [--force]\n"));
        assert!(usage.contains("--force"));
    }

    #[test]
    fn the_hand_out_overview_lists_only_what_works_there() {
        let handout = overview(false);
        for absent in ["solution", "verify", "grade", "dist"] {
            assert!(!handout.contains(&format!("xtask {absent}")), "{absent}");
        }
        for present in ["list", "check", "hint", "watch", "reset"] {
            assert!(handout.contains(&format!("xtask {present}")), "{present}");
        }
        let full = overview(true);
        assert!(full.contains("cargo xtask solution <chapter> [exercise] [--force]"));
        assert!(full.contains("cargo xtask grade"));
    }
}
