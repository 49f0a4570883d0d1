//! Files: practice data (the project's CSV and raw NHS Digital files), scenario files (RON) and
//! exports. Everything that touches the file system lives here or in the app, never in `model`.

pub mod atomic;
pub mod error;
pub mod example;
pub mod nhs_payments;
pub mod practice_csv;
pub mod readers;
pub mod recovery;
pub mod scenario_dto;
pub mod scenario_file;
mod scenario_options;
mod scenario_validate;

pub use error::{LoadError, Problem};

use crate::model::{RuleYear, Scenario};
use std::path::Path;
use std::sync::Arc;

/// Largest input file of any kind accepted (bytes). England's files are a few MB.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// What a file turned out to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The project's practice CSV (columns of `../shared/data/*.csv`).
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

/// Guesses the kind of a file from its first bytes.
pub fn detect_kind(bytes: &[u8]) -> FileKind {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let first_line = head.lines().next().unwrap_or_default();
    let trimmed = head.trim_start();
    if trimmed.starts_with('(')
        || trimmed.starts_with("//")
        || trimmed.starts_with("#![")
        || trimmed.starts_with("Scenario")
        || head.contains("format_version")
    {
        FileKind::Scenario
    } else if first_line.contains("Practice Code") {
        FileKind::NhsPayments
    } else {
        FileKind::PracticeCsv
    }
}

/// Reads any supported file from memory. `region` picks a sub-ICB of a raw NHS file.
pub fn open_bytes(file: &str, bytes: &[u8], region: Option<&str>) -> Result<Opened, LoadError> {
    if readers::monthly_files::monthly_kind(bytes).is_some() {
        let data = readers::monthly::read_monthly(&[(file.to_string(), bytes.to_vec())], region)?;
        return Ok(Opened {
            scenario: Scenario::baseline(Arc::new(data.region), RuleYear::default()),
            kind: FileKind::NhsMonthly,
            warnings: data.warnings,
        });
    }
    match detect_kind(bytes) {
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

/// Reads a whole file, refusing one larger than [`MAX_INPUT_BYTES`].
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    let file = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|error| {
        LoadError::new(&file, Problem::new(format!("cannot be opened: {error}")))
    })?;
    if metadata.is_dir() {
        return Err(LoadError::new(
            &file,
            Problem::new("is a folder, not a file"),
        ));
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(LoadError::new(
            &file,
            Problem::new(format!(
                "is {} MB; files over {} MB are not accepted",
                metadata.len() / 1_000_000,
                MAX_INPUT_BYTES / 1_000_000
            )),
        ));
    }
    std::fs::read(path)
        .map_err(|error| LoadError::new(&file, Problem::new(format!("cannot be read: {error}"))))
}
