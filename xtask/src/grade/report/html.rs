//! `grades.html`: the report an instructor opens. One self-contained page
//! (no script, font or image from elsewhere): where the class is stuck
//! first, then the score distribution, every exercise's spread of
//! outcomes, and the students.

use std::fmt::Write as _;

use crate::grade::model::{Grades, Student};
use crate::runner::Kind;

/// How an exercise ended for one student, as the page groups them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Column {
    Done,
    Failing,
    TimedOut,
    DoesNotCompile,
    NotStarted,
    NotRun,
}

impl Column {
    const ALL: [Column; 6] = [
        Column::Done,
        Column::Failing,
        Column::TimedOut,
        Column::DoesNotCompile,
        Column::NotStarted,
        Column::NotRun,
    ];

    /// Failing gathers every wrong answer the harness diagnosed (busy
    /// polling, blocking, …) and crashes: all are code that runs but is wrong.
    fn of(status: Option<Kind>) -> Column {
        match status {
            Some(Kind::Passed) => Column::Done,
            Some(Kind::TimedOut) => Column::TimedOut,
            Some(Kind::DoesNotCompile) => Column::DoesNotCompile,
            Some(Kind::NotStarted) => Column::NotStarted,
            Some(_) => Column::Failing,
            None => Column::NotRun,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Column::Done => "done",
            Column::Failing => "failing",
            Column::TimedOut => "timed out",
            Column::DoesNotCompile => "does not compile",
            Column::NotStarted => "not started",
            Column::NotRun => "not run",
        }
    }

    fn class(self) -> &'static str {
        match self {
            Column::Done => "done",
            Column::Failing => "failing",
            Column::TimedOut => "timeout",
            Column::DoesNotCompile => "broken",
            Column::NotStarted => "todo",
            Column::NotRun => "notrun",
        }
    }
}

/// One exercise across the class.
struct Spread {
    chapter: String,
    exercise: String,
    counts: [usize; 6],
    /// The most common diagnosis among those failing, with its count.
    problem: Option<(Kind, usize)>,
}

impl Spread {
    fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    fn stuck(&self) -> usize {
        self.total() - self.counts[0]
    }

    /// Students who wrote code for it that does not pass yet.
    fn trying(&self) -> usize {
        self.counts[1..4].iter().sum()
    }
}

pub fn html(grades: &Grades) -> String {
    let spreads = spreads(grades);
    let mut page = String::new();
    let n = grades.students.len();
    let _ = write!(
        page,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Grades</title><style>{STYLE}</style></head><body>\n\
         <h1>Grades</h1>\n<p class=\"lead\">{n} submission{} · {} chapter{}</p>\n",
        plural(n),
        grades.chapters.len(),
        plural(grades.chapters.len())
    );
    stuck_section(&mut page, &spreads);
    distribution_section(&mut page, grades);
    exercises_section(&mut page, &spreads);
    students_section(&mut page, grades);
    page.push_str("</body></html>\n");
    page
}

fn spreads(grades: &Grades) -> Vec<Spread> {
    let mut spreads = Vec::new();
    for (c, chapter) in grades.chapters.iter().enumerate() {
        let exercises = grades
            .students
            .iter()
            .find_map(|s| s.chapters.get(c))
            .map(|grade| grade.exercises.iter().map(|e| e.name.clone()).collect())
            .unwrap_or_else(Vec::new);
        for (e, exercise) in exercises.into_iter().enumerate() {
            let mut counts = [0; 6];
            let mut problems = std::collections::BTreeMap::<Kind, usize>::new();
            for student in &grades.students {
                let status = student
                    .chapters
                    .iter()
                    .find(|g| g.id == chapter.id)
                    .and_then(|g| g.exercises.get(e))
                    .and_then(|x| x.status);
                let column = Column::of(status);
                counts[column as usize] += 1;
                if let (Column::Failing, Some(kind)) = (column, status) {
                    *problems.entry(kind).or_default() += 1;
                }
            }
            // On a tie, the most telling kind.
            let problem = problems
                .into_iter()
                .max_by_key(|(kind, count)| (*count, std::cmp::Reverse(kind.rank())));
            spreads.push(Spread {
                chapter: chapter.id.clone(),
                exercise,
                counts,
                problem,
            });
        }
    }
    spreads
}

fn stuck_section(page: &mut String, spreads: &[Spread]) {
    let mut stuck: Vec<&Spread> = spreads.iter().filter(|s| s.stuck() > 0).collect();
    // Code that runs and fails says more than code not written yet.
    stuck.sort_by_key(|s| std::cmp::Reverse((s.trying(), s.stuck())));
    page.push_str("<h2>Where the class is stuck</h2>\n");
    if stuck.is_empty() {
        page.push_str("<p>Every student finished every exercise.</p>\n");
        return;
    }
    page.push_str("<ol class=\"stuck\">\n");
    for spread in stuck.iter().take(8) {
        let why = spread
            .problem
            .as_ref()
            .map(|(kind, count)| format!(", most often {} ({count})", kind.label()))
            .unwrap_or_default();
        let _ = writeln!(
            page,
            "<li><b>{} {}</b>: {} of {} not done, {} of them trying{why}</li>",
            escape(&spread.chapter),
            escape(&spread.exercise),
            spread.stuck(),
            spread.total(),
            spread.trying()
        );
    }
    page.push_str("</ol>\n");
}

