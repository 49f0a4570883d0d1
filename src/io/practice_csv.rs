//! The project's practice CSV: the columns of `tests/data/*.csv`, in any order.

pub use super::csv_input::{MAX_CSV_BYTES, MAX_FIELD_CHARS};
pub(crate) use super::csv_input::{csv_problem, field_code, field_text, open_csv};
use super::csv_input::{parse_number, unused_columns_warning};
use super::error::{LoadError, Problem, ProblemList};
use super::text_input::show_number;
use crate::model::practice::{LatLon, Practice};
use crate::model::quantity::{Beds, Fte, Patients, QuantityError};
use crate::model::region::{MAX_PRACTICES, Region};
use crate::model::text::without_unsafe_chars;
use std::collections::{BTreeMap, HashMap};

/// Every column the reader knows; the first three are required.
pub const COLUMNS: [&str; 17] = [
    "practice_code",
    "practice_name",
    "registered_patients",
    "postcode",
    "lat",
    "lon",
    "weighted_patients",
    "adjusted_patients",
    "pcn_code",
    "pcn_name",
    "gp_fte",
    "nurse_fte",
    "care_home_beds",
    "sub_icb_code",
    "sub_icb_name",
    "rurality",
    "snapshot_date",
];
const REQUIRED: usize = 3;

/// A region read from a file, with anything the user should know that did not stop the read.
#[derive(Debug, Clone)]
pub struct PracticeData {
    pub region: Region,
    pub warnings: Vec<String>,
}

/// Reads the project's practice CSV (UTF-8 with or without BOM, LF or CRLF).
pub fn read_practice_csv(file: &str, bytes: &[u8]) -> Result<PracticeData, LoadError> {
    let (mut reader, headers) = open_csv(file, bytes, "practice")?;
    if headers.is_empty() || headers.iter().all(|h| h.is_empty()) {
        return Err(LoadError::new(
            file,
            Problem::at_line(1, "the file is empty or has no header row"),
        ));
    }
    let mut warnings = Vec::new();
    let mut unused = Vec::new();
    let mut column_of: HashMap<&'static str, usize> = HashMap::new();
    for (index, raw) in headers.iter().enumerate() {
        let name = String::from_utf8_lossy(raw).trim().to_ascii_lowercase();
        match COLUMNS.iter().find(|known| **known == name) {
            Some(known) => {
                if column_of.insert(known, index).is_some() {
                    return Err(LoadError::new(
                        file,
                        Problem::at(1, name, "this column appears twice in the header"),
                    ));
                }
            }
            None => unused.push(name),
        }
    }
    warnings.extend(unused_columns_warning(file, &unused));
    let missing: Vec<&str> = COLUMNS[..REQUIRED]
        .iter()
        .filter(|name| !column_of.contains_key(*name))
        .copied()
        .collect();
    if !missing.is_empty() {
        let hint = if headers.iter().any(|h| h == b"Practice Code") {
            " (this looks like a raw NHS payments file: choose a sub-ICB region to import it)"
        } else {
            ""
        };
        return Err(LoadError::new(
            file,
            Problem::at_line(
                1,
                format!("required column missing: {}{hint}", missing.join(", ")),
            ),
        ));
    }
    if lat_lon_mismatch(&column_of) {
        return Err(LoadError::new(
            file,
            Problem::at_line(1, "columns lat and lon must come together"),
        ));
    }

    let mut problems = ProblemList::default();
    let mut practices = Vec::new();
    let mut baseline_hubs: BTreeMap<String, String> = BTreeMap::new();
    let mut first_line_of: HashMap<String, u64> = HashMap::new();
    let mut sub_icbs: BTreeMap<String, String> = BTreeMap::new();
    let mut snapshot_dates: BTreeMap<String, usize> = BTreeMap::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
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
            continue; // A blank line (often at the end).
        }
        if record.len() != headers.len() {
            problems.push(Problem::at_line(
                line,
                format!(
                    "has {} fields, the header has {}",
                    record.len(),
                    headers.len()
                ),
            ));
            continue;
        }
        if practices.len() >= MAX_PRACTICES {
            problems.push(Problem::at_line(
                line,
                format!("more than {MAX_PRACTICES} practices; the file is too large"),
            ));
            break;
        }
        let row = Row {
            record: &record,
            column_of: &column_of,
            line,
        };
        match row.practice() {
            Ok((practice, hub_name, sub_icb_name, snapshot)) => {
                if let Some(first) = first_line_of.get(&practice.code) {
                    problems.push(Problem::at(
                        line,
                        "practice_code",
                        format!(
                            "practice {} appears again (first on line {first})",
                            practice.code
                        ),
                    ));
                    continue;
                }
                first_line_of.insert(practice.code.clone(), line);
                if let Some(code) = &practice.baseline_hub {
                    let name = if hub_name.is_empty() {
                        code.clone()
                    } else {
                        hub_name
                    };
                    match baseline_hubs.get(code) {
                        Some(existing) if *existing != name => warnings.push(format!(
                            "{file}, line {line}: PCN {code} is named {name:?} here but {existing:?} earlier; the first name is used"
                        )),
                        Some(_) => {}
                        None => {
                            baseline_hubs.insert(code.clone(), name);
                        }
                    }
                }
                if !practice.sub_icb_code.is_empty() {
                    sub_icbs
                        .entry(practice.sub_icb_code.clone())
                        .or_insert(sub_icb_name);
                }
                if !snapshot.is_empty() {
                    *snapshot_dates.entry(snapshot).or_default() += 1;
                }
                practices.push(practice);
            }
            Err(mut row_problems) => problems.append(&mut row_problems),
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_error(file));
    }
    if practices.is_empty() {
        return Err(LoadError::new(
            file,
            Problem::new("the file has a header but no practices"),
        ));
    }
    let (name, code) = match sub_icbs.len() {
        1 => {
            let (code, name) = sub_icbs.into_iter().next().unwrap_or_default();
            (if name.is_empty() { code.clone() } else { name }, code)
        }
        0 => (file_stem(file), String::new()),
        n => (
            format!("{} ({n} sub-ICB areas)", file_stem(file)),
            String::new(),
        ),
    };
    let mut region = Region::new(name, practices, baseline_hubs)
        .map_err(|error| LoadError::new(file, Problem::new(error.to_string())))?;
    region.code = code;
    region.source = source_name(file);
    region.snapshot_date = snapshot_dates
        .into_iter()
        .max_by_key(|(_, count)| *count)
        .map(|(date, _)| date)
        .unwrap_or_default();
    Ok(PracticeData { region, warnings })
}

