//! Presenter mode (F5; Esc leaves): for the back of a room on a projector. Full screen, large
//! high-contrast text, and only the figures that matter for the decision: a strip of what has
//! changed since the start, the hub board (drag works as in the normal view) and one row per
//! hub with its patients, band, GP staffing, total money and change since the start.

use super::App;
use super::workshop::shown_option;
use crate::model::compare::{Comparison, compare};
use crate::model::format::{fte_one_decimal, title_case};
use crate::model::quantity::format_patients_whole;
use crate::model::{Band, Pence, Scenario, WORKSHOP_START};

/// What the presenter shows, kept until the document changes.
#[derive(Default)]
pub struct PresenterCache {
    revision: u64,
    since_start: Option<Comparison>,
    start_label: &'static str,
    option: Option<String>,
}

/// The start the room compares with: the workshop start if there is one, else today's PCNs.
fn start_of(scenario: &Scenario) -> (Scenario, &'static str) {
    match scenario.from_snapshot(WORKSHOP_START) {
        Some(start) => (start, "since we started"),
        None => (
            Scenario::baseline(scenario.region_arc().clone(), scenario.rule_year()),
            "since today's PCNs",
        ),
    }
}

impl PresenterCache {
    fn refresh(&mut self, scenario: &Scenario, revision: u64) {
        if self.since_start.is_some() && self.revision == revision {
            return;
        }
        let (start, label) = start_of(scenario);
        self.since_start = compare(&start, scenario, scenario.rule_year()).ok();
        self.start_label = label;
        self.option = shown_option(scenario);
        self.revision = revision;
    }
}

/// `3 practices moved, 2 more hubs in band, £+41,200` (or `no change yet`).
pub fn change_strip(comparison: &Comparison, start_label: &str) -> String {
    let moved = comparison.moves.len();
    let in_band = |after: bool| {
        comparison
            .hubs
            .iter()
            .filter_map(|hub| {
                if after {
                    hub.after.as_ref()
                } else {
                    hub.before.as_ref()
                }
            })
            .filter(|figures| figures.band == Some(Band::Within))
            .count() as i64
    };
    let band_change = in_band(true) - in_band(false);
    let money: Pence = comparison.hubs.iter().map(|hub| hub.change().total).sum();
    if moved == 0 && money.0 == 0 {
        return format!("No change {start_label}");
    }
    let hubs = match band_change {
        0 => "no change in hubs in band".to_string(),
        n if n > 0 => format!("{n} more hub{} in band", if n == 1 { "" } else { "s" }),
        n => format!("{} fewer hub{} in band", -n, if n == -1 { "" } else { "s" }),
    };
    let sign = if money.0 >= 0 { "+" } else { "" };
    format!(
        "{}: {moved} practice{} moved, {hubs}, {sign}{}",
        capitalise(start_label),
        if moved == 1 { "" } else { "s" },
        money.to_whole_pounds_string()
    )
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// The presenter's screen.
pub fn presenter_ui(ui: &mut egui::Ui, app: &mut App) {
    let revision = app.document.revision();
    app.presenter_cache
        .refresh(app.document.scenario(), revision);
    let visuals = ui.visuals_mut();
    visuals.override_text_color = Some(if visuals.dark_mode {
        egui::Color32::WHITE
    } else {
        egui::Color32::BLACK
    });
    egui::Panel::top("presenter strip").show(ui, |ui| strip_ui(ui, app));
    let window_width = ui.ctx().content_rect().width();
    let view = super::view_of(&app.document, &app.selection, app.baseline.as_ref());
    egui::Panel::left("presenter board")
        .resizable(true)
        .default_size((window_width * 0.38).clamp(260.0, 520.0))
        .show(ui, |ui| {
            app.board.ui(ui, &view, &mut app.intents);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| hub_rows_ui(ui, app));
    });
}

fn strip_ui(ui: &mut egui::Ui, app: &mut App) {
    ui.horizontal_wrapped(|ui| {
        let cache = &app.presenter_cache;
        let option = cache
            .option
            .clone()
            .unwrap_or_else(|| "Option not saved yet (Ctrl+1–9 keeps it)".to_string());
        ui.label(egui::RichText::new(option).heading().strong());
        ui.separator();
        let strip = cache.since_start.as_ref().map_or_else(
            || "The change since the start cannot be shown".to_string(),
            |comparison| change_strip(comparison, cache.start_label),
        );
        let response = ui.label(egui::RichText::new(&strip).heading());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, strip.clone())
        });
        ui.separator();
        // The comparison of two options, side by side, over the presenter's screen.
        if ui
            .button("Compare options…")
            .on_hover_text("Moves, per-hub change and money of two options, side by side")
            .clicked()
        {
            app.compare.open = true;
        }
        ui.label("Esc: leave · 1–9: options");
    });
}

/// One row per hub: name, patients, band, GP FTE, total money and its change since the start.
fn hub_rows_ui(ui: &mut egui::Ui, app: &App) {
    let metrics = app.document.metrics();
    let scenario = app.document.scenario();
    let changes = app.presenter_cache.since_start.as_ref();
    // The figures take what they need; the hub name gets the rest (wrapping by words).
    let name_width = (ui.available_width() - 590.0).clamp(180.0, 520.0);
    egui::Grid::new("presenter hubs")
        .striped(true)
        .spacing([18.0, 6.0])
        .show(ui, |ui| {
            for heading in ["Hub", "Patients", "Band", "GP FTE", "Money", "Change"] {
                ui.strong(heading);
            }
            ui.end_row();
            let mut rows: Vec<_> = metrics
                .hubs
                .iter()
                .filter_map(|(id, figures)| Some((scenario.hub(*id)?, figures)))
                .collect();
            rows.sort_by_key(|row| std::cmp::Reverse(row.1.registered));
            for (hub, figures) in rows {
                let change = changes
                    .and_then(|c| c.hubs.iter().find(|h| h.code == hub.code))
                    .map_or(Pence::ZERO, |h| h.change().total);
                let name = title_case(&hub.name);
                ui.scope(|ui| {
                    ui.set_width(name_width);
                    ui.add(egui::Label::new(&name).wrap());
                });
                ui.label(format_patients_whole(figures.registered));
                let band = figures.band.map_or("", |band| band.label());
                ui.label(band);
                ui.label(fte_one_decimal(figures.gp_fte));
                ui.label(figures.total.to_whole_pounds_string());
                let sign = if change.0 > 0 { "+" } else { "" };
                let text = if change.0 == 0 {
                    "–".to_string()
                } else {
                    format!("{sign}{}", change.to_whole_pounds_string())
                };
                let response = ui.label(&text);
                let label = format!(
                    "{name}: {} patients, {band}, change {text}",
                    format_patients_whole(figures.registered)
                );
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, label.clone())
                });
                ui.end_row();
            }
        });
}
