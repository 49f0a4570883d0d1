//! The window's own export row: pick what to write and where (File > Export writes the same).

use super::super::App;
use super::super::exports::{EXPORTS, default_export_path};
use super::super::platform::HAS_FILE_PATHS;
use std::path::PathBuf;

pub(super) fn export_ui(ui: &mut egui::Ui, app: &mut App) {
    ui.heading("Export");
    ui.horizontal_wrapped(|ui| {
        for (label, choice) in EXPORTS {
            if ui
                .selectable_value(&mut app.compare.export, choice, label.trim_end_matches('…'))
                .clicked()
            {
                app.compare.export_path = default_export_path(app.path.as_deref(), choice);
            }
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(if HAS_FILE_PATHS {
            "Export to"
        } else {
            "Download as"
        });
        ui.text_edit_singleline(&mut app.compare.export_path)
            .labelled_by(label.id);
        let path = PathBuf::from(app.compare.export_path.trim());
        let ready = !app.exports.is_busy() && !app.compare.export_path.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new("Write export"))
            .clicked()
        {
            let choice = app.compare.export;
            app.start_export(choice, path, true);
        }
    });
}
