//! The raw NHS Digital "NHS Payments to General Practice" practice-level CSV.
// TODO(io helper): implement; this stub refuses every file.

use super::error::{LoadError, Problem};
use super::practice_csv::PracticeData;

/// Reads the open GP practices of one sub-ICB (`region`, e.g. `70F`) from a payments file.
pub fn read_nhs_payments(
    file: &str,
    _bytes: &[u8],
    _region: Option<&str>,
) -> Result<PracticeData, LoadError> {
    Err(LoadError::new(
        file,
        Problem::new("NHS payments files are not supported yet"),
    ))
}
