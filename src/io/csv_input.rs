//! What every CSV reader shares: the opener (size, encoding, BOM, line ends, quotes, header) and
//! the field readers (text, codes, numbers), so that each rule holds for every file kind.

use super::error::{LoadError, Problem};
use super::text_input::{encoding_problem, shorten};
use crate::model::text::{describe_char, normalise_code, unsafe_char};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Cursor;

/// Largest CSV file accepted (England is about 1 MB).
pub const MAX_CSV_BYTES: usize = 64 * 1024 * 1024;
/// Longest text accepted in one field.
pub const MAX_FIELD_CHARS: usize = 200;

/// A CSV reader over a file's bytes, as [`open_csv`] prepared them.
pub(crate) type CsvReader<'a> = csv::Reader<Cursor<Cow<'a, [u8]>>>;

/// A CSV reader over a file's bytes (size-checked, encoding checked, BOM removed, CR-only line
/// ends read as lines, an unclosed quote refused) and its header row; `kind` names the file in
/// the size message ("practice", "payments").
pub(crate) fn open_csv<'a>(
    file: &str,
    bytes: &'a [u8],
    kind: &str,
) -> Result<(CsvReader<'a>, csv::ByteRecord), LoadError> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(LoadError::new(
            file,
            Problem::new(format!(
                "the file is {}; {kind} files over {} are not accepted",
                super::mib(bytes.len() as u64),
                super::mib(MAX_CSV_BYTES as u64)
            )),
        ));
    }
    if let Some(problem) = encoding_problem(bytes, "CSV UTF-8") {
        return Err(LoadError::new(file, problem));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(line) = unclosed_quote_line(bytes) {
        return Err(LoadError::new(
            file,
            Problem::at_line(
                line,
                "a quote (\") opened on this line is never closed, so the rest of the file would be one field",
            ),
        ));
    }
    let bytes: Cow<'a, [u8]> = if bytes.contains(&b'\r') && !bytes.contains(&b'\n') {
        // Old Mac line ends: the CSV reader splits records on them but counts lines by LF.
        Cow::Owned(
            bytes
                .iter()
                .map(|b| if *b == b'\r' { b'\n' } else { *b })
                .collect(),
        )
    } else {
        Cow::Borrowed(bytes)
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(Cursor::new(bytes));
    let headers = reader
        .byte_headers()
        .map_err(|error| LoadError::new(file, csv_problem(&error)))?
        .clone();
    Ok((reader, headers))
}

