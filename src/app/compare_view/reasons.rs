//! The decision log: why the selected practice is where it is.

use super::super::{App, Intent};
use crate::model::Action;

pub(super) fn reason_ui(ui: &mut egui::Ui, app: &mut App) {
    let Some(practice) = app.selection.practice else {
        ui.label("Select a practice (click its chip or dot) to record why it is where it is.");
        return;
    };
    let scenario = app.document.scenario();
    if app.compare.reason_for != Some(practice) {
        app.compare.reason_for = Some(practice);
        app.compare.reason_text = scenario.reason(practice).unwrap_or_default().to_string();
    }
    let name = scenario
        .region()
        .practice(practice)
        .map(|p| p.display_name())
        .unwrap_or_default();
    ui.horizontal(|ui| {
        let label = ui.label(format!("Reason for {name}"));
        ui.add(egui::TextEdit::singleline(&mut app.compare.reason_text).char_limit(200))
            .labelled_by(label.id);
        if ui.button("Set reason").clicked() {
            let text = app.compare.reason_text.trim().to_string();
            app.intents.push(Intent::Edit(Action::SetReason {
                practice,
                reason: (!text.is_empty()).then_some(text),
            }));
        }
    });
}
