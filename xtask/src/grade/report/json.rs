//! `grades.json`: the grades whole, in our own format (`model::FORMAT`,
//! documented in the README); `grade merge` reads it back.

use anyhow::Result;

use crate::grade::model::Grades;

pub fn json(grades: &Grades) -> Result<String> {
    Ok(serde_json::to_string_pretty(grades)? + "\n")
}
