//! The workshop day: options A–I at a keystroke (1–9 show, Ctrl+1–9 keep), a start that every
//! laptop's file is merged against (File → Start a workshop), and File → Merge options…, where
//! the room settles each conflict before the merge is applied as one undo step.

use super::commands::option_name;
use super::files::FileError;
use super::{App, Intent};
use crate::model::merge::{self, Conflict, Side};
use crate::model::{Action, PracticeId, Scenario, Snapshot, WORKSHOP_START};
use std::path::PathBuf;

/// An open merge: the other file, the common start, the conflicts and the room's choices.
#[derive(Debug)]
pub struct MergeDialog {
    path: PathBuf,
    other: Scenario,
    base: Snapshot,
    conflicts: Vec<Conflict>,
    descriptions: Vec<String>,
    choices: Vec<Option<Side>>,
    /// Practices moved from the start by the other file (shown before applying).
    moved_by_other: usize,
}

/// Practices whose hub (by code) differs between two options of one region.
fn moved_between(from: &Snapshot, to: &Snapshot) -> usize {
    fn code(s: &Snapshot, i: usize) -> Option<&str> {
        s.assignment[i]
            .and_then(|id| s.hubs.get(&id))
            .map(|hub| hub.code.as_str())
    }
    (0..from.assignment.len().min(to.assignment.len()))
        .filter(|i| code(from, *i) != code(to, *i))
        .count()
}

/// The name of the saved option the screen shows now, if the current state is one of them.
pub fn shown_option(scenario: &Scenario) -> Option<String> {
    let current = scenario.current_option();
    scenario
        .snapshots()
        .iter()
        .find(|(_, snapshot)| merge::same_option(snapshot, &current))
        .map(|(name, _)| name.clone())
}

impl App {
    /// Keys 1–9: switch to Option A–I if it exists, else say how to make it.
    pub(super) fn show_option(&mut self, n: u8) {
        let name = option_name(n);
        if self.document.scenario().snapshot(&name).is_some() {
            self.intents
                .push(Intent::Edit(Action::RestoreSnapshot { name }));
        } else {
            self.notice = Some(format!(
                "There is no {name} yet: Ctrl+{n} keeps the current state as {name}"
            ));
        }
    }

    /// Ctrl+1–9: keep the current state as Option A–I (replacing one of that name).
    pub(super) fn save_option(&mut self, n: u8) {
        self.intents.push(Intent::Edit(Action::SaveSnapshot {
            name: option_name(n),
        }));
    }

    /// Keeps the current option as the workshop start and gives the file a fresh workshop id,
    /// as one undo step.
    pub(super) fn start_workshop(&mut self) {
        let id = crate::io::workshop::fresh_workshop_id();
        let action = Action::Batch(vec![
            Action::SaveSnapshot {
                name: WORKSHOP_START.to_string(),
            },
            Action::SetWorkshopId(Some(id.clone())),
        ]);
        match self.document.perform(action) {
            Ok(()) => {
                self.notice = Some(format!(
                    "Workshop {id} started: save this file and give a copy to each laptop; \
                     File > Merge options... brings their files back together"
                ));
            }
            Err(error) => self.notice = Some(format!("Not done: {error}")),
        }
    }

    /// Reads another laptop's file and opens the merge dialog (or says why they cannot merge).
    pub(super) fn open_merge(&mut self, path: PathBuf) {
        let read = crate::io::open_path(&path, None).map(|opened| opened.scenario);
        self.merge_with(path, read);
    }

    /// Opens the merge dialog on another laptop's file as read (from a path or the browser).
    pub(super) fn merge_with(
        &mut self,
        path: PathBuf,
        read: Result<Scenario, crate::io::LoadError>,
    ) {
        let other = match read {
            Ok(scenario) => scenario,
            Err(error) => {
                self.file_error = Some(FileError::from_load(&error));
                return;
            }
        };
        let scenario = self.document.scenario();
        let base = match merge::window_merge_base(scenario, &other) {
            Ok(base) => base,
            Err(error) => {
                self.file_error = Some(FileError::message(
                    format!("Cannot merge {}", path.display()),
                    error.to_string(),
                ));
                return;
            }
        };
        let mine = scenario.current_option();
        let theirs = other.current_option();
        let conflicts = match merge::conflicts(&base, &mine, &theirs) {
            Ok(conflicts) => conflicts,
            Err(error) => {
                self.file_error = Some(FileError::message(
                    format!("Cannot merge {}", path.display()),
                    error.to_string(),
                ));
                return;
            }
        };
        let descriptions = conflicts
            .iter()
            .map(|conflict| merge::describe_conflict(conflict, scenario, &other))
            .collect();
        self.merge = Some(MergeDialog {
            path,
            moved_by_other: moved_between(&base, &theirs),
            choices: vec![None; conflicts.len()],
            other,
            base,
            conflicts,
            descriptions,
        });
    }
}

