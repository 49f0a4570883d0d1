//! The three monthly NHS Digital files, each read into plain rows: "Patients Registered at a GP
//! Practice" (`gp-reg-pat-prac-all.csv`, 2026 sub-ICB and 2021 CCG headers), the practice→PCN
//! map (`gp-reg-pat-prac-map.csv`) and the ODS `epraccur` file (no header row).

use super::csv_table::{Table, missing};
use crate::io::error::{LoadError, MAX_PROBLEMS, Problem};
use crate::io::practice_csv::csv_problem;
use crate::model::Patients;
use std::collections::BTreeMap;

/// Which monthly file a file is, recognised from its first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MonthlyKind {
    Registrations,
    PcnMap,
    Epraccur,
}

impl MonthlyKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Registrations => "registrations (gp-reg-pat-prac-all)",
            Self::PcnMap => "practice to PCN map (gp-reg-pat-prac-map)",
            Self::Epraccur => "epraccur",
        }
    }
}

/// The kind of a monthly file, or `None` for any other file.
pub fn monthly_kind(bytes: &[u8]) -> Option<MonthlyKind> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(4096)];
    let first_line = String::from_utf8_lossy(head);
    // NHS Digital heads its columns in capitals; the project's CSV uses lower case.
    let first_line = first_line.lines().next().unwrap_or_default();
    let has = |column: &str| {
        first_line
            .split(',')
            .any(|field| field.trim().trim_matches('"') == column)
    };
    if has("NUMBER_OF_PATIENTS") && has("CODE") {
        return Some(MonthlyKind::Registrations);
    }
    if has("PRACTICE_CODE") && has("PCN_CODE") {
        return Some(MonthlyKind::PcnMap);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(head);
    let mut record = csv::StringRecord::new();
    let first_is_ods_row = matches!(reader.read_record(&mut record), Ok(true))
        && record.len() == EPRACCUR_FIELDS
        && record.get(0).is_some_and(|code| {
            !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric())
        });
    first_is_ods_row.then_some(MonthlyKind::Epraccur)
}

/// `2026-04-01` from `2026-04-01`, `01JAN2021` or `01Jan2022`; `None` for anything else.
pub fn iso_date(text: &str) -> Option<String> {
    let text = text.trim();
    let bytes = text.as_bytes();
    if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
        return text
            .chars()
            .enumerate()
            .all(|(index, c)| matches!(index, 4 | 7) || c.is_ascii_digit())
            .then(|| text.to_string());
    }
    if bytes.len() != 9 || !text.is_ascii() {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let (day, month, year) = (&text[..2], &text[2..5], &text[5..]);
    let month = MONTHS
        .iter()
        .position(|known| known.eq_ignore_ascii_case(month))?;
    let digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    (digits(day) && digits(year)).then(|| format!("{year}-{:02}-{day}", month + 1))
}

/// One practice's list in a registrations extract.
#[derive(Debug, Clone, PartialEq)]
pub struct RegistrationRow {
    pub code: String,
    /// Sub-ICB location (2026) or CCG (2021) code.
    pub area_code: String,
    pub postcode: String,
    pub registered: Patients,
}

/// A "Patients Registered at a GP Practice" extract: practice totals.
#[derive(Debug, Clone)]
pub struct Registrations {
    /// ISO, e.g. `2026-04-01`.
    pub extract_date: String,
    /// In file order.
    pub rows: Vec<RegistrationRow>,
}

