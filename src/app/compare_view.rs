//! The comparison window: save and switch snapshots, pick two sides (current option, today's
//! PCNs, a snapshot or a saved file) and read the practices that moved and each hub's change;
//! record a reason for the selected practice; write exports as background jobs with the same
//! functions as the command line.

use super::exports::{EXPORTS, ExportChoice, default_export_path};
use super::jobs::{Job, Poll};
use super::platform::HAS_FILE_PATHS;
use super::platform::dialog::{self, FileDialog, Picked};
use super::{App, Intent};
use crate::export::ExportKind;
use crate::model::compare::{Comparison, HubLabel, compare};
use crate::model::practice::title_case;
use crate::model::quantity::format_patients_whole;
use crate::model::{Action, PracticeId, Scenario};
use crate::report::band_change;
use std::path::PathBuf;

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    Current,
    Baseline,
    Snapshot(String),
    /// The scenario read from the typed path.
    File,
}

/// State of the comparison window.
pub struct CompareView {
    pub open: bool,
    pub before: Side,
    pub after: Side,
    snapshot_name: String,
    file_path: String,
    file: Option<Scenario>,
    file_generation: u64,
    /// The browser's file picker, for the "saved file" side (the web has no paths to type).
    picking: Option<Job<Picked>>,
    loading: Option<Job<Result<Scenario, String>>>,
    reason_text: String,
    reason_for: Option<PracticeId>,
    export: ExportChoice,
    export_path: String,
    message: Option<String>,
    show_all_hubs: bool,
    cache: Option<(CacheKey, Result<Comparison, String>)>,
}

#[derive(Debug, Clone, PartialEq)]
struct CacheKey {
    revision: u64,
    before: Side,
    after: Side,
    file_generation: u64,
}

impl Default for CompareView {
    fn default() -> Self {
        Self {
            open: false,
            before: Side::Baseline,
            after: Side::Current,
            snapshot_name: String::new(),
            file_path: String::new(),
            file: None,
            file_generation: 0,
            picking: None,
            loading: None,
            reason_text: String::new(),
            reason_for: None,
            export: ExportChoice::Scenario(ExportKind::Report),
            export_path: String::new(),
            message: None,
            show_all_hubs: false,
            cache: None,
        }
    }
}

/// `Option A`, `Option B`, … the first name not used yet.
fn next_snapshot_name(scenario: &Scenario) -> String {
    ('A'..='Z')
        .map(|letter| format!("Option {letter}"))
        .find(|name| scenario.snapshot(name).is_none())
        .unwrap_or_else(|| "Option".to_string())
}

/// Entries of the "Compare" menu.
pub fn compare_menu_ui(ui: &mut egui::Ui, app: &mut App) {
    let view = &mut app.compare;
    if ui.button("Save snapshot as…").clicked() {
        view.open = true;
        view.snapshot_name = next_snapshot_name(app.document.scenario());
    }
    if ui.button("Compare…").clicked() {
        view.open = true;
    }
    super::suggest_panel::suggest_menu_ui(ui, app);
    ui.label(egui::RichText::new("Exports are in the File menu (Export)").weak());
}

/// The comparison window (when open), after the panels.
pub fn compare_window_ui(ctx: &egui::Context, app: &mut App) {
    poll(ctx, app);
    let mut open = app.compare.open;
    if !open {
        return;
    }
    egui::Window::new("Compare options")
        .open(&mut open)
        .default_width(760.0)
        .default_height(560.0)
        .vscroll(true)
        .show(ctx, |ui| {
            snapshots_ui(ui, app);
            ui.separator();
            reason_ui(ui, app);
            ui.separator();
            sides_ui(ui, app);
            ui.separator();
            result_ui(ui, app);
            ui.separator();
            export_ui(ui, app);
            if let Some(message) = &app.compare.message {
                ui.label(message);
            }
        });
    // Closed by its close button, or by an action inside it (a picture export closes it).
    app.compare.open = open && app.compare.open;
}

fn poll(ctx: &egui::Context, app: &mut App) {
    let view = &mut app.compare;
    if let Some(job) = &mut view.picking {
        match job.poll() {
            Poll::Pending => {}
            Poll::Done(Picked::Bytes { name, bytes }) => {
                view.picking = None;
                view.file_path = name.clone();
                view.loading = Job::spawn("read the compared file", move |_| {
                    crate::io::open_bytes(&name, &bytes, None)
                        .map(|opened| opened.scenario)
                        .map_err(|error| error.to_string())
                });
            }
            Poll::Done(Picked::Failed { name, error }) => {
                view.picking = None;
                view.message = Some(format!("{name} cannot be read: {error}"));
            }
            Poll::Done(Picked::Path(_) | Picked::Several(_) | Picked::Nothing { .. })
            | Poll::Lost => {
                view.picking = None;
            }
        }
    }
    if let Some(job) = &mut view.loading {
        let result = match job.poll() {
            Poll::Pending => None,
            Poll::Done(result) => Some(result),
            Poll::Lost => Some(Err("reading stopped unexpectedly".to_string())),
        };
        if let Some(result) = result {
            view.loading = None;
            match result {
                Ok(scenario) => {
                    view.message = Some(format!("Read {}", view.file_path));
                    view.file = Some(scenario);
                    view.file_generation += 1;
                }
                Err(error) => view.message = Some(error),
            }
        }
    }
    if view.picking.is_some() || view.loading.is_some() {
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
    }
}

fn snapshots_ui(ui: &mut egui::Ui, app: &mut App) {
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

fn reason_ui(ui: &mut egui::Ui, app: &mut App) {
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

fn side_label(side: &Side) -> String {
    match side {
        Side::Current => "Current option".to_string(),
        Side::Baseline => "Today's PCNs".to_string(),
        Side::Snapshot(name) => name.clone(),
        Side::File => "A saved file".to_string(),
    }
}

fn sides_ui(ui: &mut egui::Ui, app: &mut App) {
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

fn resolve(app: &App, side: &Side) -> Result<Scenario, String> {
    let scenario = app.document.scenario();
    match side {
        Side::Current => Ok(scenario.clone()),
        Side::Baseline => Ok(Scenario::baseline(
            scenario.region_arc().clone(),
            scenario.rule_year,
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
pub(super) fn comparison(app: &mut App) -> Result<Comparison, String> {
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
    let year = app.document.scenario().rule_year;
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

fn result_ui(ui: &mut egui::Ui, app: &mut App) {
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

fn export_ui(ui: &mut egui::Ui, app: &mut App) {
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

impl CompareView {
    pub(super) fn set_message(&mut self, text: String) {
        self.message = Some(text);
    }
}

impl App {
    /// The comparison window's state, to read (for tests).
    pub fn compare_view(&self) -> &CompareView {
        &self.compare
    }

    /// The comparison window's state (for tests and the menu).
    pub fn compare_view_mut(&mut self) -> &mut CompareView {
        &mut self.compare
    }
}
