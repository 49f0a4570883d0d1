//! The role maxima of the year in the hub's pay area: the data's figure (with † where it is a
//! seeded, unverified one) and the user's correction, with a note, saved in the scenario.

use crate::app::Intent;
use crate::model::staffing::{MaximumOverride, catalogue};
use crate::model::{Action, HubId, Pence, Scenario};

#[derive(Debug, Clone, Default)]
pub(super) struct MaximaEdit {
    role: Option<String>,
    gbp_text: String,
    note: String,
    message: Option<String>,
}

pub(super) fn maxima_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    hub: HubId,
    edit: &mut MaximaEdit,
    intents: &mut Vec<Intent>,
) {
    let year = scenario.rule_year();
    let plan = scenario.staff();
    let area = plan.pay_area(hub);
    egui::CollapsingHeader::new(format!("Role maxima {year} ({})", area.label()))
        .id_salt("role maxima")
        .show(ui, |ui| {
            ui.label(
                "Maximum reimbursable per WTE a year, with employer's NI and pension. † seeded by \
                 Agenda for Change band, not a verified figure: correct it from your ICB's.",
            );
            egui::Grid::new("role maxima grid")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    for title in ["Role", "Band", "Maximum", ""] {
                        ui.label(egui::RichText::new(title).strong());
                    }
                    ui.end_row();
                    for role in catalogue().roles_of(year) {
                        maximum_row_ui(ui, scenario, role, area, edit, intents);
                    }
                });
            correction_ui(ui, year, area, edit, intents);
        });
}

/// One role's row: its name and band, the maximum (corrected, or the data's with † when not
/// verified, its source on hover), and Correct… / Reset.
fn maximum_row_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    role: &crate::model::staffing::Role,
    area: crate::model::PayArea,
    edit: &mut MaximaEdit,
    intents: &mut Vec<Intent>,
) {
    let year = scenario.rule_year();
    let plan = scenario.staff();
    let corrected = plan
        .maximum_overrides
        .get(&(year, role.id.clone(), area))
        .cloned();
    let data = catalogue().maximum(year, &role.id, area);
    ui.label(&role.name);
    ui.label(&role.band);
    let shown = match (&corrected, &data) {
        (Some(value), _) => {
            format!("{} (corrected)", value.per_wte.to_whole_pounds_string())
        }
        (None, Some(data)) => format!(
            "{}{}",
            data.per_wte.to_whole_pounds_string(),
            if data.verified { "" } else { " †" }
        ),
        (None, None) => "–".to_string(),
    };
    let label = ui.label(shown);
    if let Some(data) = &data {
        label.on_hover_text(format!("Source: {}", data.source));
    }
    ui.horizontal(|ui| {
        let correct = ui.small_button("Correct…");
        let label = format!("Correct the maximum of {}", role.name);
        correct.widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, label.clone())
        });
        if correct.clicked() {
            edit.role = Some(role.id.clone());
            edit.gbp_text = corrected
                .as_ref()
                .map(|value| value.per_wte)
                .or(data.as_ref().map(|data| data.per_wte))
                .map_or_else(String::new, |p| format!("{:.0}", p.as_pounds_f64()));
            edit.note.clear();
        }
        if corrected.is_some() && ui.small_button("Reset").clicked() {
            intents.push(Intent::Edit(Action::SetRoleMaximum {
                year,
                role: role.id.clone(),
                area,
                value: None,
            }));
        }
    });
    ui.end_row();
}

fn correction_ui(
    ui: &mut egui::Ui,
    year: crate::model::RuleYear,
    area: crate::model::staffing::PayArea,
    edit: &mut MaximaEdit,
    intents: &mut Vec<Intent>,
) {
    let Some(role) = edit.role.clone() else {
        return;
    };
    let name = catalogue()
        .role(&role)
        .map_or(role.as_str(), |r| r.name.as_str())
        .to_string();
    ui.separator();
    ui.horizontal(|ui| {
        let label = ui.label(format!("{name}: £"));
        ui.add(egui::TextEdit::singleline(&mut edit.gbp_text).desired_width(90.0))
            .labelled_by(label.id);
        let label = ui.label("note");
        ui.add(
            egui::TextEdit::singleline(&mut edit.note)
                .desired_width(220.0)
                .hint_text("ICB letter 14 May 2026"),
        )
        .labelled_by(label.id);
        if ui.button("Use this maximum").clicked() {
            match parse_pounds(&edit.gbp_text) {
                Some(pounds) if (0.0..=1_000_000.0).contains(&pounds) => {
                    intents.push(Intent::Edit(Action::SetRoleMaximum {
                        year,
                        role: role.clone(),
                        area,
                        value: Some(MaximumOverride {
                            per_wte: Pence::from_pounds_f64(pounds),
                            note: edit.note.trim().to_string(),
                        }),
                    }));
                    edit.role = None;
                    edit.message = None;
                }
                _ => {
                    edit.message = Some(format!(
                        "{:?} is not an amount of pounds from 0 to 1,000,000",
                        edit.gbp_text
                    ));
                }
            }
        }
        if ui.button("Cancel").clicked() {
            edit.role = None;
        }
    });
    if let Some(message) = &edit.message {
        ui.label(message);
    }
}

/// `37,500`, `£37500.50`: pounds, with thousands separators that group correctly.
fn parse_pounds(text: &str) -> Option<f64> {
    let plain = text.trim().trim_start_matches('£').trim();
    let digits = plain.replace(',', "");
    let well_grouped = !plain.contains(',')
        || plain.split('.').next().is_some_and(|whole| {
            let groups: Vec<&str> = whole.split(',').collect();
            groups[0].len() <= 3 && groups[1..].iter().all(|group| group.len() == 3)
        });
    digits
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite() && well_grouped)
}
