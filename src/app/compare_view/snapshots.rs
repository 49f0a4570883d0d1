//! Snapshots: keep the current option under a name (Option A, B, …), switch to one, delete one.

use super::super::{App, Intent};
use crate::model::{Action, Scenario};

/// `Option A`, `Option B`, … the first name not used yet.
pub(super) fn next_snapshot_name(scenario: &Scenario) -> String {
    ('A'..='Z')
        .map(|letter| format!("Option {letter}"))
        .find(|name| scenario.snapshot(name).is_none())
        .unwrap_or_else(|| "Option".to_string())
}

pub(super) fn snapshots_ui(ui: &mut egui::Ui, app: &mut App) {
    ui.heading("Snapshots");
    ui.horizontal(|ui| {
        let label = ui.label("Snapshot name");
        ui.text_edit_singleline(&mut app.compare.snapshot_name)
            .labelled_by(label.id);
        let name = app.compare.snapshot_name.trim().to_string();
        if ui
            .add_enabled(!name.is_empty(), egui::Button::new("Save snapshot"))
            .on_hover_text(
                "Keep the current option under this name (replaces one of the same name)",
            )
            .clicked()
        {
            app.intents
                .push(Intent::Edit(Action::SaveSnapshot { name }));
        }
    });
    let names: Vec<String> = app
        .document
        .scenario()
        .snapshots()
        .keys()
        .cloned()
        .collect();
    if names.is_empty() {
        ui.label("No snapshot yet: save the current option as Option A, change it, save Option B.");
    }
    for name in names {
        ui.horizontal(|ui| {
            ui.label(&name);
            if ui.button(format!("Switch to {name}")).clicked() {
                app.intents
                    .push(Intent::Edit(Action::RestoreSnapshot { name: name.clone() }));
            }
            if ui.button(format!("Delete {name}")).clicked() {
                app.intents
                    .push(Intent::Edit(Action::DeleteSnapshot { name }));
            }
        });
    }
}
