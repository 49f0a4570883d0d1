//! A CSV file with a header row whose columns are found by name (in any case): the shared row
//! reader of the monthly NHS files and of staff lists (problems name line and column).

use crate::io::error::{LoadError, MAX_PROBLEMS, Problem};
use crate::io::practice_csv::{csv_problem, field_text, open_csv};
use crate::model::Patients;
use std::collections::HashMap;

pub(crate) fn missing(file: &str, column: &str) -> LoadError {
    LoadError::new(
        file,
        Problem::at_line(1, format!("required column missing: {column}")),
    )
}

/// A CSV file with a header, its known columns located.
pub(crate) struct Table<'a> {
    reader: crate::io::csv_input::CsvReader<'a>,
    header_len: usize,
    pub(crate) column_of: HashMap<&'static str, usize>,
    /// Known columns the header names more than once (the first is used).
    pub(crate) repeated: Vec<&'static str>,
}

impl<'a> Table<'a> {
    /// `kind` names the file in the size message ("NHS", "staff").
    pub(crate) fn open(
        file: &str,
        bytes: &'a [u8],
        kind: &str,
        known: &[&'static str],
        required: &[&'static str],
    ) -> Result<Self, LoadError> {
        let (reader, headers) = open_csv(file, bytes, kind)?;
        let mut column_of = HashMap::new();
        let mut repeated = Vec::new();
        for (index, raw) in headers.iter().enumerate() {
            let name = String::from_utf8_lossy(raw);
            let name = name.trim();
            if let Some(column) = known
                .iter()
                .find(|column| column.eq_ignore_ascii_case(name))
            {
                if column_of.contains_key(*column) {
                    repeated.push(*column);
                } else {
                    column_of.insert(*column, index);
                }
            }
        }
        if let Some(absent) = required
            .iter()
            .find(|column| !column_of.contains_key(**column))
        {
            return Err(missing(file, absent));
        }
        Ok(Self {
            reader,
            header_len: headers.len(),
            column_of,
            repeated,
        })
    }

    /// Calls `read` on each non-blank row; collects the problems of every row.
    pub(crate) fn each_row(
        &mut self,
        file: &str,
        mut read: impl FnMut(&Row<'_>) -> Result<(), Problem>,
    ) -> Result<(), LoadError> {
        let mut problems = Vec::new();
        let mut record = csv::ByteRecord::new();
        loop {
            match self.reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(error) => {
                    problems.push(csv_problem(&error));
                    break;
                }
            }
            let line = record.position().map_or(0, csv::Position::line);
            if record
                .iter()
                .all(|field| field.iter().all(u8::is_ascii_whitespace))
            {
                continue;
            }
            if record.len() != self.header_len {
                problems.push(Problem::at_line(
                    line,
                    format!(
                        "has {} fields, the header has {}",
                        record.len(),
                        self.header_len
                    ),
                ));
            } else {
                let row = Row {
                    record: &record,
                    column_of: &self.column_of,
                    line,
                };
                if let Err(problem) = read(&row) {
                    problems.push(problem);
                }
            }
            if problems.len() > MAX_PROBLEMS {
                break;
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(LoadError::many(file, problems))
        }
    }
}

pub(crate) struct Row<'a> {
    record: &'a csv::ByteRecord,
    column_of: &'a HashMap<&'static str, usize>,
    line: u64,
}

impl Row<'_> {
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    pub(crate) fn text(&self, column: &'static str) -> Result<String, Problem> {
        field_text(self.record, self.column_of, self.line, column)
    }

    pub(crate) fn problem(&self, column: &str, message: impl Into<String>) -> Problem {
        Problem::at(self.line, column, message)
    }

    /// A code column (practice, PCN, sub-ICB): trimmed and upper-case, as every reader of
    /// codes does, so that `h82003` and `H82003` are one practice; may be empty.
    pub(crate) fn code_text(&self, column: &'static str) -> Result<String, Problem> {
        crate::io::csv_input::field_code(self.record, self.column_of, self.line, column)
    }

    /// An ODS practice code: letters and digits, at most 12, upper-case.
    pub(super) fn code(&self, column: &'static str) -> Result<String, Problem> {
        let code = self.code_text(column)?;
        if code.is_empty() {
            return Err(self.problem(column, "is empty"));
        }
        if code.len() > 12 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(self.problem(column, format!("{code:?} is not an ODS code (e.g. H82003)")));
        }
        Ok(code)
    }

    /// A count of patients: a whole number, not negative.
    pub(super) fn whole_number(&self, column: &'static str) -> Result<Patients, Problem> {
        let text = self.text(column)?;
        if text.is_empty() {
            return Err(self.problem(column, "is empty"));
        }
        let count: u32 = text.parse().map_err(|_| {
            self.problem(
                column,
                format!("{text:?} is not a whole number of patients"),
            )
        })?;
        Patients::from_f64(f64::from(count))
            .map_err(|error| self.problem(column, format!("{count} {error}")))
    }
}
