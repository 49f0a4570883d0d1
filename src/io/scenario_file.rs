//! Scenario files (RON): self-contained, versioned, validated on load, saved atomically.
//!
//! A file holds the region's practices, the hubs, the assignment of practices to hubs (a map
//! from practice code to hub code, one per line, so that a diff of two options reads well and a
//! hand edit of one line moves one practice), the rule year, title and notes. The file layout is
//! the serde structs of [`super::scenario_dto`], kept apart from the model so the model can change
//! without changing the format; every value is validated on the way in.

use super::atomic::write_atomic_with_backup;
use super::error::{LoadError, Problem};
use super::scenario_dto::{
    FORMAT_VERSION, HubDto, PairList, PracticeDto, RegionDto, ScenarioDto, SnapshotDto,
    VersionProbe,
};
use super::scenario_validate::scenario_from_dto;
use crate::model::{Hub, HubId, PracticeId, Region, Scenario};
use anyhow::Context;
use std::collections::BTreeMap;
use std::path::Path;

/// Largest scenario file accepted (an England scenario is about 2 MB).
pub const MAX_SCENARIO_BYTES: usize = 64 * 1024 * 1024;
/// Deepest RON nesting accepted; real files nest 4 levels.
pub const RON_RECURSION_LIMIT: usize = 32;

/// A scenario read from a file.
#[derive(Debug, Clone)]
pub struct LoadedScenario {
    pub scenario: Scenario,
    pub warnings: Vec<String>,
}

/// Written at the top of every file for whoever opens it in a text editor.
const HEADER_COMMENT: &str = "// pcn-explorer scenario. Each line under `assignments` puts one practice (left) in one hub\n\
// (right); practices not listed there are unassigned. Practices are the region's fixed data.\n";

/// The RON reader settings: bounded recursion, `Some` written implicitly.
pub(super) fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RON_RECURSION_LIMIT)
}

/// Reads and validates a scenario file held in memory. `file` names it in messages.
pub fn read_scenario(file: &str, bytes: &[u8]) -> Result<LoadedScenario, LoadError> {
    if bytes.len() > MAX_SCENARIO_BYTES {
        return Err(LoadError::new(
            file,
            Problem::new(format!(
                "the file is {}; scenario files over {} are not accepted",
                super::mib(bytes.len() as u64),
                super::mib(MAX_SCENARIO_BYTES as u64)
            )),
        ));
    }
    if let Some(problem) = super::text_input::encoding_problem(bytes, "UTF-8") {
        return Err(LoadError::new(file, problem));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = 1 + bytes[..error.valid_up_to()]
            .iter()
            .filter(|byte| **byte == b'\n')
            .count() as u64;
        LoadError::new(file, Problem::at_line(line, "is not valid UTF-8 text"))
    })?;
    if text.trim().is_empty() {
        return Err(LoadError::new(
            file,
            Problem::new("the file is empty: it is not a pcn-explorer scenario file"),
        ));
    }
    check_version(file, text)?;
    let dto: ScenarioDto = ron_options().from_str(text).map_err(|error| {
        let mut problem = ron_problem(&error);
        if error.span.start.line >= text.trim_end().lines().count() {
            problem
                .message
                .push_str(" (the file ends too early: was it truncated?)");
        }
        LoadError::new(file, problem)
    })?;
    let scenario =
        scenario_from_dto(dto, text).map_err(|problems| LoadError::many(file, problems))?;
    Ok(LoadedScenario {
        scenario,
        warnings: Vec::new(),
    })
}

/// Refuses files from a newer pcn-explorer before their content is interpreted.
fn check_version(file: &str, text: &str) -> Result<(), LoadError> {
    // A file that does not parse even loosely is reported by the full parse with its position.
    let probe = match ron_options().from_str::<VersionProbe>(text) {
        Ok(probe) => probe,
        Err(error) if error.code == ron::Error::ExceededRecursionLimit => {
            return Err(LoadError::new(file, ron_problem(&error)));
        }
        Err(_) => return Ok(()),
    };
    match probe.format_version {
        None => Err(LoadError::new(
            file,
            Problem::in_field(
                "format_version",
                "is missing: this is not a pcn-explorer scenario file",
            ),
        )),
        Some(version) if version > u64::from(FORMAT_VERSION) => Err(LoadError::new(
            file,
            Problem::in_field(
                "format_version",
                format!(
                    "is {version}: the file was written by a newer version of pcn-explorer \
                     (this version reads format {FORMAT_VERSION}); please update pcn-explorer to open it"
                ),
            ),
        )),
        Some(0) => Err(LoadError::new(
            file,
            Problem::in_field(
                "format_version",
                "is 0, which no version of pcn-explorer writes",
            ),
        )),
        Some(_) => Ok(()),
    }
}