fn distribution_section(page: &mut String, grades: &Grades) {
    const BUCKETS: usize = 10;
    let mut counts = [0usize; BUCKETS];
    for student in &grades.students {
        let share = if student.max > 0.0 {
            student.score / student.max
        } else {
            0.0
        };
        counts[((share * BUCKETS as f64) as usize).min(BUCKETS - 1)] += 1;
    }
    let tallest = counts.iter().copied().max().unwrap_or(0).max(1);
    let (width, height, bar) = (420, 140, 42);
    let _ = write!(
        page,
        "<h2>Scores</h2>\n<p class=\"legend\">Students by share of the points, in tenths.</p>\n<svg role=\"img\" aria-label=\"score distribution\" \
         width=\"{width}\" height=\"{}\" viewBox=\"0 0 {width} {}\">\n",
        height + 20,
        height + 20
    );
    for (i, count) in counts.iter().enumerate() {
        let h = count * (height - 16) / tallest;
        let (x, y) = (i * bar, height - h);
        let _ = writeln!(
            page,
            "<rect x=\"{}\" y=\"{y}\" width=\"{}\" height=\"{h}\" class=\"bar\"/>\
             <text x=\"{}\" y=\"{}\" class=\"count\">{}</text>\
             <text x=\"{}\" y=\"{}\" class=\"axis\">{}%</text>",
            x + 2,
            bar - 4,
            x + bar / 2,
            y.saturating_sub(3),
            if *count > 0 {
                count.to_string()
            } else {
                String::new()
            },
            x + bar / 2,
            height + 14,
            i * 10
        );
    }
    page.push_str("</svg>\n");
}

fn exercises_section(page: &mut String, spreads: &[Spread]) {
    page.push_str("<h2>Exercises</h2>\n<p class=\"legend\">");
    for column in Column::ALL {
        let _ = write!(
            page,
            "<span class=\"key {}\"></span>{} ",
            column.class(),
            column.label()
        );
    }
    page.push_str("</p>\n<table class=\"spread\">\n");
    for spread in spreads {
        let total = spread.total().max(1);
        let _ = write!(
            page,
            "<tr><th>{} {}</th><td><div class=\"stack\">",
            escape(&spread.chapter),
            escape(&spread.exercise)
        );
        for column in Column::ALL {
            let count = spread.counts[column as usize];
            if count > 0 {
                let _ = write!(
                    page,
                    "<span class=\"{}\" style=\"width:{:.1}%\" title=\"{}: {count}\"></span>",
                    column.class(),
                    100.0 * count as f64 / total as f64,
                    column.label()
                );
            }
        }
        let _ = writeln!(
            page,
            "</div></td><td class=\"num\">{} of {} done</td></tr>",
            spread.counts[0],
            spread.total()
        );
    }
    page.push_str("</table>\n");
}

fn students_section(page: &mut String, grades: &Grades) {
    page.push_str(
        "<h2>Students</h2>\n<table class=\"students\">\n<tr><th>student</th><th>score</th>",
    );
    for chapter in &grades.chapters {
        let _ = write!(page, "<th>{}</th>", escape(&chapter.id));
    }
    page.push_str("</tr>\n");
    for student in &grades.students {
        let _ = write!(
            page,
            "<tr><td>{}</td><td class=\"num\">{} / {}</td>",
            escape(&student.id),
            student.score,
            student.max
        );
        for chapter in &grades.chapters {
            let _ = write!(
                page,
                "<td class=\"num\">{}</td>",
                chapter_cell(student, &chapter.id)
            );
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</table>\n");
}

fn chapter_cell(student: &Student, id: &str) -> String {
    if student.error.is_some() {
        return "not graded".into();
    }
    student
        .chapters
        .iter()
        .find(|c| c.id == id)
        .map_or_else(|| "–".into(), |c| format!("{}", c.score))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "\
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}\
h1{margin-bottom:0}.lead{color:#666;margin-top:.2em}\
h2{margin-top:1.6em;border-bottom:1px solid #ddd}\
.stuck li{margin:.2em 0}\
.bar{fill:#4a7fd0}.count,.axis{font-size:11px;text-anchor:middle;fill:#444}\
table{border-collapse:collapse}td,th{padding:.2em .6em;text-align:left}\
.students td,.students th{border-bottom:1px solid #eee}.num{text-align:right;white-space:nowrap}\
.spread th{font-weight:normal;white-space:nowrap}.spread td:nth-child(2){width:100%}\
.stack{display:flex;height:1em;background:#f3f3f3}.stack span{display:block;height:100%}\
.key{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 .8em;vertical-align:-.1em}\
.done{background:#3a9d5d}.failing{background:#d0483e}.timeout{background:#e0a030}\
.broken{background:#7b4fb0}.todo{background:#bbb}.notrun{background:#eee}\
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_fall_into_the_columns_an_instructor_reads() {
        assert!(Column::of(Some(Kind::Passed)) == Column::Done);
        assert!(Column::of(Some(Kind::BusyPolling)) == Column::Failing);
        assert!(Column::of(Some(Kind::Crashed)) == Column::Failing);
        assert!(Column::of(Some(Kind::TimedOut)) == Column::TimedOut);
        assert!(Column::of(Some(Kind::DoesNotCompile)) == Column::DoesNotCompile);
        assert!(Column::of(None) == Column::NotRun);
    }

    #[test]
    fn text_from_submissions_is_escaped() {
        assert_eq!(escape("<b a=\"1\">&"), "&lt;b a=&quot;1&quot;&gt;&amp;");
    }
}
