//! The status line: assignment, band and money at a glance, and the unsaved-changes marker.

use super::App;
use crate::model::quantity::format_patients_whole;

pub fn status_line_ui(ui: &mut egui::Ui, app: &App) {
    let metrics = app.document.metrics();
    let region = &metrics.region;
    // On a narrow window (workshop mode on a laptop) the line wraps: nothing is cut.
    let narrow = ui.ctx().content_rect().width() < super::layout::COMPACT_WIDTH;
    // While a chip is held over a card the line is what the drop would do, alone: the region's
    // figures do not change until the drop, and squeezed beside them the summary wrapped onto
    // five lines and made the whole window jump.
    if let Some(summary) = app.board.drag_summary(app.document.scenario(), metrics) {
        ui.add(egui::Label::new(egui::RichText::new(summary).strong()).wrap());
        return;
    }
    let body = |ui: &mut egui::Ui| {
        item(
            ui,
            format!(
                "{} of {} practices in hubs",
                region.assigned, region.practices
            ),
        );
        ui.separator();
        item(
            ui,
            format!(
                "{} of {} hubs in 30k–50k ({} below, {} above)",
                region.hubs_within, region.hubs, region.hubs_below, region.hubs_above
            ),
        );
        ui.separator();
        item(
            ui,
            format!("{} registered", format_patients_whole(region.registered)),
        );
        ui.separator();
        item(
            ui,
            format!(
                "Total funding {} ({})",
                region.total_funding.to_whole_pounds_string(),
                app.document.scenario().rule_year()
            ),
        );
        if let Some(overspend) = overspend_text(app) {
            ui.separator();
            let colour = crate::app::theme::delta_colour(-1, ui.visuals().dark_mode);
            item(ui, egui::RichText::new(overspend).strong().color(colour));
        }
        ui.separator();
        item(ui, save_state_text(app));
        if let Some(activity) = app.jobs.activity() {
            ui.separator();
            ui.spinner();
            ui.label(activity);
        } else if let Some(notice) = &app.notice {
            ui.separator();
            // Wrapped, never cut: the status line grows a line for a long message.
            ui.add(egui::Label::new(notice.as_str()).wrap());
        }
    };
    if narrow {
        // Two lines take no more height than one line wrapped inside a label did: rows as
        // high as the text, none between them.
        ui.scope(|ui| {
            ui.spacing_mut().item_spacing.y = 0.0;
            ui.spacing_mut().interact_size.y = ui.text_style_height(&egui::TextStyle::Body);
            ui.horizontal_wrapped(body);
        });
    } else {
        ui.horizontal(body);
    }
}

/// One figure of the line, kept whole: on a narrow window a figure that does not fit starts the
/// next line rather than breaking in the middle (`Not yet` / `saved as a scenario`).
fn item(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) {
    ui.add(egui::Label::new(text).extend());
}

/// `Burgess Hill: ARRS overspend £23,400` (the largest; `and 2 more hubs`), when a hub's
/// staff plan claims more than its ARRS sum.
pub fn overspend_text(app: &App) -> Option<String> {
    let scenario = app.document.scenario();
    if !scenario.staff().has_staff() {
        return None;
    }
    let metrics = app.document.metrics();
    let mut overspent: Vec<_> = metrics
        .hubs
        .iter()
        .filter(|(_, figures)| figures.arrs.is_overspent())
        .map(|(id, figures)| (figures.arrs.headroom(), *id))
        .collect();
    overspent.sort();
    let (headroom, id) = *overspent.first()?;
    let name = scenario.hub(id).map_or_else(String::new, |hub| {
        crate::model::practice::title_case(&hub.name)
    });
    let more = match overspent.len() {
        1 => String::new(),
        2 => " and 1 more hub".to_string(),
        n => format!(" and {} more hubs", n - 1),
    };
    Some(format!(
        "{name}: ARRS overspend {}{more}",
        (-headroom).to_whole_pounds_string()
    ))
}

/// What the file on disk holds of the work: unsaved changes, saved, or (for a region just read
/// from a practice or NHS file) not yet saved as a scenario.
pub fn save_state_text(app: &App) -> egui::RichText {
    if app.document.is_modified() {
        egui::RichText::new("• Unsaved changes").strong()
    } else if app.path.is_none() {
        egui::RichText::new("Not yet saved as a scenario")
    } else {
        egui::RichText::new("Saved")
    }
}
