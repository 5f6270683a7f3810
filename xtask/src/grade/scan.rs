//! Code that reads like tampering, flagged for a human to look at. A flag
//! never changes a score: `unsafe` or an absolute path can be innocent.

use std::path::Path;

use serde::Serialize;

/// What to look for in a line of a student's source, and why it matters.
const PATTERNS: &[(&str, &str)] = &[
    (
        "process::exit",
        "ends the process: a test could exit before failing",
    ),
    ("unsafe", "uses unsafe code"),
    ("include_str!", "reads a file at compile time"),
    ("include_bytes!", "reads a file at compile time"),
    ("include!", "includes a file at compile time"),
    ("#[path", "takes a module from another file"),
    ("#[ignore", "marks a test ignored"),
    ("env::var", "reads the environment"),
    ("env!", "reads the environment at compile time"),
    ("option_env!", "reads the environment at compile time"),
    ("Command::new", "starts a process"),
    ("no_mangle", "exports a symbol that could replace another"),
    (
        "macro_export",
        "exports a macro that could shadow one the tests use",
    ),
    ("export_name", "exports a symbol that could replace another"),
    (
        "test result:",
        "prints text that looks like libtest's summary",
    ),
];

#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct Flag {
    /// `crates/ch01-coroutines/src/jobs.rs:12`
    pub place: String,
    pub why: String,
    pub line: String,
}

/// Every flagged line of the `.rs` files under `dir`, shown as `shown/…`.
pub fn scan_dir(dir: &Path, shown: &Path) -> Vec<Flag> {
    let mut flags = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return flags;
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let shown = shown.join(entry.file_name());
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            flags.extend(scan_dir(&path, &shown));
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read(&path).unwrap_or_default();
            flags.extend(scan_text(&String::from_utf8_lossy(&text), &shown));
        }
    }
    flags
}

pub fn scan_text(text: &str, file: &Path) -> Vec<Flag> {
    let mut flags = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut reasons: Vec<&str> = PATTERNS
            .iter()
            .filter(|(pattern, _)| contains_word(line, pattern))
            .map(|(_, why)| *why)
            .collect();
        reasons.extend(path_literal(line));
        reasons.dedup();
        for why in reasons {
            flags.push(Flag {
                place: format!("{}:{}", file.display(), n + 1),
                why: why.to_string(),
                line: line.trim().chars().take(120).collect(),
            });
        }
    }
    flags
}

/// `pattern` in `line`, not as part of a longer identifier (`unsafe_op`
/// is not `unsafe`, but `std::process::exit` is `process::exit`).
fn contains_word(line: &str, pattern: &str) -> bool {
    // Prose, not code: it may sit anywhere in a string.
    if pattern.contains(' ') {
        return line.contains(pattern);
    }
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    line.match_indices(pattern).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + pattern.len()..].chars().next();
        let starts_clean = !pattern.starts_with(is_ident) || !before.is_some_and(is_ident);
        let ends_clean = !pattern.ends_with(is_ident) || !after.is_some_and(is_ident);
        starts_clean && ends_clean
    })
}

/// A string literal that names an absolute path or climbs out with `..`:
/// the way to reach files outside the crate.
fn path_literal(line: &str) -> Option<&'static str> {
    let literals = line.split('"').skip(1).step_by(2);
    for literal in literals {
        if names_a_real_root(literal) || literal.starts_with("~/") {
            return Some("names an absolute path");
        }
        if literal.split(['/', '\\']).any(|part| part == "..") {
            return Some("names a path outside its directory (`..`)");
        }
    }
    None
}

/// `/etc/passwd` but not `/page` or `/`: URL paths look alike, so only
/// a path under a directory that exists at the root of this machine counts.
fn names_a_real_root(literal: &str) -> bool {
    let Some(rest) = literal.strip_prefix('/') else {
        return false;
    };
    let first = rest.split('/').next().unwrap_or("");
    !first.is_empty() && Path::new("/").join(first).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(text: &str) -> Vec<String> {
        scan_text(text, Path::new("f.rs"))
            .into_iter()
            .map(|f| f.why)
            .collect()
    }

    #[test]
    fn tampering_is_flagged_with_its_line() {
        let flags = scan_text(
            "fn a() {}\n    std::process::exit(0);\n",
            Path::new("src/a.rs"),
        );
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].place, "src/a.rs:2");
        assert_eq!(flags[0].line, "std::process::exit(0);");
        assert_eq!(reasons("unsafe { x() }"), ["uses unsafe code"]);
        assert_eq!(reasons("include_str!(\"../../x\")").len(), 2);
        assert_eq!(
            reasons("let p = \"/etc/passwd\";"),
            ["names an absolute path"]
        );
        assert_eq!(reasons("#[ignore]"), ["marks a test ignored"]);
        assert_eq!(
            reasons("std::env::var(\"HOME\")"),
            ["reads the environment"]
        );
        assert_eq!(reasons("b\"\\ntest result: ok\"").len(), 1);
    }

    #[test]
    fn ordinary_code_is_not_flagged() {
        for line in [
            "let unsafe_count = 1;",
            "let s = \"a/b\";",
            "let d = 1..10;",
            "let ratio = \"1/2\";",
            "tokio::time::sleep(d).await;",
            "let root = \"/\";",
            "client.get(\"/page/2\")",
        ] {
            assert!(reasons(line).is_empty(), "{line}: {:?}", reasons(line));
        }
    }
}