/// A RON syntax or type error with its line and column.
pub(super) fn ron_problem(error: &ron::error::SpannedError) -> Problem {
    let position = error.span.start;
    let message = match &error.code {
        ron::Error::ExceededRecursionLimit => format!(
            "column {}: the file nests deeper than {RON_RECURSION_LIMIT} levels",
            position.col
        ),
        code => format!("column {}: {code}", position.col),
    };
    if position.line == 0 {
        Problem::new(message)
    } else {
        Problem::at_line(position.line as u64, message)
    }
}

/// The RON text of a scenario (what [`save_scenario`] writes).
pub fn scenario_to_string(scenario: &Scenario) -> String {
    try_scenario_to_string(scenario)
        .unwrap_or_else(|error| format!("// pcn-explorer could not write this scenario: {error}\n"))
}

/// The RON text of a scenario, or why it could not be written.
pub fn try_scenario_to_string(scenario: &Scenario) -> Result<String, ron::Error> {
    let dto = dto_from_scenario(scenario);
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let body = ron::ser::to_string_pretty(&dto, config)?;
    // The comment goes after the `#![enable(..)]` line, which RON wants first.
    let (attributes, rest) = body.split_once('\n').unwrap_or(("", &body));
    Ok(format!("{attributes}\n{HEADER_COMMENT}{rest}\n"))
}

fn dto_from_scenario(scenario: &Scenario) -> ScenarioDto {
    let region = scenario.region();
    let (rate_edits, local_lines) = super::scenario_rates::rate_dtos(scenario.rule_edits());
    let (rule_sets, adjusted_entries) = super::scenario_data::data_dtos(scenario);
    let staff = super::scenario_staff::staff_dtos(scenario);
    let constraints = super::scenario_constraints::constraint_dtos(scenario);
    ScenarioDto {
        locked_practices: constraints.locked_practices,
        locked_hubs: constraints.locked_hubs,
        groups: constraints.groups,
        hub_bands: constraints.hub_bands,
        staff: staff.staff,
        pay_areas: staff.pay_areas,
        role_maxima: staff.role_maxima,
        rate_edits,
        local_lines,
        rule_sets,
        adjusted_entries,
        workshop_id: scenario.workshop_id().map(str::to_string),
        format_version: FORMAT_VERSION,
        title: scenario.title().to_string(),
        notes: scenario.notes().to_string(),
        rule_year: scenario.rule_year().label(),
        region: RegionDto {
            name: region.name.clone(),
            code: region.code.clone(),
            snapshot_date: region.snapshot_date.clone(),
            earlier_list_date: region.earlier_list_date.clone(),
            source: region.source.clone(),
        },
        baseline_hubs: PairList(
            region
                .baseline_hubs()
                .iter()
                .map(|(code, name)| (code.clone(), name.clone()))
                .collect(),
        ),
        practices: region.practices().iter().map(PracticeDto::from).collect(),
        hubs: hub_dtos(scenario.hubs()),
        assignments: PairList(scenario.assignment_codes()),
        reasons: reason_pairs(region, scenario.reasons()),
        snapshots: scenario
            .snapshots()
            .iter()
            .map(|(name, snapshot)| SnapshotDto {
                name: name.clone(),
                hubs: hub_dtos(&snapshot.hubs),
                assignments: PairList(
                    snapshot
                        .assignment_codes()
                        .filter_map(|(index, hub)| {
                            let practice = region.practices().get(index)?;
                            Some((practice.code.clone(), hub.to_string()))
                        })
                        .collect(),
                ),
                reasons: reason_pairs(region, &snapshot.reasons),
            })
            .collect(),
    }
}

fn hub_dtos(hubs: &BTreeMap<HubId, Hub>) -> Vec<HubDto> {
    hubs.iter()
        .map(|(id, hub)| HubDto {
            id: Some(id.0),
            code: hub.code.clone(),
            name: hub.name.clone(),
            colour: hub.colour,
        })
        .collect()
}

/// `(practice code, reason)` in region order.
fn reason_pairs(region: &Region, reasons: &BTreeMap<PracticeId, String>) -> PairList {
    PairList(
        reasons
            .iter()
            .filter_map(|(practice, reason)| {
                Some((region.practice(*practice)?.code.clone(), reason.clone()))
            })
            .collect(),
    )
}

/// Writes a scenario atomically (temp file in the same folder, sync, rename), keeping the
/// previous file as `NAME.ron.bak`.
pub fn save_scenario(path: &Path, scenario: &Scenario) -> anyhow::Result<()> {
    let text = try_scenario_to_string(scenario)
        .with_context(|| format!("{}: the scenario could not be written", path.display()))?;
    write_atomic_with_backup(path, text.as_bytes())
        .map_err(|error| super::error::write_failure(path, error, "could not be saved"))
}
