//! `grades.csv`: one row per student, a score column per chapter, then the
//! totals.

use super::points;
use crate::grade::model::Grades;

pub fn csv(grades: &Grades) -> String {
    let mut header = vec!["student".to_string()];
    header.extend(grades.chapters.iter().map(|c| c.id.clone()));
    header.extend(["total", "max", "flags", "ignored_files", "error"].map(String::from));
    let mut out = header.join(",") + "\n";
    for s in &grades.students {
        let mut row = vec![field(&s.id)];
        row.extend(s.chapters.iter().map(|c| points(c.score)));
        row.push(points(s.score));
        row.push(points(s.max));
        row.push(s.flags.len().to_string());
        row.push(s.ignored.len().to_string());
        row.push(field(s.error.as_deref().unwrap_or("")));
        out.push_str(&(row.join(",") + "\n"));
    }
    out
}

fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_when_they_must_be() {
        assert_eq!(field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(field("plain"), "plain");
    }
}
