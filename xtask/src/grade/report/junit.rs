//! `junit.xml`: one `<testsuite>` per chapter; each student's tests are its
//! test cases, with the student as the class name.

use std::fmt::Write as _;

use crate::grade::model::{self, Grades, Student, TestGrade};

pub fn junit(grades: &Grades) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"awaitlings\">\n",
    );
    // Which protections were in force, as each suite's properties.
    let mut properties = String::from("    <properties>\n");
    for p in &grades.isolation.protections {
        let _ = writeln!(
            properties,
            "      <property name=\"protection.{}\" value=\"{}\"/>",
            xml(&p.name),
            if p.in_force { "in force" } else { "missing" }
        );
    }
    properties.push_str("    </properties>\n");
    for (c, chapter) in grades.chapters.iter().enumerate() {
        let cases: Vec<(&Student, &TestGrade)> = grades
            .students
            .iter()
            .flat_map(|s| {
                s.chapters[c]
                    .exercises
                    .iter()
                    .flat_map(move |e| e.tests.iter().map(move |t| (s, t)))
            })
            .collect();
        let failures = cases.iter().filter(|(_, t)| !t.passed()).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
            xml(&chapter.id),
            cases.len()
        );
        out.push_str(&properties);
        for (student, test) in cases {
            case(&mut out, student, &chapter.id, test);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn case(out: &mut String, student: &Student, chapter: &str, test: &TestGrade) {
    let _ = write!(
        out,
        "    <testcase classname=\"{}.{}\" name=\"{}\"",
        xml(&student.id),
        xml(chapter),
        xml(&test.name)
    );
    if test.passed() {
        out.push_str("/>\n");
    } else {
        let _ = write!(
            out,
            ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
            model::spelling(test.outcome),
            xml(&test.message)
        );
    }
}

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 has no way to write most control characters.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            xml("<a & 'b'>\u{1b}"),
            "&lt;a &amp; &apos;b&apos;&gt;\u{FFFD}"
        );
    }
}