/// The line on which a quoted field opens that the file never closes (RFC 4180 quoting: a quote
/// starts a quoted field only at the start of a field; `""` inside is an escaped quote).
fn unclosed_quote_line(bytes: &[u8]) -> Option<u64> {
    let mut line: u64 = 1;
    let mut opened_on = 0;
    let mut in_quotes = false;
    let mut at_field_start = true;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte == b'\n' {
            line += 1;
        }
        if in_quotes {
            if byte == b'"' {
                if bytes.get(index + 1) == Some(&b'"') {
                    index += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else {
            match byte {
                b'"' if at_field_start => {
                    in_quotes = true;
                    opened_on = line;
                }
                b',' | b'\n' | b'\r' => {
                    at_field_start = true;
                    index += 1;
                    continue;
                }
                _ => {}
            }
        }
        at_field_start = false;
        index += 1;
    }
    in_quotes.then_some(opened_on)
}

pub(crate) fn csv_problem(error: &csv::Error) -> Problem {
    let line = error.position().map(csv::Position::line);
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "is not valid UTF-8 text".to_string(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("has {len} fields, the header has {expected_len}"),
        csv::ErrorKind::Io(error) => format!("could not be read: {error}"),
        _ => format!("is not valid CSV: {error}"),
    };
    Problem {
        line,
        field: None,
        message,
    }
}

/// The trimmed text of a named column of a CSV record (`""` where the file has no such column),
/// checked for UTF-8, length, control and direction characters.
pub(crate) fn field_text(
    record: &csv::ByteRecord,
    column_of: &HashMap<&'static str, usize>,
    line: u64,
    column: &'static str,
) -> Result<String, Problem> {
    let Some(index) = column_of.get(column) else {
        return Ok(String::new());
    };
    let raw = record.get(*index).unwrap_or_default();
    let text = std::str::from_utf8(raw)
        .map_err(|_| Problem::at(line, column, "is not valid UTF-8 text"))?
        .trim();
    if text.chars().count() > MAX_FIELD_CHARS {
        return Err(Problem::at(
            line,
            column,
            format!("is longer than {MAX_FIELD_CHARS} characters"),
        ));
    }
    if let Some(c) = unsafe_char(text) {
        return Err(Problem::at(
            line,
            column,
            format!(
                "contains the control or direction character {} (not allowed in text)",
                describe_char(c)
            ),
        ));
    }
    Ok(text.to_string())
}

/// A code column (ODS practice code, PCN code, sub-ICB code): trimmed and upper-case, so that
/// `h82003` and `H82003` are one practice.
pub(crate) fn field_code(
    record: &csv::ByteRecord,
    column_of: &HashMap<&'static str, usize>,
    line: u64,
    column: &'static str,
) -> Result<String, Problem> {
    let text = field_text(record, column_of, line, column)?;
    Ok(normalise_code(&text).into_owned())
}

/// A number as written in a cell: `4029.25`, `-3`, or with thousands separators that group
/// correctly (`9,846.25`). Any other comma is refused: `4029,25` is not 402,925.
pub(crate) fn parse_number(line: u64, column: &'static str, text: &str) -> Result<f64, Problem> {
    let shown = shorten(text);
    let plain: Cow<'_, str> = if text.contains(',') {
        if !groups_thousands(text) {
            let hint = if looks_like_decimal_comma(text) {
                "; the file seems to use a comma as the decimal mark: save it with a full stop \
                 as the decimal mark (4029.25)"
            } else {
                "; commas are only accepted between groups of three digits (9,846.25)"
            };
            return Err(Problem::at(
                line,
                column,
                format!("{shown:?} is not a number{hint}"),
            ));
        }
        Cow::Owned(text.replace(',', ""))
    } else {
        Cow::Borrowed(text)
    };
    let value: f64 = plain
        .parse()
        .map_err(|_| Problem::at(line, column, format!("{shown:?} is not a number")))?;
    if !value.is_finite() {
        return Err(Problem::at(
            line,
            column,
            format!("{shown:?} is not a finite number"),
        ));
    }
    Ok(value)
}

/// `9,846.25`, `-1,234`, `12,345,678`: digits in groups of three after a first group of one to
/// three digits, then an optional decimal part without commas.
fn groups_thousands(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let mut groups = whole.split(',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    first_ok
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// `4029,25` or `0,5`: one comma followed by other than three digits, and no full stop.
fn looks_like_decimal_comma(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    match unsigned.split_once(',') {
        Some((whole, fraction)) => {
            !whole.is_empty()
                && whole.bytes().all(|b| b.is_ascii_digit())
                && !fraction.is_empty()
                && fraction.len() != 3
                && fraction.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// `column "x" is not used` for one column, one line for many.
pub(crate) fn unused_columns_warning(file: &str, names: &[String]) -> Option<String> {
    const SHOWN: usize = 5;
    match names {
        [] => None,
        [one] => Some(format!(
            "{file}: column {:?} is not used and was ignored",
            shorten(one)
        )),
        many => {
            let listed: Vec<String> = many
                .iter()
                .take(SHOWN)
                .map(|name| format!("{:?}", shorten(name)))
                .collect();
            let more = if many.len() > SHOWN { ", …" } else { "" };
            Some(format!(
                "{file}: {} columns are not used and were ignored: {}{more}",
                many.len(),
                listed.join(", ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators_must_group_by_three() {
        assert_eq!(parse_number(2, "n", "9,846.25"), Ok(9846.25));
        assert_eq!(parse_number(2, "n", "12,345,678"), Ok(12_345_678.0));
        assert_eq!(parse_number(2, "n", "-1,234"), Ok(-1234.0));
        assert_eq!(parse_number(2, "n", "4029.25"), Ok(4029.25));
        for bad in [
            "4029,25",
            "1,2,3,4",
            "1,23",
            ",123",
            "1234,567",
            "1,234.5,6",
            "1,,234",
        ] {
            assert!(parse_number(2, "n", bad).is_err(), "{bad}");
        }
        let decimal = parse_number(7, "registered_patients", "4029,25").expect_err("comma");
        assert_eq!(
            decimal.to_string(),
            "line 7, field registered_patients: \"4029,25\" is not a number; the file seems to use a comma as the decimal mark: save it with a full stop as the decimal mark (4029.25)"
        );
        let grouped = parse_number(3, "gp_fte", "1,2,3,4").expect_err("bad groups");
        assert!(grouped.to_string().ends_with("(9,846.25)"), "{grouped}");
    }

    #[test]
    fn finds_the_line_of_an_unclosed_quote() {
        assert_eq!(unclosed_quote_line(b"a,b\n1,\"x\"\"y\"\n"), None);
        assert_eq!(unclosed_quote_line(b"a,b\n1,\"two\nlines\"\n"), None);
        assert_eq!(unclosed_quote_line(b"a,b\n1,2\n3,\"open\n4,5\n"), Some(3));
        assert_eq!(
            unclosed_quote_line(b"a,b\n1,x\"y\n"),
            None,
            "not at a field start"
        );
    }

    #[test]
    fn many_unused_columns_make_one_warning() {
        let names: Vec<String> = (0..10_000).map(|n| format!("c{n}")).collect();
        let warning = unused_columns_warning("f.csv", &names).expect("warning");
        assert_eq!(
            warning,
            "f.csv: 10000 columns are not used and were ignored: \"c0\", \"c1\", \"c2\", \"c3\", \"c4\", …"
        );
    }
}
