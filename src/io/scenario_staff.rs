//! The optional staffing plan of a scenario file: ARRS staff rows (employed by a hub's network
//! or by a practice), hubs paid with London weighting, and corrected role maxima. Files written
//! before these existed have none and load as before.

use super::error::Problem;
use super::scenario_locate::Locator;
use super::scenario_pairs::PairList;
use crate::model::staffing::plan::{MAX_ROW_COST_GBP, MAX_ROW_WTE};
use crate::model::staffing::{Employer, MONTHS, MaximumOverride, PayArea, StaffRow, catalogue};
use crate::model::{Action, Fte, Pence, RuleYear, Scenario, apply};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One row: `(hub: "U12345", role: "clinical_pharmacist", wte: 2)` for the network's own staff,
/// `(practice: "H82001", …)` for a practice's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffRowDto {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hub: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice: Option<String>,
    pub role: String,
    pub wte: f64,
    /// Actual cost a year; absent = the role's maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_cost_gbp: Option<f64>,
    /// `Apr` … `Mar`; absent = April (the whole year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_month: Option<String>,
}

/// A corrected maximum: `(year: "2026-27", role: "care_coordinator", area: "national", gbp: 37000, note: "…")`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleMaximumDto {
    pub year: String,
    pub role: String,
    pub area: String,
    pub gbp: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The staffing fields of a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StaffDtos {
    pub staff: Vec<StaffRowDto>,
    pub pay_areas: PairList,
    pub role_maxima: Vec<RoleMaximumDto>,
}

/// A scenario's plan as file fields, in employer order. Rows of a hub that no longer exists
/// (after a snapshot was restored) cannot be named and are left out.
pub fn staff_dtos(scenario: &Scenario) -> StaffDtos {
    let plan = scenario.staff();
    let region = scenario.region();
    let mut dtos = StaffDtos::default();
    for (employer, rows) in &plan.rows {
        let (hub, practice) = match employer {
            Employer::Network(id) => match scenario.hub(*id) {
                Some(hub) => (Some(hub.code.clone()), None),
                None => continue,
            },
            Employer::Practice(id) => match region.practice(*id) {
                Some(practice) => (None, Some(practice.code.clone())),
                None => continue,
            },
        };
        for row in rows {
            dtos.staff.push(StaffRowDto {
                hub: hub.clone(),
                practice: practice.clone(),
                role: row.role.clone(),
                wte: row.wte.as_f64(),
                annual_cost_gbp: row.annual_cost.map(Pence::as_pounds_f64),
                start_month: (row.start_month > 0)
                    .then(|| MONTHS[usize::from(row.start_month.min(11))].to_string()),
            });
        }
    }
    dtos.pay_areas = PairList(
        plan.pay_areas
            .iter()
            .filter_map(|(id, area)| Some((scenario.hub(*id)?.code.clone(), area.id().to_string())))
            .collect(),
    );
    dtos.role_maxima = plan
        .maximum_overrides
        .iter()
        .map(|((year, role, area), value)| RoleMaximumDto {
            year: year.label(),
            role: role.clone(),
            area: area.id().to_string(),
            gbp: value.per_wte.as_pounds_f64(),
            note: value.note.clone(),
        })
        .collect();
    dtos
}

/// Reads a start month as a file or a staff list gives it: `Apr`…`Mar`, a month's full name, or
/// `YYYY-MM` inside (or before) the financial year; empty is April.
pub fn parse_start_month(text: &str, year: RuleYear) -> Result<u8, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    if let Some((calendar_year, month)) = text.split_once('-')
        && let (Ok(calendar_year), Ok(month)) = (calendar_year.parse::<i32>(), month.parse::<i32>())
        && (1..=12).contains(&month)
    {
        // April of the start year is month 0.
        let index = (calendar_year - i32::from(year.start_year())) * 12 + month - 4;
        return match index {
            ..0 => Ok(0),
            0..=11 => Ok(index as u8),
            _ => Err(format!("start month {text} is after the end of {year}")),
        };
    }
    let lower = text.to_lowercase();
    MONTHS
        .iter()
        .position(|month| lower.len() >= 3 && month.to_lowercase().starts_with(&lower[..3]))
        .filter(|_| lower.chars().all(char::is_alphabetic))
        .map(|index| index as u8)
        .ok_or_else(|| {
            format!(
                "start month {text:?} is not a month (write e.g. Jul or {}-07)",
                year.start_year()
            )
        })
}