/// Reads a registrations extract (rows of `SEX=ALL, AGE=ALL` where the file has those columns).
pub fn read_registrations(file: &str, bytes: &[u8]) -> Result<Registrations, LoadError> {
    const AREA_2026: &str = "SUB_ICB_LOCATION_CODE";
    const AREA_2021: &str = "CCG_CODE";
    let columns = [
        "EXTRACT_DATE",
        "CODE",
        "POSTCODE",
        "SEX",
        "AGE",
        "NUMBER_OF_PATIENTS",
        AREA_2026,
        AREA_2021,
    ];
    let mut table = Table::open(
        file,
        bytes,
        "NHS",
        &columns,
        &["CODE", "NUMBER_OF_PATIENTS"],
    )?;
    let area = if table.column_of.contains_key(AREA_2026) {
        AREA_2026
    } else {
        AREA_2021
    };
    if !table.column_of.contains_key(area) {
        return Err(missing(file, &format!("{AREA_2026} (or {AREA_2021})")));
    }
    let mut rows = Vec::new();
    let mut dates: BTreeMap<String, usize> = BTreeMap::new();
    table.each_row(file, |row| {
        let all = |column| {
            row.text(column)
                .map(|text| text.is_empty() || text.eq_ignore_ascii_case("ALL"))
        };
        if !(all("SEX")? && all("AGE")?) {
            return Ok(());
        }
        let date = row.text("EXTRACT_DATE")?;
        if !date.is_empty() {
            let iso = iso_date(&date).ok_or_else(|| {
                row.problem(
                    "EXTRACT_DATE",
                    format!("{date:?} is not a date (2026-04-01 or 01JAN2021)"),
                )
            })?;
            *dates.entry(iso).or_default() += 1;
        }
        let code = row.code("CODE")?;
        let registered = row.whole_number("NUMBER_OF_PATIENTS")?;
        rows.push(RegistrationRow {
            code,
            area_code: row.code_text(area)?,
            postcode: row.text("POSTCODE")?,
            registered,
        });
        Ok(())
    })?;
    if rows.is_empty() {
        return Err(LoadError::new(
            file,
            Problem::new("the file has a header but no practices"),
        ));
    }
    Ok(Registrations {
        extract_date: most_common(dates),
        rows,
    })
}

/// One practice of the practice→PCN map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapRow {
    pub code: String,
    pub name: String,
    pub postcode: String,
    /// `(PCN code, PCN name)`; `None` for `U` / `Unallocated`.
    pub pcn: Option<(String, String)>,
    pub ccg_code: String,
    pub ccg_name: String,
}

/// The practice→PCN map.
#[derive(Debug, Clone)]
pub struct PcnMap {
    pub extract_date: String,
    pub rows: Vec<MapRow>,
}

/// Reads the practice→PCN map (`PCN_CODE` `U` or `PCN_NAME` `Unallocated` mean no PCN).
pub fn read_pcn_map(file: &str, bytes: &[u8]) -> Result<PcnMap, LoadError> {
    let columns = [
        "EXTRACT_DATE",
        "PRACTICE_CODE",
        "PRACTICE_NAME",
        "PRACTICE_POSTCODE",
        "PCN_CODE",
        "PCN_NAME",
        "CCG_CODE",
        "CCG_NAME",
        "SUB_ICB_LOCATION_CODE",
        "SUB_ICB_LOCATION_NAME",
    ];
    let mut table = Table::open(file, bytes, "NHS", &columns, &["PRACTICE_CODE", "PCN_CODE"])?;
    let mut rows = Vec::new();
    let mut dates: BTreeMap<String, usize> = BTreeMap::new();
    table.each_row(file, |row| {
        if let Some(iso) = iso_date(&row.text("EXTRACT_DATE")?) {
            *dates.entry(iso).or_default() += 1;
        }
        let pcn_code = row.code_text("PCN_CODE")?;
        let pcn_name = row.text("PCN_NAME")?;
        let unallocated = pcn_code.is_empty()
            || pcn_code.eq_ignore_ascii_case("U")
            || pcn_name.eq_ignore_ascii_case("Unallocated");
        let either = |a: &'static str, b: &'static str| -> Result<String, Problem> {
            let first = row.text(a)?;
            if first.is_empty() {
                row.text(b)
            } else {
                Ok(first)
            }
        };
        let either_code = |a: &'static str, b: &'static str| -> Result<String, Problem> {
            let first = row.code_text(a)?;
            if first.is_empty() {
                row.code_text(b)
            } else {
                Ok(first)
            }
        };
        rows.push(MapRow {
            code: row.code("PRACTICE_CODE")?,
            name: row.text("PRACTICE_NAME")?,
            postcode: row.text("PRACTICE_POSTCODE")?,
            pcn: (!unallocated).then(|| {
                let name = if pcn_name.is_empty() {
                    pcn_code.clone()
                } else {
                    pcn_name
                };
                (pcn_code, name)
            }),
            ccg_code: either_code("SUB_ICB_LOCATION_CODE", "CCG_CODE")?,
            ccg_name: either("SUB_ICB_LOCATION_NAME", "CCG_NAME")?,
        });
        Ok(())
    })?;
    Ok(PcnMap {
        extract_date: most_common(dates),
        rows,
    })
}

