//! Move with the keyboard: with a practice selected, **M** opens a small window listing the
//! hubs (type to filter, Enter takes the first, Escape closes), each with its registered list
//! now and after the move. The move goes through the same intent as a drag, so locks and undo
//! apply.

use super::{App, Intent};
use crate::model::practice::title_case;
use crate::model::quantity::format_patients_whole;
use crate::model::{Action, HubId, PracticeId};

/// An open move window.
#[derive(Debug, Clone)]
pub struct MovePrompt {
    practice: PracticeId,
    filter: String,
}

impl App {
    /// M: open the move window for the selected practice.
    pub(super) fn open_move_prompt(&mut self) {
        match self.selection.practice {
            Some(practice) => {
                self.move_prompt = Some(MovePrompt {
                    practice,
                    filter: String::new(),
                });
            }
            None => {
                self.notice =
                    Some("Select a practice first (click its chip), then press M".to_string());
            }
        }
    }
}

/// The hubs a practice may move to (not its own), by title-cased name, whose name or code
/// holds the typed filter.
fn matching_hubs(
    scenario: &crate::model::Scenario,
    from: Option<HubId>,
    filter: &str,
) -> Vec<(String, HubId)> {
    let query = filter.trim().to_lowercase();
    let mut hubs: Vec<(String, HubId)> = scenario
        .hubs()
        .iter()
        .filter(|(id, _)| Some(**id) != from)
        .map(|(id, hub)| (title_case(&hub.name), *id))
        .filter(|(name, id)| {
            query.is_empty()
                || name.to_lowercase().contains(&query)
                || scenario
                    .hub(*id)
                    .is_some_and(|h| h.code.to_lowercase().contains(&query))
        })
        .collect();
    hubs.sort();
    hubs
}

/// One button a hub, with its list now and with the practice: returns the one clicked.
fn hub_buttons_ui(
    ui: &mut egui::Ui,
    metrics: &crate::model::Metrics,
    hubs: &[(String, HubId)],
    patients: crate::model::Patients,
) -> Option<HubId> {
    let mut chosen = None;
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            for (name, id) in hubs {
                let now = metrics
                    .hubs
                    .get(id)
                    .map_or_else(Default::default, |f| f.registered);
                let text = format!(
                    "{name}: {} to {}",
                    format_patients_whole(now),
                    format_patients_whole(now + patients)
                );
                if ui.button(text).clicked() {
                    chosen = Some(*id);
                }
            }
        });
    chosen
}

pub fn move_prompt_ui(ctx: &egui::Context, app: &mut App) {
    let Some(prompt) = &mut app.move_prompt else {
        return;
    };
    let scenario = app.document.scenario();
    let metrics = app.document.metrics();
    let Some(practice) = scenario.region().practice(prompt.practice) else {
        app.move_prompt = None;
        return;
    };
    let from = scenario.hub_of(prompt.practice);
    let from_name = from
        .and_then(|id| scenario.hub(id))
        .map_or_else(|| "no hub".to_string(), |h| title_case(&h.name));
    let hubs = matching_hubs(scenario, from, &prompt.filter);
    let mut chosen: Option<HubId> = None;
    let mut close = false;
    egui::Window::new("Move practice")
        .collapsible(false)
        .default_width(420.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label(format!(
                "Move {} ({} patients) from {from_name} to:",
                practice.display_name(),
                format_patients_whole(practice.registered_patients)
            ));
            let label = ui.label("Hub name or code:");
            let edit = ui
                .text_edit_singleline(&mut prompt.filter)
                .labelled_by(label.id);
            if !edit.has_focus() && ui.memory(|m| m.focused().is_none()) {
                edit.request_focus();
            }
            let entered = ui.input(|i| i.key_pressed(egui::Key::Enter));
            if let Some(id) = hub_buttons_ui(ui, metrics, &hubs, practice.registered_patients) {
                chosen = Some(id);
            }
            if entered && chosen.is_none() {
                chosen = hubs.first().map(|(_, id)| *id);
            }
            ui.horizontal(|ui| {
                if ui.button("Cancel").clicked() {
                    close = true;
                }
                ui.label(egui::RichText::new("Enter: the first hub · Escape: close").weak());
            });
        });
    if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        close = true;
    }
    if let Some(to) = chosen {
        app.intents.push(Intent::Edit(Action::MovePractice {
            practice: prompt.practice,
            to: Some(to),
        }));
        close = true;
    }
    if close {
        app.move_prompt = None;
    }
}