/// Builds a row from file values, or says what is wrong with them.
pub fn row_from_values(
    role_text: &str,
    wte: f64,
    annual_cost_gbp: Option<f64>,
    start_month: Option<&str>,
    year: RuleYear,
) -> Result<StaffRow, String> {
    let role = catalogue().find(role_text).ok_or_else(|| {
        format!(
            "unknown role {role_text:?}; roles are named as the NHS does, e.g. Clinical pharmacist, Care co-ordinator (Help lists them all)"
        )
    })?;
    let wte = Fte::from_f64(wte).map_err(|error| format!("WTE {wte} {error}"))?;
    if wte.0 == 0 || wte.as_f64() > MAX_ROW_WTE {
        return Err(format!(
            "WTE {wte} must be above 0 and at most {MAX_ROW_WTE}"
        ));
    }
    let annual_cost = match annual_cost_gbp {
        Some(gbp) if !gbp.is_finite() || !(0.0..=MAX_ROW_COST_GBP).contains(&gbp) => {
            return Err(format!(
                "annual cost {gbp} must be a number of pounds from 0 to {MAX_ROW_COST_GBP}"
            ));
        }
        Some(gbp) => Some(Pence::from_pounds_f64(gbp)),
        None => None,
    };
    let start_month = parse_start_month(start_month.unwrap_or(""), year)?;
    Ok(StaffRow {
        role: role.id.clone(),
        wte,
        annual_cost,
        start_month,
    })
}

/// Adds the file's plan through `apply` (so that the model's checks hold); each problem names
/// its field (`staff[i]`, `pay_areas`, `role_maxima[i]`) and, where found, the line.
pub(super) fn add_staff(
    scenario: &mut Scenario,
    locate: &Locator<'_>,
    dtos: StaffDtos,
) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    let mut actions = Vec::new();
    let mut rows: BTreeMap<Employer, Vec<StaffRow>> = BTreeMap::new();
    for (index, dto) in dtos.staff.into_iter().enumerate() {
        let field = format!("staff[{index}]");
        let code = dto.hub.clone().or(dto.practice.clone()).unwrap_or_default();
        let problem = |message: String| locate.problem("staff:", &code, field.clone(), message);
        let employer = match (&dto.hub, &dto.practice) {
            (Some(hub), None) => scenario
                .hub_by_code(hub)
                .map(Employer::Network)
                .ok_or_else(|| format!("hub {hub} is not in the file's hubs")),
            (None, Some(practice)) => scenario
                .region()
                .id_of(practice)
                .map(Employer::Practice)
                .ok_or_else(|| format!("practice {practice} is not in the file's practices")),
            _ => {
                Err("a staff row names either its hub (network staff) or its practice".to_string())
            }
        };
        let row = employer.and_then(|employer| {
            row_from_values(
                &dto.role,
                dto.wte,
                dto.annual_cost_gbp,
                dto.start_month.as_deref(),
                scenario.rule_year(),
            )
            .map(|row| (employer, row))
        });
        match row {
            Ok((employer, row)) => rows.entry(employer).or_default().push(row),
            Err(message) => problems.push(problem(message)),
        }
    }
    for (employer, rows) in rows {
        actions.push(Action::SetStaffRows { employer, rows });
    }
    for (hub, area) in &dtos.pay_areas.0 {
        let problem =
            |message: String| locate.problem("pay_areas:", hub, "pay_areas".to_string(), message);
        match (scenario.hub_by_code(hub), PayArea::from_id(area)) {
            (Some(id), Some(area)) => actions.push(Action::SetPayArea { hub: id, area }),
            (None, _) => problems.push(problem(format!("hub {hub} is not in the file's hubs"))),
            (_, None) => problems.push(problem(format!(
                "pay area {area:?}: expected national, outer_london or inner_london"
            ))),
        }
    }
    for (index, dto) in dtos.role_maxima.into_iter().enumerate() {
        let field = format!("role_maxima[{index}]");
        match maximum_action(&dto) {
            Ok(action) => actions.push(action),
            Err(message) => {
                problems.push(locate.problem("role_maxima:", &dto.role, field, message))
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if actions.is_empty() {
        return Ok(());
    }
    apply(scenario, Action::Batch(actions))
        .map(|_| ())
        .map_err(|error| vec![Problem::in_field("staff", error.to_string())])
}

fn maximum_action(dto: &RoleMaximumDto) -> Result<Action, String> {
    let year = RuleYear::from_label(&dto.year)
        .ok_or_else(|| format!("year {:?} is not a financial year", dto.year))?;
    let role = catalogue()
        .find(&dto.role)
        .ok_or_else(|| format!("unknown role {:?}", dto.role))?;
    let area = PayArea::from_id(&dto.area).ok_or_else(|| {
        format!(
            "pay area {:?}: expected national, outer_london or inner_london",
            dto.area
        )
    })?;
    if !dto.gbp.is_finite() || dto.gbp < 0.0 {
        return Err(format!(
            "maximum {} must be a number of pounds, not negative",
            dto.gbp
        ));
    }
    Ok(Action::SetRoleMaximum {
        year,
        role: role.id.clone(),
        area,
        value: Some(MaximumOverride {
            per_wte: Pence::from_pounds_f64(dto.gbp),
            note: dto.note.clone(),
        }),
    })
}
