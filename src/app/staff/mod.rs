//! The Staff plan window (Figures → Staff plan): one hub at a time, its ARRS entitlement, what
//! its staff can claim and the headroom, staff per 10,000 patients against England, and its rows
//! (the network's own and its member practices'), edited as a draft and applied as one undo
//! step; below, the role maxima of the year, which the user can correct. Every change is an
//! [`Action`] pushed as an intent.

mod maxima;
mod rows;

use super::{App, Intent};
use crate::model::staffing::{
    ENGLAND_ARRS_FTE_PER_10K, ENGLAND_GP_FTE_PER_10K, ENGLAND_NURSE_FTE_PER_10K, Employer, PayArea,
    StaffRow, per_10k,
};
use crate::model::{Action, GroupFigures, HubId, Scenario};

/// What the window holds between frames.
#[derive(Debug, Clone, Default)]
pub struct StaffView {
    pub open: bool,
    /// The hub shown (`None`: the first hub).
    pub hub: Option<HubId>,
    /// Rows being edited, for the hub and document revision they were taken from.
    draft: Option<rows::Draft>,
    maxima: maxima::MaximaEdit,
    message: Option<String>,
}

/// The window, when open.
pub fn staff_window_ui(ctx: &egui::Context, app: &mut App) {
    let mut open = app.staff_view.open;
    if !open {
        return;
    }
    let scenario = app.document.scenario();
    let revision = app.document.revision();
    let hub = app
        .staff_view
        .hub
        .filter(|id| scenario.hub(*id).is_some())
        .or_else(|| {
            app.selection
                .practice
                .and_then(|practice| scenario.hub_of(practice))
        })
        .or_else(|| scenario.hubs().keys().next().copied());
    let mut intents = Vec::new();
    crate::app::layout::window(ctx, "Staff plan (ARRS)")
        .open(&mut open)
        .default_width(860.0)
        .default_height(560.0)
        .vscroll(true)
        .show(ctx, |ui| {
            let Some(hub) = hub else {
                ui.label("This scenario has no hubs.");
                return;
            };
            let view = &mut app.staff_view;
            hub_picker_ui(ui, scenario, hub, view);
            let empty = GroupFigures::default();
            let figures = app.document.metrics().hubs.get(&hub).unwrap_or(&empty);
            pay_area_ui(ui, scenario, hub, &mut intents);
            figures_ui(ui, figures);
            ui.separator();
            rows::rows_ui(ui, scenario, hub, revision, view, &mut intents);
            ui.separator();
            maxima::maxima_ui(ui, scenario, hub, &mut view.maxima, &mut intents);
            if let Some(message) = &view.message {
                ui.label(message);
            }
        });
    app.staff_view.open = open;
    app.intents.extend(intents);
}

fn hub_picker_ui(ui: &mut egui::Ui, scenario: &Scenario, hub: HubId, view: &mut StaffView) {
    let name = |id: HubId| {
        scenario.hub(id).map_or_else(String::new, |hub| {
            crate::model::practice::title_case(&hub.name)
        })
    };
    ui.horizontal(|ui| {
        let label = ui.label("Hub:");
        egui::ComboBox::from_id_salt("staff hub")
            .selected_text(name(hub))
            .width(320.0)
            .show_ui(ui, |ui| {
                for id in scenario.hubs().keys() {
                    if ui.selectable_label(*id == hub, name(*id)).clicked() {
                        view.hub = Some(*id);
                        view.draft = None;
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}

fn pay_area_ui(ui: &mut egui::Ui, scenario: &Scenario, hub: HubId, intents: &mut Vec<Intent>) {
    let area = scenario.staff().pay_area(hub);
    ui.horizontal(|ui| {
        ui.label("Pay area:");
        for choice in PayArea::ALL {
            if ui
                .selectable_label(area == choice, choice.label())
                .clicked()
                && area != choice
            {
                intents.push(Intent::Edit(Action::SetPayArea { hub, area: choice }));
            }
        }
        ui.label(egui::RichText::new("London weighting raises each role's maximum").weak());
    });
}

/// Entitlement, claimable, headroom and staff per 10,000 patients against England.
fn figures_ui(ui: &mut egui::Ui, figures: &GroupFigures) {
    let arrs = &figures.arrs;
    let headroom = arrs.headroom();
    egui::Grid::new("staff figures")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("ARRS entitlement (weighted population × rate)");
            ui.label(arrs.entitlement.to_whole_pounds_string());
            ui.end_row();
            ui.label("Claimable by the plan (to each role's maximum, from its start month)");
            ui.label(arrs.claimable.to_whole_pounds_string());
            ui.end_row();
            ui.label("Staff cost this year");
            ui.label(arrs.cost.to_whole_pounds_string());
            ui.end_row();
            let colour =
                crate::app::theme::delta_colour(headroom.0.signum(), ui.visuals().dark_mode);
            ui.label(if headroom.0 < 0 {
                "Overspend"
            } else {
                "Headroom"
            });
            ui.label(
                egui::RichText::new(if headroom.0 < 0 {
                    (-headroom).to_whole_pounds_string()
                } else {
                    headroom.to_whole_pounds_string()
                })
                .strong()
                .color(colour),
            );
            ui.end_row();
        });
    ui.add_space(4.0);
    ui.label(egui::RichText::new("Staff per 10,000 registered patients").strong());
    egui::Grid::new("staff per 10k")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            ui.label("This hub");
            ui.label("England");
            ui.end_row();
            let rows = [
                (
                    "GPs (practice data + ARRS GPs)",
                    figures.gp_fte + arrs.gp_wte,
                    ENGLAND_GP_FTE_PER_10K,
                ),
                (
                    "Nurses (practice data + ARRS nurses)",
                    figures.nurse_fte + arrs.nurse_wte,
                    ENGLAND_NURSE_FTE_PER_10K,
                ),
                (
                    "Additional roles (ARRS)",
                    arrs.wte,
                    ENGLAND_ARRS_FTE_PER_10K,
                ),
            ];
            for (label, fte, england) in rows {
                ui.label(label);
                ui.label(
                    per_10k(fte, figures.registered)
                        .map_or("–".to_string(), |v| format!("{v:.1}")),
                );
                ui.label(format!("{england:.1}"));
                ui.end_row();
            }
        });
    if arrs.rows_not_reimbursable > 0 {
        ui.label(format!(
            "{} row(s) are in a role not reimbursable this year: they claim nothing.",
            arrs.rows_not_reimbursable
        ));
    }
}

/// The rows of a hub: the network's, then each member practice's.
fn hub_rows(scenario: &Scenario, hub: HubId) -> Vec<(Employer, StaffRow)> {
    let plan = scenario.staff();
    std::iter::once(Employer::Network(hub))
        .chain(scenario.members(hub).map(Employer::Practice))
        .flat_map(|employer| {
            plan.rows_of(employer)
                .iter()
                .map(move |row| (employer, row.clone()))
        })
        .collect()
}
