//! The assignments CSV: which hub each practice is in, with the reason recorded for it.

use super::csv_text;
use crate::model::Scenario;
use crate::present::report::neutralise_cell;

pub const ASSIGNMENT_COLUMNS: [&str; 5] = [
    "practice_code",
    "practice_name",
    "hub_code",
    "hub_name",
    "reason",
];

/// One row per practice in region order; unassigned practices have empty hub cells. When any
/// practice has an estimated figure, an `estimated` column names its estimated figures.
pub fn assignments_csv(scenario: &Scenario) -> String {
    let estimates = crate::present::provenance::has_estimates(scenario);
    let mut rows = vec![ASSIGNMENT_COLUMNS.map(str::to_string).to_vec()];
    if estimates {
        rows[0].push(crate::present::provenance::ESTIMATED_COLUMN.to_string());
    }
    for (id, practice) in scenario
        .region()
        .practice_ids()
        .zip(scenario.region().practices())
    {
        let hub = scenario.hub_of(id).and_then(|hub| scenario.hub(hub));
        let mut row = vec![
            neutralise_cell(&practice.code).into_owned(),
            neutralise_cell(&practice.name).into_owned(),
            hub.map(|hub| neutralise_cell(&hub.code).into_owned())
                .unwrap_or_default(),
            hub.map(|hub| neutralise_cell(&hub.name).into_owned())
                .unwrap_or_default(),
            neutralise_cell(scenario.reason(id).unwrap_or_default()).into_owned(),
        ];
        if estimates {
            let estimated: Vec<&str> = practice
                .provenance
                .entries()
                .filter(|(_, source)| source.estimated)
                .map(|(label, _)| label)
                .collect();
            row.push(estimated.join("; "));
        }
        rows.push(row);
    }
    csv_text(&rows)
}
