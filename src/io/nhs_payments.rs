//! The raw NHS Digital "NHS Payments to General Practice" practice-level CSV.
//!
//! The file a practice manager downloads: all of England in one file, 75 columns, with a BOM.
//! One sub-ICB location (e.g. `70F`) is read as a region, keeping open GP practices only (the
//! file also lists closed practices and walk-in / out-of-hours centres). Its quirks: the PCN code
//! and name are headed `Code` and `CCG NAME`, the sub-ICB code `CCG Code`; practices with no PCN
//! say `Unknown or no PCN`. It has no coordinates and no staff figures.

use super::csv_input::{field_code, parse_number};
use super::error::{LoadError, Problem, ProblemList};
use super::practice_csv::{PracticeData, csv_problem, field_text, file_stem, open_csv};
use super::text_input::{shorten, show_number};
use crate::model::Practice;
use crate::model::quantity::Patients;
use crate::model::region::{MAX_PRACTICES, Region};
use std::collections::{BTreeMap, HashMap};

/// Columns read, by their exact heading (compared ignoring case and surrounding spaces).
const SUB_ICB_CODE: &str = "CCG Code";
const SUB_ICB_NAME: &str = "Sub ICB NAME";
const PCN_CODE: &str = "Code";
const PCN_NAME: &str = "CCG NAME";
const PRACTICE_CODE: &str = "Practice Code";
const PRACTICE_NAME: &str = "Practice Name";
const POSTCODE: &str = "Practice Postcode";
const CLOSE_DATE: &str = "Practice Close Date";
const PRACTICE_TYPE: &str = "Practice type";
const RURALITY: &str = "Practice Rurality";
const REGISTERED: &str = "Number of Registered Patients (Last Known Figure)";
const WEIGHTED: &str = "Number of Weighted Patients (Last Known Figure)";

const REQUIRED: [&str; 9] = [
    SUB_ICB_CODE,
    PCN_CODE,
    PCN_NAME,
    PRACTICE_CODE,
    PRACTICE_NAME,
    CLOSE_DATE,
    PRACTICE_TYPE,
    REGISTERED,
    WEIGHTED,
];
const OPTIONAL: [&str; 3] = [SUB_ICB_NAME, POSTCODE, RURALITY];

/// The only `Practice type` kept.
const GP_PRACTICE: &str = "GP practice";
/// How many region codes an error message suggests.
const EXAMPLE_CODES: usize = 5;

/// Reads the open GP practices of one sub-ICB (`region`, e.g. `70F`) from a payments file.
/// With no `region`, a file holding one sub-ICB is read whole; one holding several is refused
/// with a message saying how to choose.
pub fn read_nhs_payments(
    file: &str,
    bytes: &[u8],
    region: Option<&str>,
) -> Result<PracticeData, LoadError> {
    let table = Table::open(file, bytes)?;
    let regions = table.regions(file)?;
    let chosen = choose_region(file, &regions, region)?;
    table.read_region(file, &chosen)
}

/// The sub-ICB locations of a payments file with their open GP practice counts, by code:
/// `(code, name, practice_count)`, e.g. `("70F", "NHS SUSSEX ICB - 70F", 75)`. Empty when the
/// file is not a readable payments file (reading it then gives the reason).
pub fn list_regions(bytes: &[u8]) -> Vec<(String, String, usize)> {
    let Ok(table) = Table::open("", bytes) else {
        return Vec::new();
    };
    let Ok(regions) = table.regions("") else {
        return Vec::new();
    };
    regions
        .into_iter()
        .map(|(code, (name, count))| (code, name, count))
        .collect()
}

