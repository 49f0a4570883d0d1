//! Errors of reading files: every problem names the file, and where it can the line and field.

use std::fmt;

/// At most this many problems are collected from one file before reading stops.
pub const MAX_PROBLEMS: usize = 50;

/// One thing wrong with an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line in the file, where known.
    pub line: Option<u64>,
    /// Column or field name, where known.
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            line: None,
            field: None,
            message: message.into(),
        }
    }

    pub fn at(line: u64, field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            field: Some(field.into()),
            message: message.into(),
        }
    }

    pub fn at_line(line: u64, message: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            field: None,
            message: message.into(),
        }
    }

    pub fn in_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            line: None,
            field: Some(field.into()),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.line, &self.field) {
            (Some(line), Some(field)) => write!(f, "line {line}, field {field}: {}", self.message),
            (Some(line), None) => write!(f, "line {line}: {}", self.message),
            (None, Some(field)) => write!(f, "field {field}: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

/// A file could not be read; nothing was loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    /// The file as the user named it.
    pub file: String,
    /// At least one problem, at most [`MAX_PROBLEMS`] (+ a note that more were cut).
    pub problems: Vec<Problem>,
}

impl LoadError {
    pub fn new(file: impl Into<String>, problem: Problem) -> Self {
        Self {
            file: file.into(),
            problems: vec![problem],
        }
    }

    pub fn many(file: impl Into<String>, mut problems: Vec<Problem>) -> Self {
        if problems.is_empty() {
            problems.push(Problem::new("unknown problem"));
        }
        if problems.len() > MAX_PROBLEMS {
            let more = problems.len() - MAX_PROBLEMS;
            problems.truncate(MAX_PROBLEMS);
            problems.push(Problem::new(format!("… and {more} more problems")));
        }
        Self {
            file: file.into(),
            problems,
        }
    }

    /// The first problem, in one line: `riverford.csv, line 12, field registered_patients: …`.
    pub fn headline(&self) -> String {
        format!("{}: {}", self.file, self.problems[0])
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => write!(f, "{}: {one}", self.file),
            many => {
                write!(f, "{}: {} problems", self.file, many.len())?;
                for problem in many {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
        }
    }
}
