//! Turns a parsed scenario file into a model [`Scenario`], checking every value on the way.

use super::error::Problem;
use super::practice_csv::{MAX_FIELD_CHARS, source_name};
use super::scenario_checks::{check_code, check_notes, check_text, hubs_from_dto, text_problem};
use super::scenario_codes::normalise_codes;
use super::scenario_dto::{PracticeDto, ScenarioDto};
use super::scenario_locate::Locator;
use super::scenario_options::{add_options, check_options};
use super::text_input::show_number;
use crate::model::action::MAX_NAME_CHARS;
use crate::model::region::MAX_PRACTICES;
use crate::model::{
    Action, Beds, Fte, Hub, HubId, LatLon, Patients, Practice, PracticeId, Region, RuleYear,
    Scenario, apply,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// Longest title or region text accepted (characters).
pub const MAX_LONG_TEXT: usize = 4096;

/// Checks a parsed file and builds its scenario, or returns every problem found.
pub fn scenario_from_dto(mut dto: ScenarioDto, text: &str) -> Result<Scenario, Vec<Problem>> {
    let locate = Locator::new(text);
    normalise_codes(&mut dto);
    let mut problems = Vec::new();
    let reasons = std::mem::take(&mut dto.reasons);
    let snapshots = std::mem::take(&mut dto.snapshots);
    let rate_edits = std::mem::take(&mut dto.rate_edits);
    let local_lines = std::mem::take(&mut dto.local_lines);
    let adjusted_entries = std::mem::take(&mut dto.adjusted_entries);
    let workshop_id = dto.workshop_id.take();
    let constraints = super::scenario_constraints::ConstraintDtos {
        locked_practices: std::mem::take(&mut dto.locked_practices),
        locked_hubs: std::mem::take(&mut dto.locked_hubs),
        groups: std::mem::take(&mut dto.groups),
        hub_bands: std::mem::take(&mut dto.hub_bands),
    };
    let staff = super::scenario_staff::StaffDtos {
        staff: std::mem::take(&mut dto.staff),
        pay_areas: std::mem::take(&mut dto.pay_areas),
        role_maxima: std::mem::take(&mut dto.role_maxima),
    };
    let rule_sets = super::scenario_data::check_rule_sets(
        &mut problems,
        &locate,
        std::mem::take(&mut dto.rule_sets),
    );
    let loaded_year =
        RuleYear::from_label(&dto.rule_year).filter(|year| rule_sets.contains_key(year));
    let rule_year = match loaded_year.map_or_else(|| dto.rule_year.parse::<RuleYear>(), Ok) {
        Ok(year) => Some(year),
        Err(error) => {
            problems.push(Problem {
                line: locate.line_of("rule_year", "rule_year"),
                field: Some("rule_year".to_string()),
                message: error.to_string(),
            });
            None
        }
    };
    // Titles and region texts come from file names and data as well as from people: a generous
    // limit, so that whatever the app holds can be saved and loaded again.
    check_text(&mut problems, "title", &dto.title, MAX_LONG_TEXT);
    check_notes(&mut problems, &dto.notes);
    for (field, text) in [
        ("region.name", &dto.region.name),
        ("region.code", &dto.region.code),
        ("region.snapshot_date", &dto.region.snapshot_date),
        ("region.earlier_list_date", &dto.region.earlier_list_date),
        ("region.source", &dto.region.source),
    ] {
        check_text(&mut problems, field, text, MAX_LONG_TEXT);
    }
    let earlier_date = &dto.region.earlier_list_date;
    if !earlier_date.is_empty()
        && crate::model::dates::years_between(earlier_date, &dto.region.snapshot_date).is_none()
    {
        problems.push(Problem {
            line: locate.line_of("earlier_list_date", earlier_date),
            field: Some("region.earlier_list_date".to_string()),
            message: format!(
                "{earlier_date:?} must be a date (2021-01-01) before the region's snapshot_date {:?}",
                dto.region.snapshot_date
            ),
        });
    }

    let mut baseline_hubs = BTreeMap::new();
    for (code, name) in &dto.baseline_hubs.0 {
        let field = format!("baseline_hubs[{code:?}]");
        check_code(&mut problems, &locate, "baseline_hubs:", code, &field);
        check_text(&mut problems, &field, name, MAX_NAME_CHARS);
        if baseline_hubs.insert(code.clone(), name.clone()).is_some() {
            problems.push(locate.problem(
                "baseline_hubs:",
                code,
                field,
                format!("baseline hub {code} is listed more than once"),
            ));
        }
    }

    if dto.practices.len() > MAX_PRACTICES {
        problems.push(Problem::in_field(
            "practices",
            format!(
                "the file holds {} practices; at most {MAX_PRACTICES} are supported",
                dto.practices.len()
            ),
        ));
        return Err(problems);
    }
    let mut practices = Vec::with_capacity(dto.practices.len());
    let mut seen_practices: HashSet<String> = HashSet::new();
    for (index, practice) in dto.practices.into_iter().enumerate() {
        let code = practice.code.clone();
        if !seen_practices.insert(code.clone()) {
            problems.push(locate.problem(
                "practices:",
                &code,
                format!("practices[{index}].code"),
                format!("practice code {code} appears more than once"),
            ));
            continue;
        }
        if let Some(practice) =
            practice_from_dto(&mut problems, &locate, index, practice, &baseline_hubs)
        {
            practices.push(practice);
        }
    }

    // Hubs named in the file, valid or not: an invalid hub is reported once, not again for
    // every practice assigned to it.
    let hub_codes_in_file: HashSet<String> = dto.hubs.iter().map(|hub| hub.code.clone()).collect();
    let hubs = hubs_from_dto(&mut problems, &locate, dto.hubs, "hubs:", "hubs");
    let hub_by_code: HashMap<&str, HubId> = hubs
        .iter()
        .map(|(id, hub)| (hub.code.as_str(), *id))
        .collect();
    let practice_codes: HashSet<&str> = practices.iter().map(|p| p.code.as_str()).collect();
    let mut members: BTreeMap<HubId, Vec<String>> = BTreeMap::new();
    let mut assigned: HashSet<&str> = HashSet::new();
    for (practice, hub) in &dto.assignments.0 {
        let field = format!("assignments[{practice:?}]");
        if !practice_codes.contains(practice.as_str()) && seen_practices.contains(practice) {
            continue; // Already reported as an invalid practice.
        }
        if !practice_codes.contains(practice.as_str()) {
            problems.push(locate.problem(
                "assignments:",
                practice,
                field,
                format!("practice {practice} is assigned to hub {hub} but is not in the file's practices"),
            ));
        } else if !assigned.insert(practice.as_str()) {
            problems.push(locate.problem(
                "assignments:",
                practice,
                field,
                format!("practice {practice} is assigned more than once"),
            ));
        } else if let Some(id) = hub_by_code.get(hub.as_str()) {
            members.entry(*id).or_default().push(practice.clone());
        } else if hub_codes_in_file.contains(hub) {
            // The hub itself is invalid and already reported.
        } else {
            problems.push(locate.problem(
                "assignments:",
                practice,
                field,
                format!(
                    "practice {practice} is assigned to hub {hub}, which is not in the file's hubs"
                ),
            ));
        }
    }
    let options = check_options(&mut problems, &locate, &practice_codes, reasons, snapshots);
    let Some(rule_year) = rule_year else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut region = Region::new(dto.region.name, practices, baseline_hubs)
        .map_err(|error| vec![Problem::in_field("practices", error.to_string())])?;
    region.code = dto.region.code;
    region.snapshot_date = dto.region.snapshot_date;
    region.earlier_list_date = dto.region.earlier_list_date;
    region.source = source_name(&dto.region.source);
    let mut scenario = build_scenario(region, rule_year, dto.title, dto.notes, hubs, &members)?;
    scenario.set_loaded_rule_sets(rule_sets);
    add_options(&mut scenario, options)?;
    super::scenario_rates::add_rate_edits(&mut scenario, &locate, rate_edits, local_lines)?;
    super::scenario_data::add_adjusted_entries(&mut scenario, &locate, adjusted_entries)?;
    super::scenario_staff::add_staff(&mut scenario, &locate, staff)?;
    super::scenario_constraints::add_constraints(&mut scenario, &locate, constraints)?;
    if let Some(id) = workshop_id {
        apply(&mut scenario, Action::SetWorkshopId(Some(id))).map_err(|error| {
            vec![Problem {
                line: locate.line_of("workshop_id", "workshop_id"),
                field: Some("workshop_id".to_string()),
                message: error.to_string(),
            }]
        })?;
    }
    Ok(scenario)
}

/// The scenario from checked parts, through the model's own `apply` so that every rule of the
/// model holds (and hub ids are kept exactly).
fn build_scenario(
    region: Region,
    rule_year: RuleYear,
    title: String,
    notes: String,
    hubs: Vec<(HubId, Hub)>,
    members: &BTreeMap<HubId, Vec<String>>,
) -> Result<Scenario, Vec<Problem>> {
    let region = Arc::new(region);
    let mut scenario = Scenario::empty(region.clone(), rule_year, title);
    for (id, hub) in hubs {
        let code = hub.code.clone();
        let hub_members: Vec<PracticeId> = members
            .get(&id)
            .map(|codes| codes.iter().filter_map(|code| region.id_of(code)).collect())
            .unwrap_or_default();
        apply(
            &mut scenario,
            Action::CreateHub {
                id,
                hub,
                members: hub_members,
            },
        )
        .map_err(|error| {
            vec![Problem::in_field(
                format!("hubs[{code:?}]"),
                error.to_string(),
            )]
        })?;
    }
    if !notes.is_empty() {
        apply(&mut scenario, Action::SetNotes(notes))
            .map_err(|error| vec![Problem::in_field("notes", error.to_string())])?;
    }
    Ok(scenario)
}

fn practice_from_dto(
    problems: &mut Vec<Problem>,
    locate: &Locator<'_>,
    index: usize,
    dto: PracticeDto,
    baseline_hubs: &BTreeMap<String, String>,
) -> Option<Practice> {
    let before = problems.len();
    let code = dto.code.clone();
    let field = |name: &str| format!("practices[{index}].{name}");
    let report = |problems: &mut Vec<Problem>, name: &str, message: String| {
        problems.push(locate.problem("practices:", &code, field(name), message));
    };
    check_code(problems, locate, "practices:", &dto.code, &field("code"));
    if dto.code.is_empty() {
        return None;
    }
    let label = format!("practice {code}");
    for (name, text) in [
        ("name", &dto.name),
        ("postcode", &dto.postcode),
        ("sub_icb", &dto.sub_icb),
        ("rurality", &dto.rurality),
    ] {
        if let Some(message) = text_problem(text, MAX_FIELD_CHARS) {
            report(problems, name, format!("{label}: {message}"));
        }
    }
    if dto.name.trim().is_empty() {
        report(problems, "name", format!("{label}: is empty"));
    }
    let provenance = dto
        .sources
        .as_ref()
        .map(|sources| sources.to_model())
        .unwrap_or_default();
    for (name, source) in provenance.entries() {
        if let Some(message) = text_problem(&source.text, MAX_FIELD_CHARS) {
            report(problems, "sources", format!("{label}: {name}: {message}"));
        }
    }
    let quantity = |problems: &mut Vec<Problem>, name: &str, value: Option<f64>| {
        let value = value?;
        match Patients::from_f64(value) {
            Ok(quantity) => Some(quantity.0),
            Err(error) => {
                report(
                    problems,
                    name,
                    format!("{label}: {} {error}", show_number(value)),
                );
                None
            }
        }
    };
    let registered = quantity(
        problems,
        "registered_patients",
        Some(dto.registered_patients),
    );
    let earlier = quantity(problems, "earlier_registered", dto.earlier_registered);
    let weighted = quantity(problems, "weighted_patients", dto.weighted_patients);
    let adjusted = quantity(problems, "adjusted_patients", dto.adjusted_patients);
    let gp_fte = quantity(problems, "gp_fte", dto.gp_fte);
    let nurse_fte = quantity(problems, "nurse_fte", dto.nurse_fte);
    let beds = quantity(problems, "care_home_beds", dto.care_home_beds);
    let location = match (dto.lat, dto.lon) {
        (None, None) => None,
        (Some(lat), Some(lon)) => {
            let location = LatLon { lat, lon };
            if location.is_in_uk() {
                Some(location)
            } else {
                report(
                    problems,
                    "lat",
                    format!(
                        "{label}: {lat}, {lon} is not in the United Kingdom (latitude 49–61, longitude -8.7–2)"
                    ),
                );
                None
            }
        }
        (Some(_), None) => {
            report(
                problems,
                "lon",
                format!("{label}: lat is given but lon is missing"),
            );
            None
        }
        (None, Some(_)) => {
            report(
                problems,
                "lat",
                format!("{label}: lon is given but lat is missing"),
            );
            None
        }
    };
    if let Some(hub) = &dto.baseline_hub
        && !baseline_hubs.contains_key(hub)
    {
        report(
            problems,
            "baseline_hub",
            format!("{label}: baseline hub {hub} is not in baseline_hubs"),
        );
    }
    if problems.len() > before {
        return None;
    }
    Some(Practice {
        code: dto.code,
        name: dto.name,
        postcode: dto.postcode,
        location,
        registered_patients: Patients(registered?),
        earlier_registered: earlier.map(Patients),
        weighted_patients: weighted.map(Patients),
        adjusted_patients: adjusted.map(Patients),
        gp_fte: gp_fte.map(Fte),
        nurse_fte: nurse_fte.map(Fte),
        care_home_beds: beds.map(Beds),
        baseline_hub: dto.baseline_hub,
        sub_icb_code: dto.sub_icb,
        rurality: dto.rurality,
        provenance,
    })
}