fn choose_region(
    file: &str,
    regions: &BTreeMap<String, (String, usize)>,
    wanted: Option<&str>,
) -> Result<String, LoadError> {
    let examples = || {
        let mut by_size: Vec<(&String, &(String, usize))> = regions.iter().collect();
        by_size.sort_by(|a, b| b.1.1.cmp(&a.1.1).then(a.0.cmp(b.0)));
        by_size
            .iter()
            .take(EXAMPLE_CODES)
            .map(|(code, (name, count))| format!("{code} ({name}, {count} practices)"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted.map(str::trim) {
        Some(code) => regions
            .keys()
            .find(|known| known.eq_ignore_ascii_case(code))
            .cloned()
            .ok_or_else(|| {
                LoadError::new(
                    file,
                    Problem::in_field(
                        SUB_ICB_CODE,
                        format!(
                            "no open GP practices in sub-ICB {code:?}; the file holds {} sub-ICB areas, e.g. {}",
                            regions.len(),
                            examples()
                        ),
                    ),
                )
            }),
        None if regions.len() == 1 => Ok(regions.keys().next().cloned().unwrap_or_default()),
        None => Err(LoadError::new(
            file,
            Problem::new(format!(
                "this NHS payments file holds {} sub-ICB areas: choose one with --region CODE \
                 (in the window: pick a region), e.g. {}",
                regions.len(),
                examples()
            )),
        )),
    }
}

/// A payments file split into its header and records.
struct Table {
    records: Vec<csv::ByteRecord>,
    header_len: usize,
    column_of: HashMap<&'static str, usize>,
}

impl Table {
    fn open(file: &str, bytes: &[u8]) -> Result<Self, LoadError> {
        let (mut reader, headers) = open_csv(file, bytes, "payments")?;
        let mut column_of = HashMap::new();
        for (index, raw) in headers.iter().enumerate() {
            let name = String::from_utf8_lossy(raw);
            let name = name.trim();
            if let Some(known) = REQUIRED
                .iter()
                .chain(OPTIONAL.iter())
                .find(|known| known.eq_ignore_ascii_case(name))
                && column_of.insert(*known, index).is_some()
            {
                return Err(LoadError::new(
                    file,
                    Problem::at(1, *known, "this column appears twice in the header"),
                ));
            }
        }
        let missing: Vec<&str> = REQUIRED
            .iter()
            .filter(|name| !column_of.contains_key(*name))
            .copied()
            .collect();
        if !missing.is_empty() {
            return Err(LoadError::new(
                file,
                Problem::at_line(
                    1,
                    format!(
                        "required column missing: {} (is this the practice-level CSV of \
                         \"NHS Payments to General Practice\"?)",
                        missing.join(", ")
                    ),
                ),
            ));
        }
        let mut records = Vec::new();
        let mut record = csv::ByteRecord::new();
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => records.push(record.clone()),
                Err(error) => return Err(LoadError::new(file, csv_problem(&error))),
            }
        }
        Ok(Self {
            records,
            header_len: headers.len(),
            column_of,
        })
    }

    /// Every sub-ICB with open GP practices: code → (name, count). Checks field counts and the
    /// columns used to choose rows.
    fn regions(&self, file: &str) -> Result<BTreeMap<String, (String, usize)>, LoadError> {
        let mut problems = ProblemList::default();
        let mut regions: BTreeMap<String, (String, usize)> = BTreeMap::new();
        for record in &self.records {
            let row = self.row(record);
            if row.is_blank() {
                continue;
            }
            match self
                .check_length(&row)
                .and_then(|()| row.is_open_gp_practice())
            {
                Ok(false) => {}
                Ok(true) => match (row.code(SUB_ICB_CODE), row.text(SUB_ICB_NAME)) {
                    (Ok(code), Ok(name)) if !code.is_empty() => {
                        let entry = regions.entry(code).or_insert((name, 0));
                        entry.1 += 1;
                    }
                    (Ok(_), Ok(_)) => {
                        problems.push(Problem::at(row.line, SUB_ICB_CODE, "is empty"))
                    }
                    (Err(problem), _) | (_, Err(problem)) => problems.push(problem),
                },
                Err(problem) => problems.push(problem),
            }
        }
        if !problems.is_empty() {
            return Err(problems.into_error(file));
        }
        if regions.is_empty() {
            return Err(LoadError::new(
                file,
                Problem::new("the file holds no open GP practices"),
            ));
        }
        Ok(regions)
    }

    fn check_length(&self, row: &Row<'_>) -> Result<(), Problem> {
        if row.record.len() == self.header_len {
            Ok(())
        } else {
            Err(Problem::at_line(
                row.line,
                format!(
                    "has {} fields, the header has {}",
                    row.record.len(),
                    self.header_len
                ),
            ))
        }
    }

    fn row<'a>(&'a self, record: &'a csv::ByteRecord) -> Row<'a> {
        Row {
            record,
            column_of: &self.column_of,
            line: record.position().map_or(0, csv::Position::line),
        }
    }

    /// The open GP practices of sub-ICB `code` as a region.
    fn read_region(&self, file: &str, code: &str) -> Result<PracticeData, LoadError> {
        let mut problems = ProblemList::default();
        let mut practices: Vec<Practice> = Vec::new();
        let mut first_line_of: HashMap<String, u64> = HashMap::new();
        let mut baseline_hubs: BTreeMap<String, String> = BTreeMap::new();
        let mut warnings = Vec::new();
        let mut region_name = String::new();
        for record in &self.records {
            let row = self.row(record);
            if row.is_blank()
                || !matches!(row.is_open_gp_practice(), Ok(true))
                || !row.code(SUB_ICB_CODE).is_ok_and(|c| c == code)
            {
                continue;
            }
            if practices.len() >= MAX_PRACTICES {
                problems.push(Problem::at_line(row.line, "too many practices"));
                break;
            }
            match row.practice() {
                Ok((practice, pcn_name, sub_icb_name)) => {
                    if let Some(first) = first_line_of.get(&practice.code) {
                        problems.push(Problem::at(
                            row.line,
                            PRACTICE_CODE,
                            format!(
                                "practice {} appears again (first on line {first})",
                                practice.code
                            ),
                        ));
                        continue;
                    }
                    first_line_of.insert(practice.code.clone(), row.line);
                    if region_name.is_empty() {
                        region_name = sub_icb_name;
                    }
                    if let Some(hub) = &practice.baseline_hub {
                        let name = if pcn_name.is_empty() {
                            hub.clone()
                        } else {
                            pcn_name
                        };
                        match baseline_hubs.get(hub) {
                            Some(existing) if *existing != name => warnings.push(format!(
                                "{file}, line {}: PCN {hub} is named {name:?} here but {existing:?} earlier; the first name is used",
                                row.line
                            )),
                            Some(_) => {}
                            None => {
                                baseline_hubs.insert(hub.clone(), name);
                            }
                        }
                    }
                    practices.push(practice);
                }
                Err(mut row_problems) => problems.append(&mut row_problems),
            }
        }
        if !problems.is_empty() {
            return Err(problems.into_error(file));
        }
        if region_name.is_empty() {
            region_name = format!("{} {code}", file_stem(file));
        }
        let mut region = Region::new(region_name, practices, baseline_hubs)
            .map_err(|error| LoadError::new(file, Problem::new(error.to_string())))?;
        region.code = code.to_string();
        region.source = super::practice_csv::source_name(file);
        warnings.push(format!(
            "{file}: NHS payments files have no coordinates or staff (FTE) figures; the map and staffing figures stay empty"
        ));
        Ok(PracticeData { region, warnings })
    }
}

/// One record being read.
struct Row<'a> {
    record: &'a csv::ByteRecord,
    column_of: &'a HashMap<&'static str, usize>,
    line: u64,
}