/// One GP practice (setting 4) of epraccur.
#[derive(Debug, Clone, PartialEq)]
pub struct EpraccurRow {
    pub code: String,
    pub name: String,
    pub postcode: String,
    /// Status `A` / `ACTIVE`.
    pub active: bool,
    /// The commissioner (CCG / sub-ICB) code.
    pub commissioner: String,
}

const EPRACCUR_FIELDS: usize = 27;
/// 0-based columns of epraccur.
const EP_CODE: usize = 0;
const EP_NAME: usize = 1;
const EP_POSTCODE: usize = 9;
const EP_STATUS: usize = 12;
const EP_COMMISSIONER: usize = 14;
const EP_SETTING: usize = 25;
/// Prescribing setting of a GP practice.
const GP_PRACTICE_SETTING: &str = "4";

/// Reads epraccur (27 quoted fields, no header), keeping GP practices (setting 4) only.
pub fn read_epraccur(file: &str, bytes: &[u8]) -> Result<Vec<EpraccurRow>, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                problems.push(csv_problem(&error));
                break;
            }
        }
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        if record.len() != EPRACCUR_FIELDS {
            problems.push(Problem::at_line(
                line,
                format!(
                    "has {} fields; epraccur rows have {EPRACCUR_FIELDS}",
                    record.len()
                ),
            ));
        } else if record.get(EP_SETTING).map(str::trim) == Some(GP_PRACTICE_SETTING) {
            let field = |index: usize| record.get(index).unwrap_or_default().trim().to_string();
            let code = |index: usize| field(index).to_ascii_uppercase();
            let status = field(EP_STATUS);
            rows.push(EpraccurRow {
                code: code(EP_CODE),
                name: field(EP_NAME),
                postcode: field(EP_POSTCODE),
                active: status.eq_ignore_ascii_case("A") || status.eq_ignore_ascii_case("ACTIVE"),
                commissioner: code(EP_COMMISSIONER),
            });
        }
        if problems.len() > MAX_PROBLEMS {
            break;
        }
    }
    if !problems.is_empty() {
        return Err(LoadError::many(file, problems));
    }
    Ok(rows)
}

fn most_common(dates: BTreeMap<String, usize>) -> String {
    dates
        .into_iter()
        .max_by_key(|(_, count)| *count)
        .map(|(date, _)| date)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_both_eras() {
        assert_eq!(iso_date("2026-04-01").as_deref(), Some("2026-04-01"));
        assert_eq!(iso_date("01JAN2021").as_deref(), Some("2021-01-01"));
        assert_eq!(iso_date("01Jan2022").as_deref(), Some("2022-01-01"));
        assert_eq!(iso_date("1 Jan 2022"), None);
        assert_eq!(iso_date("01XYZ2021"), None);
        assert_eq!(iso_date("2026-4-01"), None);
    }

    #[test]
    fn kinds_from_the_first_line() {
        let registrations = b"PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\r\n";
        assert_eq!(
            monthly_kind(registrations),
            Some(MonthlyKind::Registrations)
        );
        assert_eq!(
            monthly_kind(b"PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PCN_CODE\n"),
            Some(MonthlyKind::PcnMap)
        );
        let ep = "\"A81001\",\"X\",\"Y63\",\"Q74\",\"\",\"\",\"\",\"\",\"\",\"TS18 1HU\",\"19740401\",\"\",\"A\",\"B\",\"00K\",\"20130401\",\"\",\"\",\"\",\"\",\"\",\"0\",\"\",\"00K\",\"\",\"4\",\"\"\n";
        assert_eq!(monthly_kind(ep.as_bytes()), Some(MonthlyKind::Epraccur));
        assert_eq!(
            monthly_kind(b"practice_code,practice_name,registered_patients\n"),
            None
        );
        assert_eq!(
            monthly_kind(b"practice_code,pcn_code,registered_patients\n"),
            None
        );
    }

    #[test]
    fn bad_count_names_line_and_field() {
        let text = "EXTRACT_DATE,SUB_ICB_LOCATION_CODE,CODE,NUMBER_OF_PATIENTS\n2026-04-01,70F,H82001,12\n2026-04-01,70F,H82002,-3\n";
        let error = read_registrations("r.csv", text.as_bytes()).expect_err("bad");
        assert_eq!(
            error.to_string(),
            "r.csv: line 3, field NUMBER_OF_PATIENTS: \"-3\" is not a whole number of patients"
        );
    }
}
