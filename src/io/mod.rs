//! Files: practice data (the project's CSV and raw NHS Digital files), scenario files (RON) and
//! exports. Everything that touches the file system lives here or in the app, never in `model`.

pub mod atomic;
mod csv_input;
pub mod error;
pub mod example;
pub mod nhs_payments;
pub mod output;
pub mod practice_csv;
pub mod readers;
pub mod recovery;
pub mod rules_file;
mod scenario_checks;
mod scenario_codes;
pub mod scenario_constraints;
pub mod scenario_data;
pub mod scenario_dto;
pub mod scenario_file;
mod scenario_locate;
mod scenario_options;
mod scenario_pairs;
pub mod scenario_rates;
pub mod scenario_staff;
mod scenario_validate;
pub mod staff_csv;
mod text_input;
pub mod uk_outline;
pub mod workshop;

pub use error::{LoadError, Problem};

use crate::model::{RuleYear, Scenario};
use std::path::Path;
use std::sync::Arc;

/// Largest input file of any kind accepted (bytes). England's files are a few MB.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

const MIB: u64 = 1024 * 1024;

/// A size as messages give it: `256 MiB`, `64.0 MiB` for a little over 64 MiB.
pub fn mib(bytes: u64) -> String {
    if bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    }
}

/// What a file turned out to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The project's practice CSV (columns of `tests/data/*.csv`).
    PracticeCsv,
    /// NHS Digital "NHS Payments to General Practice" practice-level CSV.
    NhsPayments,
    /// A pcn-explorer scenario file (RON).
    Scenario,
    /// Monthly NHS Digital files (registrations, practice to PCN map, epraccur), alone or together.
    NhsMonthly,
    /// The bundled England reference (no file).
    Bundled,
}

/// A file read into a scenario, with warnings that did not stop the read.
#[derive(Debug, Clone)]
pub struct Opened {
    pub scenario: Scenario,
    pub kind: FileKind,
    pub warnings: Vec<String>,
}

impl FileKind {
    /// What the file is, for messages: `a practice CSV`.
    pub fn label(self) -> &'static str {
        match self {
            Self::PracticeCsv => "a practice CSV",
            Self::NhsPayments => "an NHS payments file",
            Self::Scenario => "a scenario file",
            Self::NhsMonthly => "monthly NHS files",
            Self::Bundled => "the bundled England data",
        }
    }

    /// True for files holding several regions, one of which `--region` picks.
    pub fn has_regions(self) -> bool {
        matches!(self, Self::NhsPayments | Self::NhsMonthly | Self::Bundled)
    }
}

/// Guesses the kind of a file from its first bytes.
pub fn detect_kind(bytes: &[u8]) -> FileKind {
    detect_kind_of("", bytes)
}

/// The kind of a file from its name and content together: a `.ron` file is a scenario, a
/// `.csv` file is CSV (an NHS file when its header has `Practice Code` and no
/// `practice_code`); other names are judged by content alone.
pub fn detect_kind_of(file: &str, bytes: &[u8]) -> FileKind {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let extension = file
        .rsplit(['/', '\\'])
        .next()
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, extension)| extension.to_ascii_lowercase());
    let trimmed = head.trim_start();
    let looks_like_scenario = trimmed.starts_with('(')
        || trimmed.starts_with("//")
        || trimmed.starts_with("#![")
        || trimmed.starts_with("Scenario");
    match extension.as_deref() {
        Some("ron") => FileKind::Scenario,
        Some("csv" | "txt") => csv_kind(&head),
        _ if looks_like_scenario => FileKind::Scenario,
        _ => csv_kind(&head),
    }
}

/// A practice CSV or an NHS payments file, by the header's column names.
fn csv_kind(head: &str) -> FileKind {
    let first_line = head.lines().next().unwrap_or_default();
    let columns: Vec<String> = first_line
        .split(',')
        .map(|name| name.trim().trim_matches('"').trim().to_ascii_lowercase())
        .collect();
    let has = |name: &str| columns.iter().any(|column| column == name);
    if !has("practice_code") && has("practice code") {
        FileKind::NhsPayments
    } else {
        FileKind::PracticeCsv
    }
}