impl Row<'_> {
    fn is_blank(&self) -> bool {
        self.record
            .iter()
            .all(|field| field.iter().all(u8::is_ascii_whitespace))
    }

    /// The trimmed text of a column, `""` where the column is absent.
    fn text(&self, column: &'static str) -> Result<String, Problem> {
        field_text(self.record, self.column_of, self.line, column)
    }

    /// A code column, trimmed and upper-case.
    fn code(&self, column: &'static str) -> Result<String, Problem> {
        field_code(self.record, self.column_of, self.line, column)
    }

    /// A GP practice with no close date. A close date that is not a date is a problem, not a
    /// reason to drop the practice silently.
    fn is_open_gp_practice(&self) -> Result<bool, Problem> {
        if !self.text(PRACTICE_TYPE)?.eq_ignore_ascii_case(GP_PRACTICE) {
            return Ok(false);
        }
        let closed = self.text(CLOSE_DATE)?;
        if closed.is_empty() {
            Ok(true)
        } else if is_date(&closed) {
            Ok(false)
        } else {
            Err(Problem::at(
                self.line,
                CLOSE_DATE,
                format!(
                    "{:?} is not a date (DD/MM/YYYY), so it is not known whether the practice is open",
                    shorten(&closed)
                ),
            ))
        }
    }

    fn patients(&self, column: &'static str) -> Result<Patients, Problem> {
        let text = self.text(column)?;
        if text.is_empty() {
            return Err(Problem::at(self.line, column, "is empty"));
        }
        let value = parse_number(self.line, column, &text)?;
        Patients::from_f64(value).map_err(|error| {
            Problem::at(self.line, column, format!("{} {error}", show_number(value)))
        })
    }

    /// The practice, its PCN name and its sub-ICB name.
    fn practice(&self) -> Result<(Practice, String, String), Vec<Problem>> {
        let mut problems = Vec::new();
        let mut keep = |result: Result<String, Problem>| match result {
            Ok(text) => text,
            Err(problem) => {
                problems.push(problem);
                String::new()
            }
        };
        let code = keep(self.code(PRACTICE_CODE));
        let name = keep(self.text(PRACTICE_NAME));
        let postcode = keep(self.text(POSTCODE));
        let pcn_code = keep(self.code(PCN_CODE));
        let pcn_name = keep(self.text(PCN_NAME));
        let sub_icb_code = keep(self.code(SUB_ICB_CODE));
        let sub_icb_name = keep(self.text(SUB_ICB_NAME));
        let rurality = keep(self.text(RURALITY));
        let registered = self.patients(REGISTERED).map_err(|p| problems.push(p));
        let weighted = self.patients(WEIGHTED).map_err(|p| problems.push(p));
        if code.is_empty() {
            problems.push(Problem::at(self.line, PRACTICE_CODE, "is empty"));
        } else if !code.chars().all(|c| c.is_ascii_alphanumeric()) || code.len() > 12 {
            problems.push(Problem::at(
                self.line,
                PRACTICE_CODE,
                format!("{code:?} is not an ODS code (letters and digits, e.g. H82003)"),
            ));
        }
        if name.is_empty() && problems.is_empty() {
            problems.push(Problem::at(self.line, PRACTICE_NAME, "is empty"));
        }
        let baseline_hub = if no_pcn(&pcn_code) {
            None
        } else if !pcn_code.chars().all(|c| c.is_ascii_alphanumeric()) || pcn_code.len() > 12 {
            problems.push(Problem::at(
                self.line,
                PCN_CODE,
                format!("{pcn_code:?} is not a PCN code (e.g. U06871)"),
            ));
            None
        } else {
            Some(pcn_code)
        };
        let (Ok(registered), Ok(weighted), true) = (registered, weighted, problems.is_empty())
        else {
            return Err(problems);
        };
        let mut practice = Practice::new(code, name, registered);
        // The publication pads some postcodes (`BN6  9UQ`).
        practice.postcode = postcode.split_whitespace().collect::<Vec<_>>().join(" ");
        practice.weighted_patients = Some(weighted);
        practice.baseline_hub = baseline_hub;
        practice.sub_icb_code = sub_icb_code;
        practice.rurality = rurality;
        Ok((practice, pcn_name, sub_icb_name))
    }
}

