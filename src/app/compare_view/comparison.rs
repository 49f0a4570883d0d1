//! The two sides compared (current option, today's PCNs, a snapshot or a saved file), the
//! comparison cached per revision and sides, and the result: practices moved, each hub's change.

use super::super::App;
use super::super::jobs::Job;
use super::super::platform::HAS_FILE_PATHS;
use super::super::platform::dialog::{self, FileDialog};
use super::Side;
use crate::model::Scenario;
use crate::model::compare::{Comparison, HubLabel, compare};
use crate::model::practice::title_case;
use crate::model::quantity::format_patients_whole;
use crate::present::report::band_change;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct CacheKey {
    pub(super) revision: u64,
    pub(super) before: Side,
    pub(super) after: Side,
    pub(super) file_generation: u64,
}

fn resolve(app: &App, side: &Side) -> Result<Scenario, String> {
    let scenario = app.document.scenario();
    match side {
        Side::Current => Ok(scenario.clone()),
        Side::Baseline => Ok(Scenario::baseline(
            scenario.region_arc().clone(),
            scenario.rule_year(),
        )),
        Side::Snapshot(name) => scenario
            .from_snapshot(name)
            .ok_or_else(|| format!("There is no snapshot called {name}")),
        Side::File => app.compare.file.clone().ok_or_else(|| {
            if HAS_FILE_PATHS {
                "Type a file path and press Read file".to_string()
            } else {
                "Choose a saved file".to_string()
            }
        }),
    }
}

/// The comparison of the chosen sides, computed again only when something changed.
pub(in crate::app) fn comparison(app: &mut App) -> Result<Comparison, String> {
    let key = CacheKey {
        revision: app.document.revision(),
        before: app.compare.before.clone(),
        after: app.compare.after.clone(),
        file_generation: app.compare.file_generation,
    };
    if let Some((cached, result)) = &app.compare.cache
        && *cached == key
    {
        return result.clone();
    }
    let year = app.document.scenario().rule_year();
    let result = resolve(app, &key.before).and_then(|before| {
        let after = resolve(app, &key.after)?;
        compare(&before, &after, year).map_err(|error| error.to_string())
    });
    app.compare.cache = Some((key, result.clone()));
    result
}

fn hub_text(label: Option<&HubLabel>) -> String {
    label.map_or_else(|| "unassigned".to_string(), |hub| title_case(&hub.name))
}

fn signed(hundredths: i64) -> String {
    let text = format_patients_whole(crate::model::Patients(hundredths));
    if hundredths > 0 {
        format!("+{text}")
    } else {
        text
    }
}

pub(super) fn result_ui(ui: &mut egui::Ui, app: &mut App) {
    let comparison = match comparison(app) {
        Ok(comparison) => comparison,
        Err(error) => {
            ui.label(error);
            return;
        }
    };
    ui.label(format!(
        "{} to {}: {} practice(s) moved",
        side_label(&app.compare.before),
        side_label(&app.compare.after),
        comparison.moves.len()
    ));
    if !comparison.moves.is_empty() {
        egui::Grid::new("compare moves")
            .striped(true)
            .show(ui, |ui| {
                for title in ["Practice", "From", "To", "Registered", "Weighted", "Reason"] {
                    ui.strong(title);
                }
                ui.end_row();
                for moved in &comparison.moves {
                    ui.label(format!("{} {}", moved.code, title_case(&moved.name)));
                    ui.label(hub_text(moved.from.as_ref()));
                    ui.label(hub_text(moved.to.as_ref()));
                    ui.label(format_patients_whole(moved.registered));
                    ui.label(format_patients_whole(moved.weighted));
                    ui.label(moved.reason.as_deref().unwrap_or("–"));
                    ui.end_row();
                }
            });
    }
    ui.checkbox(&mut app.compare.show_all_hubs, "Show every hub");
    egui::Grid::new("compare hubs")
        .striped(true)
        .show(ui, |ui| {
            for title in [
                "Hub",
                "Registered before",
                "after",
                "change",
                "Band",
                "Total before",
                "after",
                "change",
            ] {
                ui.strong(title);
            }
            ui.end_row();
            for hub in comparison
                .hubs
                .iter()
                .filter(|hub| app.compare.show_all_hubs || !hub.is_unchanged())
            {
                let change = hub.change();
                let registered = |f: Option<&crate::model::GroupFigures>| {
                    f.map_or_else(|| "–".to_string(), |f| format_patients_whole(f.registered))
                };
                let total = |f: Option<&crate::model::GroupFigures>| {
                    f.map_or_else(|| "–".to_string(), |f| f.total.to_whole_pounds_string())
                };
                ui.label(format!("{} {}", hub.code, title_case(&hub.name)));
                ui.label(registered(hub.before.as_ref()));
                ui.label(registered(hub.after.as_ref()));
                ui.label(signed(change.registered.0));
                // The default font has no arrow: `below to within`.
                ui.label(band_change(change.band_before, change.band_after).replace('→', " to "));
                ui.label(total(hub.before.as_ref()));
                ui.label(total(hub.after.as_ref()));
                ui.label(change.total.to_whole_pounds_string());
                ui.end_row();
            }
        });
}

fn side_label(side: &Side) -> String {
    match side {
        Side::Current => "Current option".to_string(),
        Side::Baseline => "Today's PCNs".to_string(),
        Side::Snapshot(name) => name.clone(),
        Side::File => "A saved file".to_string(),
    }
}

pub(super) fn sides_ui(ui: &mut egui::Ui, app: &mut App) {
    ui.heading("Compare");
    let mut choices = vec![Side::Current, Side::Baseline];
    choices.extend(
        app.document
            .scenario()
            .snapshots()
            .keys()
            .map(|name| Side::Snapshot(name.clone())),
    );
    choices.push(Side::File);
    for (title, before) in [("Before:", true), ("After:", false)] {
        ui.horizontal_wrapped(|ui| {
            ui.label(title);
            let side = if before {
                &mut app.compare.before
            } else {
                &mut app.compare.after
            };
            for choice in &choices {
                ui.selectable_value(side, choice.clone(), side_label(choice));
            }
        });
    }
    if app.compare.before == Side::File || app.compare.after == Side::File {
        ui.horizontal(|ui| {
            let idle = app.compare.loading.is_none() && app.compare.picking.is_none();
            if !HAS_FILE_PATHS {
                // The browser has no paths: the file comes from its file picker.
                if ui
                    .add_enabled(idle, egui::Button::new("Choose a saved file…"))
                    .clicked()
                {
                    app.compare.picking = dialog::show(FileDialog {
                        title: "A scenario to compare",
                        filters: vec![("Scenario", &["ron"])],
                        save_as: None,
                        multiple: false,
                    });
                }
                if app.compare.file.is_some() {
                    ui.label(&app.compare.file_path);
                }
                return;
            }
            let label = ui.label("File path");
            ui.text_edit_singleline(&mut app.compare.file_path)
                .labelled_by(label.id);
            if ui
                .add_enabled(idle, egui::Button::new("Read file"))
                .clicked()
            {
                let path = PathBuf::from(app.compare.file_path.trim());
                app.compare.loading = Job::spawn("read the compared file", move |_| {
                    crate::io::open_path(&path, None)
                        .map(|opened| opened.scenario)
                        .map_err(|error| error.to_string())
                });
            }
        });
    }
}
