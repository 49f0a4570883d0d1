//! Checks, application and labels of the staffing actions ([`Action::SetStaffRows`],
//! [`Action::SetPayArea`], [`Action::SetRoleMaximum`]), and the staff a hub takes with it when
//! it is deleted or merged; `apply::apply` calls these.

use super::action::{Action, ActionError, Touched};
use super::hub::HubId;
use super::scenario::Scenario;
use super::staffing::{Employer, PayArea, catalogue, check_rows};

/// Largest role maximum accepted (pounds per WTE per year).
pub const MAX_ROLE_MAXIMUM_GBP: f64 = 1_000_000.0;

pub fn validate(scenario: &Scenario, action: &Action) -> Result<(), ActionError> {
    match action {
        Action::SetStaffRows { employer, rows } => {
            employer_exists(scenario, *employer)?;
            check_rows(rows).map_err(ActionError::BadStaff)?;
        }
        Action::SetPayArea { hub, .. } if scenario.hub(*hub).is_none() => {
            return Err(ActionError::UnknownHub(hub.0));
        }
        Action::SetRoleMaximum { role, value, .. } => {
            if catalogue().role(role).is_none() {
                return Err(ActionError::BadStaff(format!("unknown role {role:?}")));
            }
            if let Some(value) = value {
                let pounds = value.per_wte.as_pounds_f64();
                if !(0.0..=MAX_ROLE_MAXIMUM_GBP).contains(&pounds) {
                    return Err(ActionError::BadStaff(format!(
                        "a role maximum must be between £0 and £{MAX_ROLE_MAXIMUM_GBP} per WTE"
                    )));
                }
                super::action::check_length(&value.note, super::rule_edits::MAX_EDIT_NOTE_CHARS)?;
                super::action::check_line(&value.note)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn employer_exists(scenario: &Scenario, employer: Employer) -> Result<(), ActionError> {
    match employer {
        Employer::Network(hub) => scenario
            .hub(hub)
            .map(|_| ())
            .ok_or(ActionError::UnknownHub(hub.0)),
        Employer::Practice(practice) => scenario
            .region()
            .practice(practice)
            .map(|_| ())
            .ok_or(ActionError::UnknownPractice(practice.0)),
    }
}

/// Applies a validated staffing action and returns its inverse.
pub fn apply(scenario: &mut Scenario, action: Action, touched: &mut Touched) -> Action {
    match action {
        Action::SetStaffRows { employer, rows } => {
            touched.groups.insert(match employer {
                Employer::Network(hub) => Some(hub),
                Employer::Practice(practice) => scenario.hub_of(practice),
            });
            let previous = scenario.staff_mut().replace_rows(employer, rows);
            Action::SetStaffRows {
                employer,
                rows: previous,
            }
        }
        Action::SetPayArea { hub, area } => {
            touched.groups.insert(Some(hub));
            let previous = scenario.staff_mut().replace_pay_area(hub, area);
            Action::SetPayArea {
                hub,
                area: previous,
            }
        }
        Action::SetRoleMaximum {
            year,
            role,
            area,
            value,
        } => {
            touched.everything = year == scenario.rule_year;
            let previous = scenario
                .staff_mut()
                .replace_override((year, role.clone(), area), value);
            Action::SetRoleMaximum {
                year,
                role,
                area,
                value: previous,
            }
        }
        other => other,
    }
}

/// Takes a hub's own staff and London weighting off it before the hub is removed; returns the
/// actions that put them back (empty when it had none).
pub fn take_hub_staff(scenario: &mut Scenario, hub: HubId) -> Vec<Action> {
    let mut restore = Vec::new();
    let rows = scenario
        .staff_mut()
        .replace_rows(Employer::Network(hub), Vec::new());
    if !rows.is_empty() {
        restore.push(Action::SetStaffRows {
            employer: Employer::Network(hub),
            rows,
        });
    }
    let area = scenario
        .staff_mut()
        .replace_pay_area(hub, PayArea::National);
    if area != PayArea::National {
        restore.push(Action::SetPayArea { hub, area });
    }
    restore
}

/// Adds `from`'s own staff to `into`'s (a merge: the network's staff join the merged network)
/// and takes `from`'s London weighting off; returns the actions that put both hubs' staff back.
pub fn join_hub_staff(scenario: &mut Scenario, into: HubId, from: HubId) -> Vec<Action> {
    let moving = scenario.staff().rows_of(Employer::Network(from)).to_vec();
    let restore = take_hub_staff(scenario, from);
    if !moving.is_empty() {
        let mut joined = scenario.staff().rows_of(Employer::Network(into)).to_vec();
        joined.extend(moving);
        let before = scenario
            .staff_mut()
            .replace_rows(Employer::Network(into), joined);
        let mut restore = restore;
        restore.push(Action::SetStaffRows {
            employer: Employer::Network(into),
            rows: before,
        });
        return restore;
    }
    restore
}

pub fn describe(scenario: &Scenario, action: &Action) -> String {
    match action {
        Action::SetStaffRows { employer, .. } => match employer {
            Employer::Network(hub) => format!(
                "Edit the staff plan of {}",
                scenario
                    .hub(*hub)
                    .map_or_else(|| format!("hub {}", hub.0), |hub| hub.name.clone())
            ),
            Employer::Practice(practice) => format!(
                "Edit the staff of {}",
                scenario
                    .region()
                    .practice(*practice)
                    .map_or_else(|| format!("practice {}", practice.0), |p| p.display_name())
            ),
        },
        Action::SetPayArea { area, .. } => format!("Set pay area to {}", area.label()),
        Action::SetRoleMaximum {
            year, role, value, ..
        } => {
            let name = catalogue()
                .role(role)
                .map_or(role.as_str(), |role| role.name.as_str());
            match value {
                Some(_) => format!("Correct the {year} maximum of {name}"),
                None => format!("Reset the {year} maximum of {name}"),
            }
        }
        _ => String::new(),
    }
}
