//! The terminal table: students × chapters with totals, then what needs a
//! human's eye.

use std::fmt::Write as _;

use super::{attention, cell, points};
use crate::grade::model::Grades;
use crate::ui::Style;

pub fn table(grades: &Grades, style: Style) -> String {
    let mut header = vec!["student".to_string()];
    header.extend(
        grades
            .chapters
            .iter()
            .map(|c| format!("{} /{}", c.id, points(c.max))),
    );
    header.push("total".into());
    let mut rows = vec![header];
    for s in &grades.students {
        let mut row = vec![s.id.clone()];
        row.extend(s.chapters.iter().map(cell));
        row.push(format!("{} / {}", points(s.score), points(s.max)));
        rows.push(row);
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (n, row) in rows.iter().enumerate() {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(text, w)| format!("{text:<w$}"))
            .collect();
        let line = line.join("  ").trim_end().to_string();
        let _ = writeln!(out, "{}", if n == 0 { style.bold(&line) } else { line });
    }
    out.push_str(&attention(grades));
    out
}
