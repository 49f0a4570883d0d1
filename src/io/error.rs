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
    /// How many problems were found, including those cut.
    pub total_problems: usize,
}

impl LoadError {
    pub fn new(file: impl Into<String>, problem: Problem) -> Self {
        Self {
            file: file.into(),
            problems: vec![problem],
            total_problems: 1,
        }
    }

    pub fn many(file: impl Into<String>, problems: Vec<Problem>) -> Self {
        Self::counted(file, problems, 0)
    }

    /// `problems` and `dropped` more that were counted but not kept.
    fn counted(file: impl Into<String>, mut problems: Vec<Problem>, dropped: usize) -> Self {
        if problems.is_empty() {
            problems.push(Problem::new("unknown problem"));
        }
        let total_problems = problems.len() + dropped;
        if total_problems > MAX_PROBLEMS {
            let more = total_problems - MAX_PROBLEMS.min(problems.len());
            problems.truncate(MAX_PROBLEMS);
            problems.push(Problem::new(format!("… and {more} more problems")));
        }
        Self {
            file: file.into(),
            problems,
            total_problems,
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
            [one] if self.total_problems <= 1 => write!(f, "{}: {one}", self.file),
            many => {
                write!(f, "{}: {} problems", self.file, self.total_problems)?;
                for problem in many {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
        }
    }
}

/// Problems found while reading a file: the first [`MAX_PROBLEMS`] are kept, the rest counted, so
/// that a file with a million bad rows takes no more memory than one with fifty.
#[derive(Debug, Default)]
pub struct ProblemList {
    kept: Vec<Problem>,
    dropped: usize,
}

impl ProblemList {
    pub fn push(&mut self, problem: Problem) {
        if self.kept.len() < MAX_PROBLEMS {
            self.kept.push(problem);
        } else {
            self.dropped += 1;
        }
    }

    pub fn append(&mut self, problems: &mut Vec<Problem>) {
        for problem in problems.drain(..) {
            self.push(problem);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// Every problem found, kept or not.
    pub fn total(&self) -> usize {
        self.kept.len() + self.dropped
    }

    pub fn into_error(self, file: impl Into<String>) -> LoadError {
        LoadError::counted(file, self.kept, self.dropped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_problem_and_keeps_fifty() {
        let mut list = ProblemList::default();
        for line in 0..62 {
            list.push(Problem::at_line(line + 2, "practice is missing"));
        }
        assert_eq!(list.total(), 62);
        let error = list.into_error("x.ron");
        assert_eq!(error.total_problems, 62);
        assert_eq!(error.problems.len(), MAX_PROBLEMS + 1);
        let shown = error.to_string();
        assert!(shown.starts_with("x.ron: 62 problems\n"), "{shown}");
        assert!(shown.ends_with("… and 12 more problems"), "{shown}");
        let many = LoadError::many("y.ron", vec![Problem::new("a"); 62]);
        assert!(many.to_string().starts_with("y.ron: 62 problems"));
        assert!(many.to_string().ends_with("… and 12 more problems"));
    }
}