/// `31/03/2022` (as the publication writes dates), `1/4/2022` or `2022-03-31`.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split(['/', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return false;
    };
    let number = |part: &str, digits: std::ops::RangeInclusive<usize>| {
        digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    let (day, month, year) = if a.len() == 4 { (c, b, a) } else { (a, b, c) };
    if !(number(day, 1..=2) && number(month, 1..=2) && number(year, 4..=4)) {
        return false;
    }
    let (Ok(day), Ok(month)) = (day.parse::<u32>(), month.parse::<u32>()) else {
        return false;
    };
    (1..=31).contains(&day) && (1..=12).contains(&month)
}

/// `Unknown or no PCN`, `U`, `Unallocated` or empty: the practice is in no PCN.
fn no_pcn(code: &str) -> bool {
    let code = code.trim();
    code.is_empty()
        || code.eq_ignore_ascii_case("U")
        || code.to_ascii_lowercase().starts_with("unknown")
        || code.eq_ignore_ascii_case("unallocated")
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "\u{FEFF}CCG Code,Sub ICB NAME,Code,CCG NAME,Practice Code,Practice Name,Practice Close Date,Practice type,Number of Registered Patients (Last Known Figure),Number of Weighted Patients (Last Known Figure)\n";

    fn file(rows: &[&str]) -> String {
        let mut text = HEADER.to_string();
        for row in rows {
            text.push_str(row);
            text.push('\n');
        }
        text
    }

    #[test]
    fn keeps_open_gp_practices_of_the_region() {
        let text = file(&[
            "70F,SUSSEX,U1,ONE PCN,A1,ONE,,GP practice,100.25,110",
            "70F,SUSSEX,U1,ONE PCN,A2,CLOSED,31/03/2022,GP practice,100,110",
            "70F,SUSSEX,U1,ONE PCN,A3,WALK IN,,Walk in centre,100,110",
            "70F,SUSSEX,Unknown or no PCN,Unknown or no PCN,A4,LONE,,GP practice,50,40",
            "01H,CUMBRIA,U2,TWO PCN,B1,OTHER,,GP practice,10,10",
        ]);
        let error = read_nhs_payments("p.csv", text.as_bytes(), None).expect_err("two regions");
        assert!(error.to_string().contains("--region CODE"), "{error}");
        let data = read_nhs_payments("p.csv", text.as_bytes(), Some("70f")).expect("reads");
        assert_eq!(data.region.len(), 2);
        assert_eq!(data.region.code, "70F");
        assert_eq!(data.region.name, "SUSSEX");
        assert_eq!(
            data.region.practices()[0].registered_patients,
            Patients(10_025)
        );
        assert_eq!(data.region.practices()[1].baseline_hub, None);
        assert_eq!(data.region.baseline_hubs().len(), 1);
        assert_eq!(
            list_regions(text.as_bytes()),
            vec![
                ("01H".to_string(), "CUMBRIA".to_string(), 1),
                ("70F".to_string(), "SUSSEX".to_string(), 2)
            ]
        );
    }

    #[test]
    fn a_close_date_that_is_not_a_date_is_named() {
        assert!(is_date("31/03/2022") && is_date("1/4/2022") && is_date("2022-03-31"));
        assert!(!is_date("31/13/2022") && !is_date("soon") && !is_date("31/03/22"));
        let text = file(&[
            "70F,SUSSEX,U1,ONE PCN,A1,ONE,,GP practice,100,110",
            "70F,SUSSEX,U1,ONE PCN,A2,TWO,next year,GP practice,100,110",
        ]);
        let error = read_nhs_payments("p.csv", text.as_bytes(), None).expect_err("bad date");
        assert_eq!(
            error.to_string(),
            "p.csv: line 3, field Practice Close Date: \"next year\" is not a date (DD/MM/YYYY), so it is not known whether the practice is open"
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = file(&["70F,SUSSEX,U1,ONE PCN,A1,ONE,,GP practice,-3,110"]);
        let error = read_nhs_payments("p.csv", text.as_bytes(), None).expect_err("negative");
        assert_eq!(
            error.to_string(),
            "p.csv: line 2, field Number of Registered Patients (Last Known Figure): -3 is negative"
        );
        let error = read_nhs_payments("p.csv", text.as_bytes(), Some("99Z")).expect_err("none");
        assert!(error.to_string().contains("70F"), "{error}");
    }
}
