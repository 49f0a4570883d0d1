//! The hub's staff rows as an editable draft: role, WTE, employer, cost and start month per
//! row; Apply puts every changed employer's rows in place as one undo step.

use super::{StaffView, hub_rows};
use crate::app::Intent;
use crate::model::staffing::{Employer, MONTHS, StaffRow, catalogue};
use crate::model::{Action, Fte, HubId, Pence, Scenario};
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub(super) struct Draft {
    hub: HubId,
    revision: u64,
    rows: Vec<DraftRow>,
}

#[derive(Debug, Clone)]
struct DraftRow {
    employer: Employer,
    role: String,
    wte: f64,
    at_maximum: bool,
    cost_gbp: f64,
    start_month: u8,
}

impl DraftRow {
    fn from_row(employer: Employer, row: &StaffRow) -> Self {
        Self {
            employer,
            role: row.role.clone(),
            wte: row.wte.as_f64(),
            at_maximum: row.annual_cost.is_none(),
            cost_gbp: row.annual_cost.map_or(0.0, Pence::as_pounds_f64),
            start_month: row.start_month,
        }
    }

    fn to_row(&self) -> Option<StaffRow> {
        Some(StaffRow {
            role: self.role.clone(),
            wte: Fte::from_f64(self.wte).ok()?,
            annual_cost: (!self.at_maximum).then(|| Pence::from_pounds_f64(self.cost_gbp.max(0.0))),
            start_month: self.start_month.min(11),
        })
    }
}

fn employer_name(scenario: &Scenario, employer: Employer) -> String {
    match employer {
        Employer::Network(_) => "Network".to_string(),
        Employer::Practice(id) => scenario
            .region()
            .practice(id)
            .map_or_else(String::new, |p| p.display_name()),
    }
}

/// Add a row, Apply (an edit, when the draft differs from the plan) and Discard; returns the
/// message of a draft that cannot be applied, and whether to discard it.
fn draft_buttons_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    hub: HubId,
    draft: &mut Draft,
    intents: &mut Vec<Intent>,
) -> (Option<String>, bool) {
    let mut message = None;
    let mut discard = false;
    ui.horizontal(|ui| {
        if ui.button("Add a row").clicked() {
            draft.rows.push(DraftRow {
                employer: Employer::Network(hub),
                role: "clinical_pharmacist".to_string(),
                wte: 1.0,
                at_maximum: true,
                cost_gbp: 0.0,
                start_month: 0,
            });
        }
        let original = hub_rows(scenario, hub);
        let changed = draft.rows.len() != original.len()
            || draft
                .rows
                .iter()
                .zip(&original)
                .any(|(new, (employer, row))| {
                    new.employer != *employer || new.to_row().as_ref() != Some(row)
                });
        if ui
            .add_enabled(changed, egui::Button::new("Apply staff changes"))
            .on_hover_text("Put these rows in the plan (one step to undo)")
            .clicked()
        {
            match apply_action(scenario, hub, draft) {
                Ok(action) => intents.push(Intent::Edit(action)),
                Err(text) => message = Some(text),
            }
        }
        if ui
            .add_enabled(changed, egui::Button::new("Discard"))
            .clicked()
        {
            discard = true;
        }
    });
    (message, discard)
}

pub(super) fn rows_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    hub: HubId,
    revision: u64,
    view: &mut StaffView,
    intents: &mut Vec<Intent>,
) {
    let stale = view
        .draft
        .as_ref()
        .is_none_or(|draft| draft.hub != hub || draft.revision != revision);
    if stale {
        view.draft = Some(Draft {
            hub,
            revision,
            rows: hub_rows(scenario, hub)
                .iter()
                .map(|(employer, row)| DraftRow::from_row(*employer, row))
                .collect(),
        });
    }
    let Some(draft) = view.draft.as_mut() else {
        return;
    };
    ui.label(egui::RichText::new("Staff").strong());
    let employers: Vec<Employer> = std::iter::once(Employer::Network(hub))
        .chain(scenario.members(hub).map(Employer::Practice))
        .collect();
    let mut remove = None;
    egui::Grid::new("staff rows")
        .striped(true)
        .num_columns(7)
        .show(ui, |ui| {
            for title in ["Role", "WTE", "Employer", "Cost a year", "", "Start", ""] {
                ui.label(egui::RichText::new(title).strong());
            }
            ui.end_row();
            for (index, row) in draft.rows.iter_mut().enumerate() {
                row_ui(ui, scenario, index, row, &employers);
                if ui.button("Remove").clicked() {
                    remove = Some(index);
                }
                ui.end_row();
            }
        });
    if let Some(index) = remove {
        draft.rows.remove(index);
    }
    let (message, discard) = draft_buttons_ui(ui, scenario, hub, draft, intents);
    view.message = message;
    if discard {
        view.draft = None;
    }
}