/// The merge dialog: each conflict with a choice of side, then Merge (one undo step).
pub fn merge_dialog_ui(ctx: &egui::Context, app: &mut App) {
    let Some(dialog) = app.merge.as_mut() else {
        return;
    };
    let mut close = false;
    let mut apply = None;
    let modal = egui::Modal::new(egui::Id::unique("merge options")).show(ctx, |ui| {
        ui.set_width(640.0);
        ui.heading("Merge options");
        ui.label(format!(
            "A is this window; B is {} ({} practice(s) moved from the start).",
            dialog.path.display(),
            dialog.moved_by_other
        ));
        if dialog.conflicts.is_empty() {
            ui.label("No conflicts: the moves of both sides combine.");
        } else {
            ui.label(format!(
                "{} conflict(s): choose a side for each.",
                dialog.conflicts.len()
            ));
            ui.horizontal(|ui| {
                if ui.button("All A").clicked() {
                    dialog.choices.fill(Some(Side::A));
                }
                if ui.button("All B").clicked() {
                    dialog.choices.fill(Some(Side::B));
                }
            });
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for (index, text) in dialog.descriptions.iter().enumerate() {
                        ui.horizontal(|ui| {
                            let choice = &mut dialog.choices[index];
                            ui.radio_value(choice, Some(Side::A), format!("A ({})", index + 1));
                            ui.radio_value(choice, Some(Side::B), format!("B ({})", index + 1));
                            ui.label(text);
                        });
                    }
                });
        }
        let settled: Option<Vec<Side>> = dialog.choices.iter().copied().collect();
        ui.horizontal(|ui| {
            let button = ui.add_enabled(settled.is_some(), egui::Button::new("Merge"));
            if button.clicked()
                && let Some(choices) = &settled
            {
                apply = Some(choices.clone());
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if let Some(choices) = apply {
        let mine = app.document.scenario().current_option();
        match merge::merge_options(
            &dialog.base,
            &mine,
            &dialog.other.current_option(),
            &choices,
        ) {
            Ok(merged) => {
                app.intents
                    .push(Intent::Edit(Action::ReplaceOption(Box::new(merged))));
            }
            Err(error) => app.notice = Some(format!("Not merged: {error}")),
        }
        close = true;
    }
    if close || modal.should_close() {
        app.merge = None;
    }
}

/// The practice a user's move puts somewhere (a drag or the picker), if the action is one.
pub fn moved_practice(action: &Action) -> Option<PracticeId> {
    match action {
        Action::MovePractice { practice, .. } => Some(*practice),
        Action::Batch(actions) => match actions.as_slice() {
            [Action::MovePractice { practice, .. }] => Some(*practice),
            _ => None,
        },
        _ => None,
    }
}

/// "Why did this practice move?", asked after a move in workshop mode; Skip asks nothing.
#[derive(Debug)]
pub struct ReasonPrompt {
    practice: PracticeId,
    text: String,
    focus_pending: bool,
}

impl ReasonPrompt {
    pub fn new(practice: PracticeId) -> Self {
        Self {
            practice,
            text: String::new(),
            focus_pending: true,
        }
    }
}

/// A small window at the bottom: the reason goes into the decision log (shown in Compare and
/// in the report). It does not block the board; the next move replaces it.
pub fn reason_prompt_ui(ctx: &egui::Context, app: &mut App) {
    let Some(prompt) = app.reason_prompt.as_mut() else {
        return;
    };
    let scenario = app.document.scenario();
    let Some(practice) = scenario.region().practice(prompt.practice) else {
        app.reason_prompt = None;
        return;
    };
    let hub = scenario
        .hub_of(prompt.practice)
        .and_then(|id| scenario.hub(id))
        .map_or_else(
            || "Unassigned".to_string(),
            |hub| crate::model::format::title_case(&hub.name),
        );
    let mut done = false;
    let mut record = None;
    egui::Window::new("Reason for the move")
        .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -40.0))
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(format!(
                "Why did {} move to {hub}?",
                practice.display_name()
            ));
            let label = ui.label("Reason:");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut prompt.text)
                        .desired_width(420.0)
                        .hint_text("e.g. shares a building with Eastbrook Surgery"),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut prompt.focus_pending) {
                field.request_focus();
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let text = prompt.text.trim();
                if ui
                    .add_enabled(!text.is_empty(), egui::Button::new("Record reason"))
                    .clicked()
                    || (entered && !text.is_empty())
                {
                    record = Some(text.to_string());
                }
                if ui.button("Skip").clicked() {
                    done = true;
                }
            });
        });
    if let Some(reason) = record {
        app.intents.push(Intent::Edit(Action::SetReason {
            practice: prompt.practice,
            reason: Some(reason),
        }));
        done = true;
    }
    if done {
        app.reason_prompt = None;
    }
}
