//! The optional parts of a scenario file: the decision log (`reasons`) and named snapshots,
//! checked like the rest (unknown practice and hub codes are named) and added through `apply`.

use super::error::Problem;
use super::scenario_checks::{hubs_from_dto, unsafe_message};
use super::scenario_dto::SnapshotDto;
use super::scenario_locate::Locator;
use super::scenario_pairs::PairList;
use crate::model::snapshot::{MAX_REASON_CHARS, MAX_SNAPSHOT_NAME_CHARS, MAX_SNAPSHOTS};
use crate::model::{Action, Hub, HubId, Scenario, Snapshot, apply};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A snapshot whose codes have been checked against the file's practices and its own hubs.
pub(super) struct CheckedSnapshot {
    name: String,
    hubs: Vec<(HubId, Hub)>,
    /// `(practice code, hub id)`.
    assignments: Vec<(String, HubId)>,
    reasons: Vec<(String, String)>,
}

/// Reasons and snapshots ready to be added to the scenario.
pub(super) struct CheckedOptions {
    reasons: Vec<(String, String)>,
    snapshots: Vec<CheckedSnapshot>,
}

/// Checks the reasons and snapshots of a file; problems are added to `problems`.
pub(super) fn check_options(
    problems: &mut Vec<Problem>,
    locate: &Locator<'_>,
    practice_codes: &HashSet<&str>,
    reasons: PairList,
    snapshots: Vec<SnapshotDto>,
) -> CheckedOptions {
    let reasons = check_reasons(problems, locate, practice_codes, reasons, "reasons");
    if snapshots.len() > MAX_SNAPSHOTS {
        problems.push(Problem::in_field(
            "snapshots",
            format!(
                "the file holds {} snapshots; at most {MAX_SNAPSHOTS} are supported",
                snapshots.len()
            ),
        ));
        return CheckedOptions {
            reasons,
            snapshots: Vec::new(),
        };
    }
    let mut names = HashSet::new();
    let mut checked = Vec::with_capacity(snapshots.len());
    for (index, snapshot) in snapshots.into_iter().enumerate() {
        let field = format!("snapshots[{index}]");
        let name = snapshot.name.clone();
        let chars = name.chars().count();
        if name.trim().is_empty() {
            problems.push(Problem::in_field(format!("{field}.name"), "is empty"));
        } else if chars > MAX_SNAPSHOT_NAME_CHARS {
            problems.push(Problem::in_field(
                format!("{field}.name"),
                format!(
                    "is {chars} characters long; at most {MAX_SNAPSHOT_NAME_CHARS} are accepted"
                ),
            ));
        } else if !names.insert(name.clone()) {
            problems.push(locate.problem(
                "snapshots:",
                &name,
                format!("{field}.name"),
                format!("snapshot {name} appears more than once"),
            ));
        }
        checked.push(check_snapshot(
            problems,
            locate,
            practice_codes,
            snapshot,
            &field,
        ));
    }
    CheckedOptions {
        reasons,
        snapshots: checked,
    }
}