/// Reads any supported file from memory. `region` picks a sub-ICB of a raw NHS file. Located
/// practices off the United Kingdom's land are named in a warning.
pub fn open_bytes(file: &str, bytes: &[u8], region: Option<&str>) -> Result<Opened, LoadError> {
    let mut opened = open_kind(file, bytes, region)?;
    opened.warnings.extend(uk_outline::off_coast_warning(
        file,
        opened.scenario.region(),
    ));
    Ok(opened)
}

fn open_kind(file: &str, bytes: &[u8], region: Option<&str>) -> Result<Opened, LoadError> {
    if readers::monthly_files::monthly_kind(bytes).is_some() {
        let data = readers::monthly::read_monthly(&[(file.to_string(), bytes.to_vec())], region)?;
        return Ok(Opened {
            scenario: Scenario::baseline(Arc::new(data.region), RuleYear::default()),
            kind: FileKind::NhsMonthly,
            warnings: data.warnings,
        });
    }
    match detect_kind_of(file, bytes) {
        FileKind::Scenario => {
            let loaded = scenario_file::read_scenario(file, bytes)?;
            Ok(Opened {
                scenario: loaded.scenario,
                kind: FileKind::Scenario,
                warnings: loaded.warnings,
            })
        }
        FileKind::NhsPayments => {
            let data = nhs_payments::read_nhs_payments(file, bytes, region)?;
            Ok(Opened {
                scenario: Scenario::baseline(Arc::new(data.region), RuleYear::default()),
                kind: FileKind::NhsPayments,
                warnings: data.warnings,
            })
        }
        FileKind::PracticeCsv | FileKind::NhsMonthly | FileKind::Bundled => {
            let data = practice_csv::read_practice_csv(file, bytes)?;
            Ok(Opened {
                scenario: Scenario::baseline(Arc::new(data.region), RuleYear::default()),
                kind: FileKind::PracticeCsv,
                warnings: data.warnings,
            })
        }
    }
}

/// Reads a file from disk (refusing files over [`MAX_INPUT_BYTES`]).
pub fn open_path(path: &Path, region: Option<&str>) -> Result<Opened, LoadError> {
    let bytes = read_limited(path)?;
    open_bytes(&path.display().to_string(), &bytes, region)
}

/// Reads a whole file, refusing one larger than [`MAX_INPUT_BYTES`] (a device or pipe too:
/// it is read up to the limit, never without bound).
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_capped(path, MAX_INPUT_BYTES)
}

/// Refuses a file given as bytes (by the browser) over [`MAX_INPUT_BYTES`], with the message
/// [`read_limited`] gives for one on disk.
pub fn check_input_size(file: &str, len: usize) -> Result<(), LoadError> {
    let len = len as u64;
    if len > MAX_INPUT_BYTES {
        return Err(LoadError::new(
            file,
            Problem::new(format!(
                "is {}; files over {} are not accepted",
                mib(len),
                mib(MAX_INPUT_BYTES)
            )),
        ));
    }
    Ok(())
}

/// [`read_limited`] with a given limit (bytes).
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let file = path.display().to_string();
    let too_large = |what: String| {
        LoadError::new(
            &file,
            Problem::new(format!(
                "{what}; files over {} are not accepted",
                mib(limit)
            )),
        )
    };
    let metadata = std::fs::metadata(path).map_err(|error| {
        LoadError::new(&file, Problem::new(format!("cannot be opened: {error}")))
    })?;
    if metadata.is_dir() {
        return Err(LoadError::new(
            &file,
            Problem::new("is a folder, not a file"),
        ));
    }
    if metadata.is_file() && metadata.len() > limit {
        return Err(too_large(format!("is {}", mib(metadata.len()))));
    }
    let cannot_read = |error: std::io::Error| {
        LoadError::new(&file, Problem::new(format!("cannot be read: {error}")))
    };
    let opened = std::fs::File::open(path).map_err(cannot_read)?;
    let mut bytes = Vec::new();
    opened
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(format!(
            "gives more than {} (it is not a regular file, or it grew while being read)",
            mib(limit)
        )));
    }
    Ok(bytes)
}
