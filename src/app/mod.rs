//! The eframe window: hub board (left), map (centre), figures (right), status line.
//!
//! Panels only read the document and push [`Intent`]s during a frame; the app applies them once
//! after layout, so one drag is one `Document::perform` and one undo step.

pub mod autosave;
pub mod board;
pub mod commands;
pub mod compare_view;
pub mod context;
pub mod dialogs;
pub mod exports;
pub mod figures;
pub mod files;
mod flow;
pub mod help;
pub mod jobs;
pub mod layout;
pub mod map;
pub mod menu;
pub mod move_prompt;
pub mod palette;
pub mod platform;
pub mod prefs;
mod presenter;
pub mod rates_view;
pub mod sources;
pub mod staff;
pub mod start_screen;
mod startup;
pub mod status;
pub mod suggest_panel;
pub mod theme;
mod workshop;

pub use commands::Command;
#[cfg(target_arch = "wasm32")]
pub use startup::run_web;
#[cfg(not(target_arch = "wasm32"))]
pub use startup::run_window;

use crate::io::recovery::RecoveryInfo;
use crate::model::{Action, Document, GroupFigures, PracticeId, RuleYear, Scenario};
use files::{FileError, FileJobs, PathPrompt, RegionPrompt};
use platform::storage::Store;
use prefs::Preferences;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The application id (preferences folder, window class).
pub const APP_ID: &str = "pcn-explorer";

/// What a panel asks for during a frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    Edit(Action),
    Command(Command),
    Select(Option<PracticeId>),
    /// Select a practice chosen elsewhere (the map, a search) and scroll the board to it.
    Reveal(PracticeId),
    /// A dialog's answer, acted on after layout like every other intent.
    Answer(Answer),
}

/// What a dialog was answered with.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A typed path for what the path prompt was asking for.
    UsePath(files::Purpose, PathBuf),
    /// The sub-ICB to read the region prompt's files with.
    OpenRegion(String),
    /// "Save" in the unsaved-changes prompt: save, then run the command.
    SaveThen(Command),
    /// "Discard" in the unsaved-changes prompt: run the command without saving.
    Discard(Command),
    /// The recovery offer: restore the recovered work, or delete the file.
    Recover(bool),
}

/// Figures of the region's baseline (today's PCNs) under the scenario's rates, by hub code
/// ([`crate::model::compare::baseline_figures`]), with what they were computed from.
struct Baseline {
    region: Arc<crate::model::Region>,
    year: RuleYear,
    /// The scenario's rate edits, loaded rules and adjusted populations (so Δ shows regrouping
    /// only).
    edits: crate::model::RuleEdits,
    loaded: BTreeMap<RuleYear, Arc<crate::model::RuleSet>>,
    adjusted: BTreeMap<PracticeId, crate::model::Patients>,
    by_code: BTreeMap<String, GroupFigures>,
}

/// The selection shared by the board and the map (changed only by intents).
#[derive(Debug, Default, Clone)]
pub struct Selection {
    pub practice: Option<PracticeId>,
}

/// The window's state.
pub struct App {
    document: Document,
    /// Where the scenario was opened from or saved to; `None` for a new one.
    path: Option<PathBuf>,
    prefs: Preferences,
    /// The preferences as last written to the data folder (to skip unchanged writes).
    written_prefs: Option<Preferences>,
    baseline: Option<Baseline>,
    selection: Selection,
    board: board::BoardState,
    map: map::MapState,
    figures: figures::FiguresState,
    jobs: FileJobs,
    file_error: Option<FileError>,
    path_prompt: Option<PathPrompt>,
    region_prompt: Option<RegionPrompt>,
    /// A command waiting for "Save / Discard / Cancel" because there are unsaved changes.
    confirm_discard: Option<Command>,
    /// A command to run once the save started by that prompt has finished.
    after_save: Option<Command>,
    /// The user confirmed quitting: the next close request is not stopped.
    allow_close: bool,
    /// The window is closing (a close request was let through).
    closing: bool,
    autosave: autosave::Autosave,
    /// A recovery file found on start, offered until answered.
    recovery_offer: Option<RecoveryInfo>,
    /// Last message for the status line ("Undid Move …").
    notice: Option<String>,
    /// The notice and file error last written to the log (the browser's console on the web).
    logged: (Option<String>, Option<FileError>),
    intents: Vec<Intent>,
    applied_title: String,
    applied_zoom: f32,
    compare: compare_view::CompareView,
    help: help::Help,
    rates: rates_view::RatesView,
    staff_view: staff::StaffView,
    exports: exports::Exports,
    move_prompt: Option<move_prompt::MovePrompt>,
    palette: Option<palette::Palette>,
    suggest: suggest_panel::SuggestView,
    /// Which panel a narrow window shows beside the board.
    compact_tab: layout::CompactTab,
    /// The region chooser and the About box.
    start: start_screen::StartScreen,
    /// File → Merge options…, while open.
    merge: Option<workshop::MergeDialog>,
    /// Presenter mode (F5): full screen, large text, the decision's figures only.
    presenter: bool,
    presenter_cache: presenter::PresenterCache,
    /// In workshop mode, after a move: why? (skippable; fills the decision log).
    reason_prompt: Option<workshop::ReasonPrompt>,
    /// The presenter mode last sent to the window (full screen).
    applied_presenter: bool,
}

