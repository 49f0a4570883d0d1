//! The comparison window: save and switch snapshots, pick two sides (current option, today's
//! PCNs, a snapshot or a saved file) and read the practices that moved and each hub's change;
//! record a reason for the selected practice; write exports as background jobs with the same
//! functions as the command line. Each concern has its file: `snapshots`, `reasons`,
//! `comparison` (the sides compared and the result) and `export`.

mod comparison;
mod export;
mod reasons;
mod snapshots;

use super::exports::ExportChoice;
use super::jobs::{Job, Poll};
use super::platform::dialog::Picked;
use super::{App, Command, Intent};
use crate::model::compare::Comparison;
use crate::model::{PracticeId, Scenario};
use crate::present::export::ExportKind;
use comparison::CacheKey;
pub(super) use comparison::comparison;

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

impl CompareView {
    /// Opens the window with the next free snapshot name to keep this option under.
    pub(super) fn open_to_save(&mut self, scenario: &Scenario) {
        self.open = true;
        self.snapshot_name = snapshots::next_snapshot_name(scenario);
    }
}

/// Entries of the "Compare" menu.
pub fn compare_menu_ui(ui: &mut egui::Ui, app: &mut App) {
    for command in [Command::SaveSnapshotAs, Command::Compare] {
        if ui
            .button(command.label())
            .on_hover_text(command.tooltip())
            .clicked()
        {
            app.intents.push(Intent::Command(command));
        }
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
    crate::app::layout::window(ctx, "Compare options")
        .open(&mut open)
        .default_width(760.0)
        .default_height(560.0)
        .vscroll(true)
        .show(ctx, |ui| {
            snapshots::snapshots_ui(ui, app);
            ui.separator();
            reasons::reason_ui(ui, app);
            ui.separator();
            comparison::sides_ui(ui, app);
            ui.separator();
            comparison::result_ui(ui, app);
            ui.separator();
            export::export_ui(ui, app);
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