fn check_snapshot(
    problems: &mut Vec<Problem>,
    locate: &Locator<'_>,
    practice_codes: &HashSet<&str>,
    snapshot: SnapshotDto,
    field: &str,
) -> CheckedSnapshot {
    let name = snapshot.name;
    let hub_codes_in_file: HashSet<String> =
        snapshot.hubs.iter().map(|hub| hub.code.clone()).collect();
    let hubs = hubs_from_dto(
        problems,
        locate,
        snapshot.hubs,
        "snapshots:",
        &format!("{field}.hubs"),
    );
    let hub_by_code: HashMap<&str, HubId> = hubs
        .iter()
        .map(|(id, hub)| (hub.code.as_str(), *id))
        .collect();
    let mut assigned = HashSet::new();
    let mut assignments = Vec::new();
    for (practice, hub) in &snapshot.assignments.0 {
        let at = format!("{field}.assignments[{practice:?}]");
        if !practice_codes.contains(practice.as_str()) {
            problems.push(locate.problem(
                "snapshots:",
                practice,
                at,
                format!(
                    "snapshot {name}: practice {practice} is assigned to hub {hub} but is not in the file's practices"
                ),
            ));
        } else if !assigned.insert(practice.as_str()) {
            problems.push(locate.problem(
                "snapshots:",
                practice,
                at,
                format!("snapshot {name}: practice {practice} is assigned more than once"),
            ));
        } else if let Some(id) = hub_by_code.get(hub.as_str()) {
            assignments.push((practice.clone(), *id));
        } else if !hub_codes_in_file.contains(hub) {
            problems.push(locate.problem(
                "snapshots:",
                practice,
                at,
                format!(
                    "snapshot {name}: practice {practice} is assigned to hub {hub}, which is not in the snapshot's hubs"
                ),
            ));
        }
    }
    let reasons = check_reasons(
        problems,
        locate,
        practice_codes,
        snapshot.reasons,
        &format!("{field}.reasons"),
    );
    CheckedSnapshot {
        name,
        hubs,
        assignments,
        reasons,
    }
}

fn check_reasons(
    problems: &mut Vec<Problem>,
    locate: &Locator<'_>,
    practice_codes: &HashSet<&str>,
    reasons: PairList,
    field: &str,
) -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(reasons.0.len());
    for (practice, reason) in reasons.0 {
        let at = format!("{field}[{practice:?}]");
        let chars = reason.chars().count();
        if !practice_codes.contains(practice.as_str()) {
            problems.push(locate.problem(
                "reasons:",
                &practice,
                at,
                format!("a reason is given for practice {practice}, which is not in the file's practices"),
            ));
        } else if !seen.insert(practice.clone()) {
            problems.push(locate.problem(
                "reasons:",
                &practice,
                at,
                format!("practice {practice} has more than one reason"),
            ));
        } else if chars > MAX_REASON_CHARS {
            problems.push(locate.problem(
                "reasons:",
                &practice,
                at,
                format!("is {chars} characters long; at most {MAX_REASON_CHARS} are accepted"),
            ));
        } else if let Some(c) = crate::model::text::unsafe_char_multiline(&reason) {
            problems.push(locate.problem("reasons:", &practice, at, unsafe_message(c)));
        } else if !reason.trim().is_empty() {
            out.push((practice, reason));
        }
    }
    out
}

/// Adds checked reasons and snapshots to a scenario built from the same file.
pub(super) fn add_options(
    scenario: &mut Scenario,
    options: CheckedOptions,
) -> Result<(), Vec<Problem>> {
    let region = scenario.region_arc().clone();
    let mut actions = Vec::new();
    for (practice, reason) in options.reasons {
        if let Some(practice) = region.id_of(&practice) {
            actions.push((
                "reasons".to_string(),
                Action::SetReason {
                    practice,
                    reason: Some(reason),
                },
            ));
        }
    }
    for (index, checked) in options.snapshots.into_iter().enumerate() {
        let mut snapshot = Snapshot {
            hubs: checked.hubs.into_iter().collect::<BTreeMap<_, _>>(),
            assignment: vec![None; region.len()],
            reasons: BTreeMap::new(),
        };
        for (practice, hub) in checked.assignments {
            if let Some(slot) = region
                .id_of(&practice)
                .and_then(|id| snapshot.assignment.get_mut(id.index()))
            {
                *slot = Some(hub);
            }
        }
        for (practice, reason) in checked.reasons {
            if let Some(id) = region.id_of(&practice) {
                snapshot.reasons.insert(id, reason);
            }
        }
        actions.push((
            format!("snapshots[{index}]"),
            Action::PutSnapshot {
                name: checked.name,
                snapshot: Some(Box::new(snapshot)),
            },
        ));
    }
    for (field, action) in actions {
        apply(scenario, action)
            .map_err(|error| vec![Problem::in_field(field, error.to_string())])?;
    }
    Ok(())
}
