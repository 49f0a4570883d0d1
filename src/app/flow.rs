//! The document's life in the window: commands that open, save or close it, the unsaved-changes
//! guard in front of every one that would drop work, finished file jobs and the recovery offer.

use super::files::{FileError, Finished, LoadOutcome, PathPrompt, Purpose, RegionPrompt};
use super::platform::{self, dialog, output};
use super::{App, Command, Selection, board, map};
use crate::io::{self, FileKind};
use crate::model::{Document, Scenario};
use std::path::PathBuf;

impl App {
    /// Replaces the document with one fully read from a file.
    pub(super) fn replace_document(&mut self, scenario: Scenario, path: Option<PathBuf>) {
        self.install_document(Document::new(scenario, true), path);
        // The old document's unsaved changes were saved or discarded before this was allowed.
        self.autosave.remove();
    }

    /// Puts a document in the window with fresh selection and view state.
    pub(super) fn install_document(&mut self, document: Document, path: Option<PathBuf>) {
        self.document = document;
        self.autosave.forget_document();
        self.path = path;
        self.selection = Selection::default();
        self.board = board::BoardState::default();
        self.map = map::MapState::default();
        self.file_error = None;
        self.refresh_baseline();
    }

    /// The window's close button (or Quit): asks first when there are unsaved changes, otherwise
    /// lets the window close and removes the recovery file (a clean exit).
    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|input| input.viewport().close_requested()) {
            return;
        }
        if self.document.is_modified() && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            if self.confirm_discard.is_none() {
                self.confirm_discard = Some(Command::Quit);
            }
            return;
        }
        self.closing = true;
        // An unanswered restore offer stays for the next start.
        if self.recovery_offer.is_none() {
            self.autosave.remove_on_exit();
        }
    }

    pub(super) fn poll_jobs(&mut self, ctx: &egui::Context) {
        if let Some(finished) = self.jobs.poll() {
            self.finish_job(ctx, finished);
        }
        if self.jobs.is_busy() {
            // Only while something runs in the background; an idle window does not repaint.
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
    }

    pub(super) fn finish_job(&mut self, ctx: &egui::Context, finished: Finished) {
        match finished {
            Finished::Picked { purpose, path } => self.use_picked_path(purpose, path),
            Finished::PickedBytes {
                purpose,
                name,
                bytes,
            } => self.use_picked_bytes(purpose, &name, &bytes),
            Finished::NoPick { purpose, no_dialog } => self.no_pick(purpose, no_dialog),
            Finished::Loaded(outcome) => self.loaded(outcome),
            Finished::Saved {
                path,
                revision,
                result,
            } => self.saved(ctx, path, revision, result),
        }
    }

    /// A file picked in the browser, as bytes.
    fn use_picked_bytes(&mut self, purpose: Purpose, name: &str, bytes: &[u8]) {
        match purpose {
            Purpose::LoadRules => {
                let read = io::rules_file::read_rule_file(name, bytes);
                self.use_rule_set(name, read);
            }
            Purpose::Merge => {
                let read = io::open_bytes(name, bytes, None).map(|opened| opened.scenario);
                self.merge_with(std::path::PathBuf::from(name), read);
            }
            Purpose::ImportStaff => {
                let read = io::staff_csv::read_staff_csv(name, bytes, self.document.scenario());
                self.use_staff_list(name, read);
            }
            _ => {}
        }
    }

    /// The dialog was cancelled, or there is none (then a path is typed instead).
    fn no_pick(&mut self, purpose: Purpose, no_dialog: bool) {
        if !no_dialog {
            self.after_save = None;
            return;
        }
        // Save as starts from the document's file, or a name made from its title (ending
        // .ron); Open from the document's folder.
        let text = match (&self.path, purpose) {
            (_, Purpose::Export(choice)) => {
                super::exports::default_export_path(self.path.as_deref(), choice)
            }
            (Some(path), _) => path.display().to_string(),
            (None, Purpose::SaveAs) => self.suggested_file_name(),
            (None, _) => String::new(),
        };
        self.path_prompt = Some(PathPrompt {
            purpose,
            text,
            reason: dialog::typed_path_reason().to_string(),
        });
    }

    /// A file read in the background: it becomes the document, or asks for a region, or fails.
    fn loaded(&mut self, outcome: LoadOutcome) {
        match outcome {
            LoadOutcome::Loaded {
                path,
                opened,
                together,
            } => {
                let opened = *opened;
                let name = if together {
                    "the NHS files together".to_string()
                } else {
                    path.display().to_string()
                };
                if !together {
                    self.remember_file(&path);
                }
                let saved_path = (opened.kind == FileKind::Scenario).then_some(path);
                self.replace_document(opened.scenario, saved_path);
                self.notice = Some(if opened.warnings.is_empty() {
                    format!("Opened {name}")
                } else {
                    format!(
                        "Opened {name} with {} warning(s): {}",
                        opened.warnings.len(),
                        opened.warnings.first().cloned().unwrap_or_default()
                    )
                });
            }
            LoadOutcome::NeedsRegion { inputs, regions } => {
                self.region_prompt = Some(RegionPrompt {
                    inputs,
                    regions,
                    code: String::new(),
                });
            }
            LoadOutcome::Failed(error) => {
                self.file_error = Some(FileError::from_load(&error));
            }
        }
    }

    /// A save finished: the document is marked saved (if unchanged since), and a command
    /// waiting for the save goes on.
    fn saved(
        &mut self,
        ctx: &egui::Context,
        path: std::path::PathBuf,
        revision: u64,
        result: Result<(), String>,
    ) {
        match result {
            Ok(()) => {
                if self.document.revision() == revision {
                    self.document.mark_saved();
                    self.autosave.remove();
                }
                self.remember_file(&path);
                self.notice = Some(output::wrote_text("Saved", &path));
                self.path = Some(path);
                // "Save" in the unsaved-changes prompt: go on with what was asked.
                if let Some(command) = self.after_save.take()
                    && !self.document.is_modified()
                {
                    self.run_confirmed(ctx, command);
                }
            }
            Err(message) => {
                self.after_save = None;
                self.file_error = Some(FileError::message(
                    format!("Could not save {}", path.display()),
                    message,
                ));
            }
        }
    }

    /// Puts a file on the "Open recent" list (where files have paths to open again).
    fn remember_file(&mut self, path: &std::path::Path) {
        if platform::HAS_FILE_PATHS {
            self.prefs.remember_file(path);
        }
    }

    pub(super) fn use_picked_path(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open | Purpose::NewFromData => self.open_path(path),
            Purpose::SaveAs => self.save_to(path),
            Purpose::LoadRules => self.load_rules(&path),
            Purpose::Merge => self.open_merge(path),
            Purpose::ImportStaff => {
                let read = io::staff_csv::open_staff_csv(&path, self.document.scenario());
                self.use_staff_list(&path.display().to_string(), read);
            }
            Purpose::Export(choice) => self.start_export(choice, path, false),
        }
    }

    /// Replaces the staff plan's rows with a staff list's, as one undo step; a bad list is
    /// reported with its line and column and changes nothing.
    fn use_staff_list(
        &mut self,
        shown: &str,
        read: Result<io::staff_csv::StaffImport, crate::io::LoadError>,
    ) {
        match read {
            Ok(import) => match self.document.perform(import.action) {
                Ok(()) => {
                    self.notice = Some(format!(
                        "Read {} staff rows for {} hubs from {shown}; each card shows its ARRS headroom",
                        import.rows, import.hubs
                    ));
                }
                Err(error) => {
                    self.file_error = Some(FileError::message(
                        format!("Could not use the staff list {shown}"),
                        error.to_string(),
                    ));
                }
            },
            Err(error) => self.file_error = Some(FileError::from_load(&error)),
        }
    }

    /// Puts a rule file's set in the scenario and uses its year, as one undo step; a bad file
    /// is reported with its line and field and changes nothing.
    fn load_rules(&mut self, path: &std::path::Path) {
        let read = io::rules_file::open_rule_file(path);
        self.use_rule_set(&path.display().to_string(), read);
    }

    fn use_rule_set(
        &mut self,
        shown: &str,
        read: Result<crate::model::RuleSet, crate::io::LoadError>,
    ) {
        match read {
            Ok(set) => {
                let year = set.year;
                let title = set.title.clone();
                let action = crate::model::Action::Batch(vec![
                    crate::model::Action::PutRuleSet {
                        year,
                        set: Some(std::sync::Arc::new(set)),
                    },
                    crate::model::Action::SetRuleYear(year),
                ]);
                match self.document.perform(action) {
                    Ok(()) => {
                        self.notice = Some(format!(
                            "Loaded the {year} rules from {} ({title}); they are kept in this scenario",
                            shown
                        ));
                    }
                    Err(error) => {
                        self.file_error = Some(FileError::message(
                            format!("Could not use the rules in {}", shown),
                            error.to_string(),
                        ));
                    }
                }
            }
            Err(error) => self.file_error = Some(FileError::from_load(&error)),
        }
    }

    fn save_to(&mut self, path: PathBuf) {
        let scenario = self.document.scenario().clone();
        let revision = self.document.revision();
        if !self.jobs.start_save(path, scenario, revision) {
            self.after_save = None;
            self.notice = Some("Another file operation is still running".to_string());
        }
    }

    fn suggested_file_name(&self) -> String {
        let title = self.document.scenario().title();
        // `west-sussex-current-pcns.ron`: one dash between words, lower case.
        let mut stem = String::with_capacity(title.len());
        for ch in title.chars() {
            if ch.is_alphanumeric() {
                stem.extend(ch.to_lowercase());
            } else if !stem.ends_with('-') {
                stem.push('-');
            }
        }
        let stem = stem.trim_matches('-');
        format!("{}.ron", if stem.is_empty() { "scenario" } else { stem })
    }

    fn start_dialog(&mut self, purpose: Purpose) {
        let name = match purpose {
            Purpose::Export(choice) => {
                super::exports::default_export_name(self.path.as_deref(), choice)
            }
            _ => self.suggested_file_name(),
        };
        if !self.jobs.start_dialog(purpose, &name) {
            self.after_save = None;
            self.notice = Some("Another file operation is still running".to_string());
        }
    }

    pub(super) fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        if command == Command::Quit && platform::IN_BROWSER {
            // A page cannot close its tab; nothing is lost by staying.
            self.notice = Some("In a browser, close the tab to quit".to_string());
            return;
        }
        let discards = matches!(
            command,
            Command::Open
                | Command::NewFromPracticeData
                | Command::OpenRecent(_)
                | Command::OpenExample
                | Command::OpenRegion(_)
                | Command::Quit
        );
        if discards && self.document.is_modified() && self.confirm_discard.is_none() {
            self.confirm_discard = Some(command);
            return;
        }
        self.run_confirmed(ctx, command);
    }

    pub(super) fn run_confirmed(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::NewFromPracticeData => self.start_dialog(Purpose::NewFromData),
            Command::Open => self.start_dialog(Purpose::Open),
            Command::OpenRecent(path) => self.open_path(path),
            Command::OpenExample => {
                self.replace_document(io::example::example_scenario(), None);
            }
            Command::ChooseRegion => self.start.chooser_open = true,
            Command::About => self.start.about_open = true,
            Command::OpenRegion(code) => match io::readers::open_bundled(&code) {
                Ok(opened) => {
                    let name = opened.scenario.region().name.clone();
                    self.replace_document(opened.scenario, None);
                    self.notice = Some(format!(
                        "Opened {name} (bundled {} data)",
                        io::readers::reference::REFERENCE_YEAR
                    ));
                }
                Err(error) => self.file_error = Some(FileError::from_load(&error)),
            },
            Command::Save => match self.path.clone() {
                Some(path) => self.save_to(path),
                None => self.start_dialog(Purpose::SaveAs),
            },
            Command::SaveAs => self.start_dialog(Purpose::SaveAs),
            Command::LoadRules => self.start_dialog(Purpose::LoadRules),
            Command::ImportStaff => self.start_dialog(Purpose::ImportStaff),
            Command::MoveSelected => self.open_move_prompt(),
            Command::Palette => self.toggle_palette(),
            Command::Suggest => self.suggest.open = true,
            Command::Export(choice) => self.start_dialog(Purpose::Export(choice)),
            Command::StaffPlan => self.staff_view.open = true,
            Command::StartWorkshop => self.start_workshop(),
            Command::MergeOptions => self.start_dialog(Purpose::Merge),
            Command::ShowOption(n) => self.show_option(n),
            Command::SaveOption(n) => self.save_option(n),
            Command::TogglePresenter => self.presenter = !self.presenter,
            Command::ToggleWorkshopMode => self.prefs.workshop_mode = !self.prefs.workshop_mode,
            Command::ToggleBoard => self.prefs.show_board = !self.prefs.show_board,
            Command::ToggleFigures => self.prefs.show_figures = !self.prefs.show_figures,
            Command::SetTheme(choice) => {
                self.prefs.theme = choice;
                ctx.set_theme(choice.preference());
            }
            Command::Rates => self.rates.open = true,
            Command::SaveSnapshotAs => self.compare.open_to_save(self.document.scenario()),
            Command::Compare => self.compare.open = true,
            Command::Help => self.help.open = true,
            Command::Undo => {
                self.notice = Some(match self.document.undo() {
                    Some(label) => format!("Undid: {label}"),
                    None => "Nothing to undo".to_string(),
                });
            }
            Command::Redo => {
                self.notice = Some(match self.document.redo() {
                    Some(label) => format!("Redid: {label}"),
                    None => "Nothing to redo".to_string(),
                });
            }
            Command::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// "Restore" in the recovery offer: the recovered scenario, unsaved, with its original path.
    /// Acts on a dialog's answer (after layout, as every intent).
    pub(super) fn answer(&mut self, ctx: &egui::Context, answer: super::Answer) {
        use super::Answer;
        match answer {
            Answer::UsePath(purpose, path) => self.use_picked_path(purpose, path),
            Answer::OpenRegion(code) => {
                let Some(prompt) = self.region_prompt.take() else {
                    return;
                };
                if !self.jobs.start_load_inputs(prompt.inputs, Some(code)) {
                    self.notice = Some("Another file operation is still running".to_string());
                }
            }
            Answer::SaveThen(command) => self.save_then(ctx, command),
            Answer::Discard(command) => {
                if command == Command::Quit {
                    self.allow_close = true;
                }
                self.run_confirmed(ctx, command);
            }
            Answer::Recover(true) => self.restore_recovery(),
            Answer::Recover(false) => self.discard_recovery(),
        }
    }

    pub(super) fn restore_recovery(&mut self) {
        let Some(offer) = self.recovery_offer.take() else {
            return;
        };
        self.autosave.paused = false;
        let path = offer.header.original_path.clone();
        // The undo history comes back with it, so the room can still step back.
        self.install_document(Document::with_history(offer.scenario, offer.history), path);
        self.notice = Some(format!(
            "Restored {} unsaved change(s) of “{}”",
            offer.header.change_count, offer.header.title
        ));
    }

    /// "Discard" in the recovery offer: the recovery file goes.
    pub(super) fn discard_recovery(&mut self) {
        if self.recovery_offer.take().is_some() {
            self.autosave.paused = false;
            self.autosave.remove();
        }
    }

    /// The unsaved-changes prompt answered "Save": save, then go on with `command` once saved.
    pub(super) fn save_then(&mut self, ctx: &egui::Context, command: Command) {
        self.after_save = Some(command);
        self.run_confirmed(ctx, Command::Save);
    }
}