impl App {
    /// A window on a document. Reads preferences from eframe storage when there is one (tests
    /// pass none), never the document.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        document: Document,
        path: Option<PathBuf>,
    ) -> Self {
        let prefs = Preferences::load(cc.storage);
        theme::apply_base_style(&cc.egui_ctx);
        cc.egui_ctx.set_theme(prefs.theme.preference());
        let mut app = Self {
            document,
            path,
            prefs,
            baseline: None,
            selection: Selection::default(),
            board: board::BoardState::default(),
            map: map::MapState::default(),
            figures: figures::FiguresState::default(),
            jobs: FileJobs::default(),
            file_error: None,
            path_prompt: None,
            region_prompt: None,
            confirm_discard: None,
            after_save: None,
            allow_close: false,
            closing: false,
            autosave: autosave::Autosave::new(None),
            recovery_offer: None,
            notice: None,
            logged: (None, None),
            intents: Vec::new(),
            applied_title: String::new(),
            applied_zoom: 1.0,
            compare: compare_view::CompareView::default(),
            help: help::Help::default(),
            rates: rates_view::RatesView::default(),
            staff_view: staff::StaffView::default(),
            exports: exports::Exports::default(),
            move_prompt: None,
            palette: None,
            suggest: suggest_panel::SuggestView::default(),
            compact_tab: layout::CompactTab::default(),
            written_prefs: None,
            start: start_screen::StartScreen::default(),
            merge: None,
            presenter: false,
            presenter_cache: presenter::PresenterCache::default(),
            reason_prompt: None,
            applied_presenter: false,
        };
        app.refresh_baseline();
        app
    }

    /// A window on a scenario, as if just opened (for tests and benchmarks).
    pub fn with_scenario(cc: &eframe::CreationContext<'_>, scenario: Scenario) -> Self {
        Self::new(cc, Document::new(scenario, true), None)
    }

    /// Where the map drew a practice in the last frame (screen points), if it is in view: what a
    /// person aims at to click it (tests).
    pub fn map_position_of(&self, practice: PracticeId) -> Option<egui::Pos2> {
        self.map.screen_position(practice)
    }

    /// The map's state: the names it placed and how often it rebuilt its paint (tests).
    pub fn map_view(&self) -> &map::MapState {
        &self.map
    }

    /// How many times the population chart built its rows (tests: still frames reuse them).
    pub fn population_chart_builds(&self) -> u64 {
        self.figures.population_chart_builds()
    }

    /// Never opens a native file dialog: Open, Save as and the other pickers ask for a typed
    /// path instead (tests use this, so the fallback is the same on every machine).
    pub fn without_file_dialogs(mut self) -> Self {
        self.jobs.disable_native_dialogs();
        self
    }

    /// Turns on autosave into `dir` (the app's data folder; tests pass a temporary one) and
    /// offers a recovery file found there if it is newer than the document's saved file.
    pub fn with_data_dir(self, dir: PathBuf) -> Self {
        self.with_store(Store::Folder(dir))
    }

    /// Turns on autosave into a store (a data folder, or the browser's storage) and offers a
    /// recovery file found there, as [`App::with_data_dir`] does.
    pub fn with_store(mut self, store: Store) -> Self {
        if let Some(prefs) = Preferences::read_from(&store) {
            self.prefs = prefs;
        }
        self.recovery_offer = store
            .find_recovery()
            .filter(|found| !found.is_older_than_saved_file());
        if let Some(offer) = &self.recovery_offer {
            log::info!(
                "pcn-explorer: recovery offered: “{}”, {} change(s)",
                offer.header.title,
                offer.header.change_count
            );
        }
        self.autosave = autosave::Autosave::new(Some(store));
        self.autosave.paused = self.recovery_offer.is_some();
        self
    }

    /// Writes the recovery file now instead of waiting for the 30 s timer or a focus loss.
    pub fn autosave_now(&mut self) {
        self.autosave
            .write_now(&self.document, self.path.as_deref());
    }

    /// True while an autosave write or removal is still running.
    pub fn autosave_pending(&self) -> bool {
        self.autosave.is_pending()
    }

    /// The recovery file offered on start, until the user answers.
    pub fn recovery_offer(&self) -> Option<&RecoveryInfo> {
        self.recovery_offer.as_ref()
    }

    /// True once a close request has been let through (nothing unsaved, or confirmed).
    pub fn is_closing(&self) -> bool {
        self.closing
    }

    /// True while the unsaved-changes prompt is shown.
    pub fn is_asking_to_discard(&self) -> bool {
        self.confirm_discard.is_some()
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    pub fn preferences(&self) -> &Preferences {
        &self.prefs
    }

    /// The error panel's headline and details, if shown.
    pub fn file_error(&self) -> Option<&FileError> {
        self.file_error.as_ref()
    }

    pub fn selected_practice(&self) -> Option<PracticeId> {
        self.selection.practice
    }

    /// True while a dialog, load or save runs in the background.
    pub fn is_busy(&self) -> bool {
        self.jobs.is_busy()
    }

    /// Starts reading a file in the background (as a dropped file or a typed path does).
    pub fn open_path(&mut self, path: PathBuf) {
        if !self.jobs.start_load(path, None) {
            self.notice = Some("Another file operation is still running".to_string());
        }
    }

    /// The heading the window shows itself: `• option-a.ron`, or `• West Sussex – current PCNs
    /// (not saved)` for a document that has no scenario file yet.
    pub fn document_heading(&self) -> String {
        let marker = if self.document.is_modified() {
            "• "
        } else {
            ""
        };
        match &self.path {
            Some(path) => format!(
                "{marker}{}",
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ),
            None => format!(
                "{marker}{} (not saved)",
                crate::model::practice::title_case(self.document.scenario().title())
            ),
        }
    }

    /// Shows the region chooser (the start screen).
    pub fn show_region_chooser(&mut self) {
        self.start.chooser_open = true;
    }

    /// True while the region chooser is shown.
    pub fn is_choosing_region(&self) -> bool {
        self.start.chooser_open
    }

    /// The window title: `NAME — pcn-explorer`, with `•` when there are unsaved changes.
    pub fn window_title(&self) -> String {
        let name = match &self.path {
            Some(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None => crate::model::practice::title_case(self.document.scenario().title()),
        };
        let marker = if self.document.is_modified() {
            "• "
        } else {
            ""
        };
        format!("{marker}{name} — pcn-explorer")
    }

    /// Baseline figures of a hub code under the current rule year.
    pub fn baseline_of(&self, code: &str) -> Option<&GroupFigures> {
        self.baseline.as_ref()?.by_code.get(code)
    }

    fn refresh_baseline(&mut self) {
        let scenario = self.document.scenario();
        if let Some(baseline) = &self.baseline
            && Arc::ptr_eq(&baseline.region, scenario.region_arc())
            && baseline.year == scenario.rule_year()
            && &baseline.edits == scenario.rule_edits()
            && &baseline.loaded == scenario.loaded_rule_sets()
            && &baseline.adjusted == scenario.adjusted_entries()
        {
            return;
        }
        self.baseline = Some(Baseline {
            region: scenario.region_arc().clone(),
            year: scenario.rule_year(),
            edits: scenario.rule_edits().clone(),
            loaded: scenario.loaded_rule_sets().clone(),
            adjusted: scenario.adjusted_entries().clone(),
            by_code: crate::model::compare::baseline_figures(scenario),
        });
    }

    fn handle_keyboard(&mut self, ctx: &egui::Context) {
        // Only a text field keeps the keys for itself; a focused chip or button does not.
        let text_focused = ctx.text_edit_focused();
        if self.presenter
            && self.merge.is_none()
            && ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.presenter = false;
        }
        for (shortcut, command) in Command::keyboard_table() {
            if text_focused && command.yields_to_text_fields() {
                continue;
            }
            if ctx.input_mut(|input| input.consume_shortcut(&shortcut)) {
                self.intents.push(Intent::Command(command));
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|input| input.raw.dropped_files.clone());
        if dropped.is_empty() {
            return;
        }
        if !self.jobs.start_load_dropped(&dropped) {
            self.notice = Some("Another file operation is still running".to_string());
        }
    }

    /// Applies what the panels asked for, once, after layout.
    fn apply_intents(&mut self, ctx: &egui::Context) {
        let revision = self.document.revision();
        let selected = self.selection.practice;
        if !self.intents.is_empty() {
            // What an intent changed (a preference, a window opened) is drawn next frame.
            ctx.request_repaint();
        }
        for intent in std::mem::take(&mut self.intents) {
            match intent {
                Intent::Edit(action) => {
                    let moved = workshop::moved_practice(&action);
                    // A move by hand (a drag, the map's picker) may not move what is locked,
                    // and takes the practices it moves together with.
                    let action = match action {
                        crate::model::Action::MovePractice { practice, to } => {
                            match crate::model::hand_move(self.document.scenario(), practice, to) {
                                Ok(action) => action,
                                Err(reason) => {
                                    self.notice = Some(format!("Not moved: {reason}"));
                                    continue;
                                }
                            }
                        }
                        other => other,
                    };
                    let label = crate::model::describe(self.document.scenario(), &action);
                    match self.document.perform(action) {
                        Ok(()) => {
                            self.notice = Some(label);
                            if let Some(practice) = moved
                                && (self.prefs.workshop_mode || self.presenter)
                            {
                                self.reason_prompt = Some(workshop::ReasonPrompt::new(practice));
                            }
                        }
                        Err(error) => self.notice = Some(format!("Not done: {error}")),
                    }
                }
                Intent::Command(command) => self.run_command(ctx, command),
                Intent::Select(practice) => {
                    self.selection.practice = practice;
                }
                Intent::Reveal(practice) => {
                    self.selection.practice = Some(practice);
                    self.board.reveal(practice);
                }
                Intent::Answer(answer) => self.answer(ctx, answer),
            }
        }
        if let Some(selected) = self.selection.practice
            && self
                .document
                .scenario()
                .region()
                .practice(selected)
                .is_none()
        {
            self.selection.practice = None;
        }
        self.refresh_baseline();
        if self.document.revision() != revision || self.selection.practice != selected {
            // The panels drawn this pass show the figures (or the selection) before the change:
            // lay the frame out again so that what is painted after a drop, an undo or a click
            // is already up to date.
            ctx.request_discard("the document or the selection changed");
        }
    }

    /// Writes a new notice or file error to the log once: the browser's console on the web (where
    /// `tools/check_web.sh` reads it); nowhere on the desktop, which installs no logger.
    fn log_messages(&mut self) {
        if self.logged.0 != self.notice {
            if let Some(notice) = &self.notice {
                log::info!("pcn-explorer: {notice}");
            }
            self.logged.0.clone_from(&self.notice);
        }
        if self.logged.1 != self.file_error {
            if let Some(error) = &self.file_error {
                log::warn!(
                    "pcn-explorer: {}: {}",
                    error.headline,
                    error.details.join("; ")
                );
            }
            self.logged.1.clone_from(&self.file_error);
        }
    }

    fn apply_window_settings(&mut self, ctx: &egui::Context) {
        // Preferences may change outside the View menu (read from the data folder at start).
        let theme = self.prefs.theme.preference();
        if ctx.options(|options| options.theme_preference) != theme {
            ctx.set_theme(theme);
        }
        let title = self.window_title();
        if title != self.applied_title {
            platform::set_window_title(ctx, &title);
            self.applied_title = title;
        }
        if self.presenter != self.applied_presenter {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.presenter));
            self.applied_presenter = self.presenter;
        }
        let zoom = if self.presenter {
            // Larger on a larger projector: the same share of the screen per figure.
            let native_height = ctx.content_rect().height() * ctx.zoom_factor();
            (native_height / 570.0).clamp(theme::PRESENTER_ZOOM, 2.0)
        } else if self.prefs.workshop_mode {
            theme::WORKSHOP_ZOOM
        } else {
            1.0
        };
        if (zoom - self.applied_zoom).abs() > f32::EPSILON {
            ctx.set_zoom_factor(zoom);
            self.applied_zoom = zoom;
        }
    }

    fn panels_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("menu bar").show(ui, |ui| {
            menu::menu_bar_ui(ui, self);
        });
        egui::Panel::bottom("status line").show(ui, |ui| {
            status::status_line_ui(ui, self);
        });
        if self.file_error.is_some() {
            egui::Panel::top("error panel")
                .frame(
                    egui::Frame::default()
                        .fill(theme::error_fill(ui.visuals().dark_mode))
                        .inner_margin(8.0),
                )
                .show(ui, |ui| dialogs::error_panel_ui(ui, &mut self.file_error));
        }
        layout::set_window_area(ui.ctx(), ui.available_rect_before_wrap());
        let view = view_of(&self.document, &self.selection, self.baseline.as_ref());
        // Panel widths start as shares of the window and are remembered per window-width class
        // (laptop, projector, …), so a resize to a very different screen starts from good defaults.
        let window_width = ui.ctx().content_rect().width();
        let width_class = (window_width / 240.0).round() as u32;
        // A narrow window (a laptop in workshop mode: 1366 pixels at 1.4 are 976 points) shows
        // the board and one larger panel, the figures or the map, chosen by tabs: nothing cut.
        let compact = window_width < layout::COMPACT_WIDTH
            && self.prefs.show_board
            && self.prefs.show_figures;
        if self.prefs.show_board {
            let share = if compact { 0.36 } else { 0.23 };
            egui::Panel::left(("hub board", width_class))
                .resizable(true)
                .default_size((window_width * share).clamp(260.0, 440.0))
                .size_range(240.0..=600.0)
                .show(ui, |ui| {
                    self.board.ui(ui, &view, &mut self.intents);
                });
        }
        if compact {
            egui::CentralPanel::default().show(ui, |ui| {
                layout::tabs_ui(ui, &mut self.compact_tab);
                match self.compact_tab {
                    layout::CompactTab::Figures => self.figures.ui(
                        ui,
                        &view,
                        &self.board.drop_preview(),
                        &mut self.prefs.chart,
                        &mut self.intents,
                    ),
                    layout::CompactTab::Map => self.map.ui(ui, &view, &mut self.intents),
                }
            });
            return;
        }
        if self.prefs.show_figures {
            // A laptop's 1366 points (or a projector's 1920 pixels at 1.4) give the figures a
            // larger share, so that the table's hub names fit beside its key columns.
            let share = if window_width < 1500.0 { 0.47 } else { 0.42 };
            egui::Panel::right(("figures", width_class))
                .resizable(true)
                .default_size((window_width * share).clamp(360.0, 900.0))
                .size_range(300.0..=1100.0)
                .show(ui, |ui| {
                    self.figures.ui(
                        ui,
                        &view,
                        &self.board.drop_preview(),
                        &mut self.prefs.chart,
                        &mut self.intents,
                    );
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.map.ui(ui, &view, &mut self.intents);
        });
    }
}