fn row_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    index: usize,
    row: &mut DraftRow,
    employers: &[Employer],
) {
    let year = scenario.rule_year();
    let role_name = catalogue()
        .role(&row.role)
        .map_or_else(|| row.role.clone(), |role| role.name.clone());
    egui::ComboBox::from_id_salt(("staff role", index))
        .selected_text(role_name)
        .width(250.0)
        .show_ui(ui, |ui| {
            for role in catalogue().roles_of(year) {
                ui.selectable_value(&mut row.role, role.id.clone(), &role.name);
            }
        })
        .response
        .widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::accesskit::Role::ComboBox,
                true,
                format!("Staff row {} role", index + 1),
            )
        });
    let name = |what: &str| format!("Staff row {} {what}", index + 1);
    ui.add(
        egui::DragValue::new(&mut row.wte)
            .range(0.01..=100.0)
            .speed(0.1)
            .max_decimals(2),
    )
    .widget_info(|| {
        egui::WidgetInfo::labeled(egui::accesskit::Role::SpinButton, true, name("WTE"))
    });
    egui::ComboBox::from_id_salt(("staff employer", index))
        .selected_text(employer_name(scenario, row.employer))
        .width(200.0)
        .show_ui(ui, |ui| {
            for employer in employers {
                ui.selectable_value(
                    &mut row.employer,
                    *employer,
                    employer_name(scenario, *employer),
                );
            }
        })
        .response
        .widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::ComboBox, true, name("employer"))
        });
    ui.checkbox(&mut row.at_maximum, "at maximum");
    ui.add_enabled(
        !row.at_maximum,
        egui::DragValue::new(&mut row.cost_gbp)
            .range(0.0..=10_000_000.0)
            .speed(100.0)
            .prefix("£")
            .max_decimals(0),
    )
    .widget_info(|| {
        egui::WidgetInfo::labeled(egui::accesskit::Role::SpinButton, true, name("annual cost"))
    });
    egui::ComboBox::from_id_salt(("staff start", index))
        .selected_text(MONTHS[usize::from(row.start_month.min(11))])
        .width(72.0)
        .show_ui(ui, |ui| {
            for (month, month_name) in MONTHS.iter().enumerate() {
                ui.selectable_value(&mut row.start_month, month as u8, *month_name);
            }
        })
        .response
        .widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::ComboBox, true, name("start month"))
        });
}

/// One batch that puts each employer of the hub to its draft rows.
fn apply_action(scenario: &Scenario, hub: HubId, draft: &Draft) -> Result<Action, String> {
    let mut by_employer: BTreeMap<Employer, Vec<StaffRow>> =
        std::iter::once(Employer::Network(hub))
            .chain(scenario.members(hub).map(Employer::Practice))
            .map(|employer| (employer, Vec::new()))
            .collect();
    for (index, row) in draft.rows.iter().enumerate() {
        let staff_row = row.to_row().ok_or_else(|| {
            format!(
                "row {}: WTE {} is not a number of staff",
                index + 1,
                row.wte
            )
        })?;
        by_employer.entry(row.employer).or_default().push(staff_row);
    }
    Ok(Action::Batch(
        by_employer
            .into_iter()
            .filter(|(employer, rows)| scenario.staff().rows_of(*employer) != rows.as_slice())
            .map(|(employer, rows)| Action::SetStaffRows { employer, rows })
            .collect(),
    ))
}
