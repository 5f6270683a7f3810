//! `grades.md`: a table like the terminal's, then each student's details.

use std::fmt::Write as _;

use super::{attention, cell, points};
use crate::grade::model::Grades;

pub fn markdown(grades: &Grades) -> String {
    let mut out = String::from("# Grades\n\n| student |");
    for c in &grades.chapters {
        let _ = write!(out, " {} (/{}) |", c.id, points(c.max));
    }
    out.push_str(" total |\n|---|");
    out.push_str(&"---:|".repeat(grades.chapters.len() + 1));
    out.push('\n');
    for s in &grades.students {
        let _ = write!(out, "| {} |", md(&s.id));
        for c in &s.chapters {
            let _ = write!(out, " {} |", cell(c));
        }
        let _ = writeln!(out, " {} / {} |", points(s.score), points(s.max));
    }
    let details = attention(grades);
    if !details.trim().is_empty() {
        let _ = write!(out, "\n## For a closer look\n\n```text{details}```\n");
    }
    out
}

fn md(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_does_not_end_a_cell() {
        assert_eq!(md("a|b"), "a\\|b");
    }
}