/// What the panels read this frame (from the fields, so that the panels' own state stays free
/// to borrow mutably).
fn view_of<'a>(
    document: &'a Document,
    selection: &Selection,
    baseline: Option<&'a Baseline>,
) -> context::View<'a> {
    context::View {
        scenario: document.scenario(),
        metrics: document.metrics(),
        revision: document.revision(),
        selected: selection.practice,
        baseline: baseline.map(|b| &b.by_code),
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.handle_close_request(&ctx);
        self.handle_dropped_files(&ctx);
        self.handle_keyboard(&ctx);
        self.poll_jobs(&ctx);
        self.poll_exports(&ctx);
        // Floating windows may use the whole window unless the panels below say otherwise.
        layout::set_window_area(&ctx, ctx.content_rect());
        if self.presenter {
            presenter::presenter_ui(ui, self);
        } else {
            self.panels_ui(ui);
        }
        dialogs::modals_ui(&ctx, self);
        compare_view::compare_window_ui(&ctx, self);
        workshop::merge_dialog_ui(&ctx, self);
        workshop::reason_prompt_ui(&ctx, self);
        self.help.ui(&ctx);
        rates_view::rates_window_ui(&ctx, self);
        staff::staff_window_ui(&ctx, self);
        suggest_panel::suggest_window_ui(&ctx, self);
        move_prompt::move_prompt_ui(&ctx, self);
        palette::palette_ui(&ctx, self);
        start_screen::start_windows_ui(&ctx, self);
        self.apply_intents(&ctx);
        if let Some(error) = self
            .autosave
            .tick(&ctx, &self.document, self.path.as_deref())
        {
            self.notice = Some(error);
        }
        self.apply_window_settings(&ctx);
        self.log_messages();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs.store(storage);
        if let Some(store) = self.autosave.store().cloned()
            && self.written_prefs.as_ref() != Some(&self.prefs)
        {
            match self.prefs.write_to(&store) {
                Ok(()) => self.written_prefs = Some(self.prefs.clone()),
                Err(error) => self.notice = Some(format!("Preferences not saved: {error}")),
            }
        }
    }
}
