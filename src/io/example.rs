//! The bundled fictional region (Riverford and District) that the app opens on first run.

use super::practice_csv::read_practice_csv;
use crate::model::{RuleYear, Scenario};
use std::sync::Arc;

/// The example region's practice CSV, embedded in the binary.
pub const EXAMPLE_CSV: &str = include_str!("../../assets/example/riverford.csv");
pub const EXAMPLE_FILE_NAME: &str = "riverford.csv";

/// The example region in its baseline configuration. The embedded file is checked by tests, so
/// reading it cannot fail in a released binary; if it ever did, an empty scenario is returned.
pub fn example_scenario() -> Scenario {
    match read_practice_csv(EXAMPLE_FILE_NAME, EXAMPLE_CSV.as_bytes()) {
        Ok(data) => {
            let mut region = data.region;
            region.name = "Riverford and District (fictional example)".to_string();
            Scenario::baseline(Arc::new(region), RuleYear::default())
        }
        Err(_) => Scenario::empty(
            Arc::new(crate::model::Region::empty("empty")),
            RuleYear::default(),
            "Empty".to_string(),
        ),
    }
}
