//! The status line: assignment, band and money at a glance, and the unsaved-changes marker.

use super::App;
use crate::model::quantity::format_patients_whole;

pub fn status_line_ui(ui: &mut egui::Ui, app: &App) {
    let metrics = app.document.metrics();
    let region = &metrics.region;
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} of {} practices in hubs",
            region.assigned, region.practices
        ));
        ui.separator();
        ui.label(format!(
            "{} of {} hubs in 30k–50k ({} below, {} above)",
            region.hubs_within, region.hubs, region.hubs_below, region.hubs_above
        ));
        ui.separator();
        ui.label(format!(
            "{} registered",
            format_patients_whole(region.registered)
        ));
        ui.separator();
        ui.label(format!(
            "Total funding {} ({})",
            region.total_funding.to_whole_pounds_string(),
            app.document.scenario().rule_year
        ));
        ui.separator();
        if app.document.is_modified() {
            ui.label(egui::RichText::new("• Unsaved changes").strong());
        } else {
            ui.label("Saved");
        }
        if let Some(activity) = app.jobs.activity() {
            ui.separator();
            ui.spinner();
            ui.label(activity);
        } else if let Some(notice) = &app.notice {
            ui.separator();
            ui.add(egui::Label::new(notice.as_str()).truncate());
        }
    });
}