fn lat_lon_mismatch(column_of: &HashMap<&'static str, usize>) -> bool {
    column_of.contains_key("lat") != column_of.contains_key("lon")
}

/// `riverford.csv` from `/home/someone/assets/example/riverford.csv`: what a file keeps as its
/// source, so that no folder name travels with a scenario or report that is emailed.
pub fn source_name(file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    without_unsafe_chars(name).into_owned()
}

/// `riverford` from `assets/example/riverford.csv`.
pub fn file_stem(file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    // A file name may hold characters no region name may.
    without_unsafe_chars(stem).into_owned()
}

/// The value of a result, recording its problem instead where there is one.
fn keep<T>(problems: &mut Vec<Problem>, result: Result<T, Problem>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(problem) => {
            problems.push(problem);
            None
        }
    }
}

/// One data row being read.
struct Row<'a> {
    record: &'a csv::ByteRecord,
    column_of: &'a HashMap<&'static str, usize>,
    line: u64,
}

type RowResult = (Practice, String, String, String);

impl Row<'_> {
    /// The trimmed text of a column, or `""` where the column is absent.
    fn text(&self, column: &'static str) -> Result<String, Problem> {
        field_text(self.record, self.column_of, self.line, column)
    }

    /// A code column, trimmed and upper-case.
    fn code(&self, column: &'static str) -> Result<String, Problem> {
        field_code(self.record, self.column_of, self.line, column)
    }

    fn number(&self, column: &'static str) -> Result<Option<f64>, Problem> {
        let text = self.text(column)?;
        if text.is_empty() {
            return Ok(None);
        }
        parse_number(self.line, column, &text).map(Some)
    }

    fn quantity<T>(
        &self,
        column: &'static str,
        convert: fn(f64) -> Result<T, QuantityError>,
    ) -> Result<Option<T>, Problem> {
        match self.number(column)? {
            None => Ok(None),
            Some(value) => convert(value).map(Some).map_err(|error| {
                Problem::at(self.line, column, format!("{} {error}", show_number(value)))
            }),
        }
    }

    fn practice(&self) -> Result<RowResult, Vec<Problem>> {
        let mut problems = Vec::new();
        let code = keep(&mut problems, self.code("practice_code"));
        let name = keep(&mut problems, self.text("practice_name"));
        let registered = keep(
            &mut problems,
            self.quantity("registered_patients", Patients::from_f64),
        );
        let weighted = keep(
            &mut problems,
            self.quantity("weighted_patients", Patients::from_f64),
        );
        let adjusted = keep(
            &mut problems,
            self.quantity("adjusted_patients", Patients::from_f64),
        );
        let gp_fte = keep(&mut problems, self.quantity("gp_fte", Fte::from_f64));
        let nurse_fte = keep(&mut problems, self.quantity("nurse_fte", Fte::from_f64));
        let beds = keep(
            &mut problems,
            self.quantity("care_home_beds", Beds::from_f64),
        );
        let lat = keep(&mut problems, self.number("lat"));
        let lon = keep(&mut problems, self.number("lon"));
        let postcode = keep(&mut problems, self.text("postcode"));
        let pcn_code = keep(&mut problems, self.code("pcn_code"));
        let pcn_name = keep(&mut problems, self.text("pcn_name"));
        let sub_icb_code = keep(&mut problems, self.code("sub_icb_code"));
        let sub_icb_name = keep(&mut problems, self.text("sub_icb_name"));
        let rurality = keep(&mut problems, self.text("rurality"));
        let snapshot = keep(&mut problems, self.text("snapshot_date"));

        if let Some(code) = &code {
            if code.is_empty() {
                problems.push(Problem::at(self.line, "practice_code", "is empty"));
            } else if !code.chars().all(|c| c.is_ascii_alphanumeric()) || code.len() > 12 {
                problems.push(Problem::at(
                    self.line,
                    "practice_code",
                    format!("{code:?} is not an ODS code (letters and digits, e.g. H82003)"),
                ));
            }
        }
        if name.as_deref() == Some("") {
            problems.push(Problem::at(self.line, "practice_name", "is empty"));
        }
        if let Some(None) = registered {
            problems.push(Problem::at(self.line, "registered_patients", "is empty"));
        }
        let location = match (lat, lon) {
            (Some(Some(lat)), Some(Some(lon))) => {
                let location = LatLon { lat, lon };
                if location.is_in_uk() {
                    Some(location)
                } else {
                    problems.push(Problem::at(
                        self.line,
                        "lat",
                        format!("{lat}, {lon} is not in the United Kingdom (latitude 49–61, longitude -8.7–2)"),
                    ));
                    None
                }
            }
            (Some(None), Some(None)) | (None, _) | (_, None) => None,
            (Some(Some(_)), Some(None)) => {
                problems.push(Problem::at(self.line, "lon", "is empty but lat is given"));
                None
            }
            (Some(None), Some(Some(_))) => {
                problems.push(Problem::at(self.line, "lat", "is empty but lon is given"));
                None
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let (Some(code), Some(name), Some(Some(registered))) = (code, name, registered) else {
            return Err(vec![Problem::at_line(self.line, "could not be read")]);
        };
        let pcn_code = pcn_code.unwrap_or_default();
        let practice = Practice {
            code,
            name,
            postcode: postcode.unwrap_or_default(),
            location,
            registered_patients: registered,
            earlier_registered: None,
            weighted_patients: weighted.flatten(),
            adjusted_patients: adjusted.flatten(),
            gp_fte: gp_fte.flatten(),
            nurse_fte: nurse_fte.flatten(),
            care_home_beds: beds.flatten(),
            baseline_hub: (!pcn_code.is_empty()).then_some(pcn_code),
            sub_icb_code: sub_icb_code.unwrap_or_default(),
            rurality: rurality.unwrap_or_default(),
            provenance: crate::model::Provenance::default(),
        };
        Ok((
            practice,
            pcn_name.unwrap_or_default(),
            sub_icb_name.unwrap_or_default(),
            snapshot.unwrap_or_default(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_any_column_order_bom_and_crlf() {
        let text = "\u{FEFF}registered_patients,practice_name,practice_code,extra\r\n4029.25,THE DENSHAM SURGERY,A81001,x\r\n";
        let data = read_practice_csv("t.csv", text.as_bytes()).expect("reads");
        assert_eq!(data.region.len(), 1);
        let practice = &data.region.practices()[0];
        assert_eq!(practice.code, "A81001");
        assert_eq!(practice.registered_patients, Patients(402_925));
        assert_eq!(data.warnings.len(), 1, "{:?}", data.warnings);
        assert!(data.warnings[0].contains("extra"));
    }

    #[test]
    fn errors_name_line_and_field() {
        let text = "practice_code,practice_name,registered_patients\nA1,One,100\nA2,Two,-5\nA3,Three,abc\nA1,Four,1\n";
        let error = read_practice_csv("bad.csv", text.as_bytes()).expect_err("invalid");
        let shown = error.to_string();
        assert!(
            shown.contains("line 3, field registered_patients: -5 is negative"),
            "{shown}"
        );
        assert!(
            shown.contains("line 4, field registered_patients: \"abc\" is not a number"),
            "{shown}"
        );
        assert!(
            shown.contains(
                "line 5, field practice_code: practice A1 appears again (first on line 2)"
            ),
            "{shown}"
        );
    }

    #[test]
    fn missing_required_column() {
        let error = read_practice_csv("x.csv", b"practice_code,practice_name\nA1,One\n")
            .expect_err("invalid");
        assert_eq!(
            error.to_string(),
            "x.csv: line 1: required column missing: registered_patients"
        );
    }
}
