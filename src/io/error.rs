//! Errors of reading files: every problem names the file, and where it can the line and field.
//! Also what a failed write says ([`write_failure`]): a file another program holds open names
//! that file and says what to do, rather than showing a bare OS error.

use std::fmt;
use std::path::Path;

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

/// Windows' `ERROR_SHARING_VIOLATION`: another program has the file open and does not share it
/// (Excel does this to every workbook and CSV it has open).
pub const WINDOWS_SHARING_VIOLATION: i32 = 32;
/// Windows' `ERROR_LOCK_VIOLATION`: another program has locked part of the file.
pub const WINDOWS_LOCK_VIOLATION: i32 = 33;

/// True when `raw_os_error` says another program holds the file open. A pure function of the
/// code: `windows` says whether it is a Windows error code, since elsewhere the same numbers
/// mean something else (32 is EPIPE on Linux).
pub fn held_by_another_program(raw_os_error: Option<i32>, windows: bool) -> bool {
    windows
        && matches!(
            raw_os_error,
            Some(WINDOWS_SHARING_VIOLATION | WINDOWS_LOCK_VIOLATION)
        )
}

/// A failed write of `file` as the user reads it: `FILE is open in another program (Excel?);
/// close it there and save again` when another program holds it (Windows), else
/// `FILE: {doing}: {the OS error}` (e.g. `doing` = "could not be saved").
pub fn write_failure(file: &Path, error: std::io::Error, doing: &str) -> anyhow::Error {
    write_failure_on(file, error, doing, cfg!(windows))
}

/// [`write_failure`] for error codes of Windows (`windows`) or of this system.
pub fn write_failure_on(
    file: &Path,
    error: std::io::Error,
    doing: &str,
    windows: bool,
) -> anyhow::Error {
    if held_by_another_program(error.raw_os_error(), windows) {
        return anyhow::anyhow!(
            "{} is open in another program (Excel?); close it there and save again",
            file.display()
        );
    }
    anyhow::Error::new(error).context(format!("{}: {doing}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_another_program_holds_open_says_so_and_names_the_file() {
        let file = Path::new(r"C:\Users\pm\Documents\hubs.csv");
        for code in [WINDOWS_SHARING_VIOLATION, WINDOWS_LOCK_VIOLATION] {
            let error = std::io::Error::from_raw_os_error(code);
            let shown = format!(
                "{:#}",
                write_failure_on(file, error, "could not be saved", true)
            );
            assert_eq!(
                shown,
                r"C:\Users\pm\Documents\hubs.csv is open in another program (Excel?); close it there and save again"
            );
        }
        // Other failures keep the OS's reason after the file and what was being done.
        let denied = std::io::Error::from_raw_os_error(5);
        let shown = format!(
            "{:#}",
            write_failure_on(file, denied, "could not be saved", true)
        );
        assert!(
            shown.starts_with(r"C:\Users\pm\Documents\hubs.csv: could not be saved: "),
            "{shown}"
        );
        assert!(!shown.contains("another program"), "{shown}");
    }

    #[test]
    fn the_same_numbers_from_another_system_are_not_a_file_held_open() {
        // 32 is EPIPE on Linux and 33 EDOM: not a file held by Excel.
        assert!(held_by_another_program(Some(32), true));
        assert!(!held_by_another_program(Some(32), false));
        assert!(!held_by_another_program(Some(33), false));
        assert!(!held_by_another_program(None, true));
        let error = std::io::Error::from_raw_os_error(32);
        let shown = format!(
            "{:#}",
            write_failure_on(Path::new("a.csv"), error, "x", false)
        );
        assert!(shown.starts_with("a.csv: x: "), "{shown}");
        assert!(!shown.contains("another program"), "{shown}");
    }

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
