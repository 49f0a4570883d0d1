//! The optional data corrections of a scenario file: rule sets loaded from files (so that a file
//! using a year the app does not know stays self-contained) and adjusted populations the user
//! entered. Files written before these existed have neither and load as before.

use super::error::Problem;
use super::scenario_locate::Locator;
use crate::model::rule_files::check_rule_set;
use crate::model::{Action, Patients, PracticeId, RuleSet, RuleYear, Scenario, apply};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One entered adjusted population: `(practice: "H82001", patients: 4120.5)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdjustedEntryDto {
    pub practice: String,
    pub patients: f64,
}

/// The loaded rule sets and entered adjusted populations of a scenario, for its file.
pub fn data_dtos(scenario: &Scenario) -> (Vec<RuleSet>, Vec<AdjustedEntryDto>) {
    let sets = scenario
        .loaded_rule_sets()
        .values()
        .map(|set| set.as_ref().clone())
        .collect();
    let region = scenario.region();
    let entries = scenario
        .adjusted_entries()
        .iter()
        .filter_map(|(id, patients)| {
            Some(AdjustedEntryDto {
                practice: region.practice(*id)?.code.clone(),
                patients: patients.as_f64(),
            })
        })
        .collect();
    (sets, entries)
}

/// Checks the file's rule sets (each as a rule file is checked, one per year); every problem
/// names its field `rule_sets[i]` and, where it can be found, the line.
pub(super) fn check_rule_sets(
    problems: &mut Vec<Problem>,
    locate: &Locator<'_>,
    sets: Vec<RuleSet>,
) -> BTreeMap<RuleYear, Arc<RuleSet>> {
    let mut checked = BTreeMap::new();
    for (index, set) in sets.into_iter().enumerate() {
        let year = set.year;
        let field = format!("rule_sets[{index}]");
        let label = year.label();
        match check_rule_set(&set) {
            Err(message) => problems.push(locate.problem(
                "rule_sets:",
                &label,
                field,
                format!("rule set {year}: {message}"),
            )),
            Ok(()) if checked.contains_key(&year) => problems.push(locate.problem(
                "rule_sets:",
                &label,
                field,
                format!("there is more than one rule set for {year}"),
            )),
            Ok(()) => {
                checked.insert(year, Arc::new(set));
            }
        }
    }
    checked
}

/// Adds the entered adjusted populations through `apply` (so the model's checks hold); a
/// practice the file does not hold, a number that is negative, not finite or too large, or a
/// practice given twice is a problem naming its field.
pub(super) fn add_adjusted_entries(
    scenario: &mut Scenario,
    locate: &Locator<'_>,
    entries: Vec<AdjustedEntryDto>,
) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    let mut checked: Vec<(PracticeId, Option<Patients>)> = Vec::with_capacity(entries.len());
    let mut seen = std::collections::BTreeSet::new();
    for (index, entry) in entries.into_iter().enumerate() {
        let field = format!("adjusted_entries[{index}]");
        let problem = |message: String| {
            locate.problem("adjusted_entries:", &entry.practice, field.clone(), message)
        };
        let Some(id) = scenario.region().id_of(&entry.practice) else {
            problems.push(problem(format!(
                "practice {} is not in the file's practices",
                entry.practice
            )));
            continue;
        };
        if !seen.insert(id) {
            problems.push(problem(format!(
                "practice {} is given more than once",
                entry.practice
            )));
            continue;
        }
        match Patients::from_f64(entry.patients) {
            Ok(patients) => checked.push((id, Some(patients))),
            Err(error) => problems.push(problem(format!(
                "adjusted population {}: {error}",
                entry.patients
            ))),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if checked.is_empty() {
        return Ok(());
    }
    apply(scenario, Action::SetAdjusted { entries: checked })
        .map(|_| ())
        .map_err(|error| vec![Problem::in_field("adjusted_entries", error.to_string())])
}
