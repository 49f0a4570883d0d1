//! Where the figures of a report came from: the estimates column of the CSV and the footnote
//! of the table (estimated values, and practices with no location with the reason).

use crate::model::provenance::estimates_summary;
use crate::model::{PracticeId, Scenario};

/// Title of the CSV column added when any practice of the region has an estimated figure.
pub const ESTIMATED_COLUMN: &str = "estimated";

/// Whether any practice of the scenario's region has an estimated figure.
pub fn has_estimates(scenario: &Scenario) -> bool {
    scenario
        .region()
        .practices()
        .iter()
        .any(|practice| practice.provenance.any_estimated())
}

/// The estimates of one report row (a hub code, or the unassigned practices when the code is
/// not a hub's): `weighted 14 of 14`, or `""`.
pub fn row_estimates(scenario: &Scenario, hub_code: &str) -> String {
    let members: Vec<PracticeId> = match scenario.hub_by_code(hub_code) {
        Some(hub) => scenario.members(hub).collect(),
        None => scenario.unassigned().collect(),
    };
    let region = scenario.region();
    estimates_summary(
        members
            .into_iter()
            .filter_map(|id| region.practice(id))
            .map(|practice| &practice.provenance),
    )
}

/// Notes under the report table: what was estimated and how, and the practices with no
/// location. Empty when every figure was published and every practice is on the map.
pub fn footnote(scenario: &Scenario) -> String {
    let region = scenario.region();
    let mut out = String::new();
    let mut methods: Vec<String> = region
        .practices()
        .iter()
        .flat_map(|practice| practice.provenance.entries())
        .filter(|(_, source)| source.estimated)
        .map(|(label, _)| label.to_string())
        .collect();
    methods.sort();
    methods.dedup();
    if !methods.is_empty() {
        let count = region
            .practices()
            .iter()
            .filter(|practice| practice.provenance.any_estimated())
            .count();
        out.push_str(&format!(
            "\n* Estimated values (not published): {} for {count} practices (column \
             `{ESTIMATED_COLUMN}` of the CSV); each practice's sources are kept in the scenario file.\n",
            methods.join(", ")
        ));
        for practice in region
            .practices()
            .iter()
            .filter(|p| p.provenance.any_estimated())
            .take(3)
        {
            out.push_str(&format!(
                "  e.g. {}: {}\n",
                practice.code,
                practice.provenance.describe()
            ));
        }
    }
    let unlocated: Vec<String> = region
        .practices()
        .iter()
        .filter(|practice| practice.location.is_none())
        .map(|practice| {
            let reason = practice
                .provenance
                .location
                .as_ref()
                .map_or("the data has no coordinates", |source| source.text.as_str());
            format!("  {} {}: {reason}", practice.code, practice.display_name())
        })
        .collect();
    if !unlocated.is_empty() {
        out.push_str(&format!(
            "\nNot on the map ({} practices with no location):\n{}\n",
            unlocated.len(),
            unlocated.join("\n")
        ));
    }
    out
}
