//! Suggest's constraints in a scenario file: locked practices (by code), locked hubs (by code),
//! groups of practices that move together, and per-hub bands (`(hub: "U12345", min_patients:
//! 20000, max_patients: 50000)`). All optional: older files have none.

use super::error::Problem;
use super::scenario_locate::Locator;
use crate::model::optimise::Constraints;
use crate::model::{Action, Patients, Scenario, apply};
use serde::{Deserialize, Serialize};

/// A hub's own band (e.g. a rural waiver).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HubBandDto {
    pub hub: String,
    pub min_patients: f64,
    pub max_patients: f64,
}

/// The constraint fields of a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConstraintDtos {
    pub locked_practices: Vec<String>,
    pub locked_hubs: Vec<String>,
    pub groups: Vec<Vec<String>>,
    pub hub_bands: Vec<HubBandDto>,
}

/// A scenario's constraints as file fields (codes, in code order; a hub that no longer exists is
/// left out).
pub fn constraint_dtos(scenario: &Scenario) -> ConstraintDtos {
    let constraints = scenario.constraints();
    let region = scenario.region();
    let practice = |id: &crate::model::PracticeId| region.practice(*id).map(|p| p.code.clone());
    let hub = |id: &crate::model::HubId| scenario.hub(*id).map(|h| h.code.clone());
    let mut dtos = ConstraintDtos {
        locked_practices: constraints
            .locked_practices
            .iter()
            .filter_map(practice)
            .collect(),
        locked_hubs: constraints.locked_hubs.iter().filter_map(hub).collect(),
        groups: constraints
            .groups
            .iter()
            .map(|group| group.iter().filter_map(practice).collect())
            .collect(),
        hub_bands: constraints
            .bands
            .iter()
            .filter_map(|(id, (min, max))| {
                Some(HubBandDto {
                    hub: hub(id)?,
                    min_patients: min.as_f64(),
                    max_patients: max.as_f64(),
                })
            })
            .collect(),
    };
    dtos.locked_practices.sort();
    dtos.locked_hubs.sort();
    dtos
}

/// Reads the constraint fields into the scenario through `apply`; an unknown code or a bad
/// band is a problem naming its field and, where found, the line.
pub(super) fn add_constraints(
    scenario: &mut Scenario,
    locate: &Locator<'_>,
    dtos: ConstraintDtos,
) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    let mut constraints = Constraints::default();
    let region = scenario.region_arc().clone();
    for (index, code) in dtos.locked_practices.iter().enumerate() {
        match region.id_of(code) {
            Some(id) => {
                constraints.locked_practices.insert(id);
            }
            None => problems.push(locate.problem(
                "locked_practices:",
                code,
                format!("locked_practices[{index}]"),
                format!("practice {code} is not in the file's practices"),
            )),
        }
    }
    for (index, code) in dtos.locked_hubs.iter().enumerate() {
        match scenario.hub_by_code(code) {
            Some(id) => {
                constraints.locked_hubs.insert(id);
            }
            None => problems.push(locate.problem(
                "locked_hubs:",
                code,
                format!("locked_hubs[{index}]"),
                format!("hub {code} is not in the file's hubs"),
            )),
        }
    }
    for (index, group) in dtos.groups.iter().enumerate() {
        let mut ids = Vec::new();
        for code in group {
            match region.id_of(code) {
                Some(id) => ids.push(id),
                None => problems.push(locate.problem(
                    "groups:",
                    code,
                    format!("groups[{index}]"),
                    format!("practice {code} is not in the file's practices"),
                )),
            }
        }
        constraints.groups.push(ids);
    }
    for (index, band) in dtos.hub_bands.iter().enumerate() {
        let field = format!("hub_bands[{index}]");
        let read = |value: f64| Patients::from_f64(value).map_err(|e| format!("{value} {e}"));
        match (
            scenario.hub_by_code(&band.hub),
            read(band.min_patients),
            read(band.max_patients),
        ) {
            (Some(id), Ok(min), Ok(max)) => {
                constraints.bands.insert(id, (min, max));
            }
            (None, _, _) => problems.push(locate.problem(
                "hub_bands:",
                &band.hub,
                field,
                format!("hub {} is not in the file's hubs", band.hub),
            )),
            (_, Err(message), _) | (_, _, Err(message)) => problems.push(locate.problem(
                "hub_bands:",
                &band.hub,
                field,
                format!("band of hub {}: {message}", band.hub),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if constraints.is_empty() {
        return Ok(());
    }
    apply(scenario, Action::SetConstraints(Box::new(constraints)))
        .map(|_| ())
        .map_err(|error| vec![Problem::in_field("groups", error.to_string())])
}
