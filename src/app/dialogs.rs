//! The error panel and the modal dialogs of the window (typed path, region picker, unsaved
//! changes).

use super::files::{FileError, Purpose};
use super::{Answer, App, Command, Intent};
use crate::io::recovery;
use std::path::PathBuf;

/// The error panel under the menu bar: the file, line and field of each problem.
pub fn error_panel_ui(ui: &mut egui::Ui, error: &mut Option<FileError>) {
    let Some(shown) = error.as_ref() else {
        return;
    };
    let mut dismiss = false;
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("!").size(22.0).strong());
        ui.vertical(|ui| {
            ui.label(egui::RichText::new(shown.headline.as_str()).strong());
            const SHOWN_PROBLEMS: usize = 6;
            for detail in shown.details.iter().take(SHOWN_PROBLEMS) {
                ui.label(detail.as_str());
            }
            if shown.details.len() > SHOWN_PROBLEMS {
                ui.label(format!(
                    "… and {} more",
                    shown.details.len() - SHOWN_PROBLEMS
                ));
            }
            ui.label(
                egui::RichText::new("Nothing was loaded; your current work is unchanged.").small(),
            );
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
            if ui.button("Dismiss").clicked() {
                dismiss = true;
            }
        });
    });
    if dismiss {
        *error = None;
    }
}

/// Every modal of the window, shown over the panels.
pub fn modals_ui(ctx: &egui::Context, app: &mut App) {
    path_prompt_ui(ctx, app);
    region_prompt_ui(ctx, app);
    confirm_discard_ui(ctx, app);
    recovery_offer_ui(ctx, app);
}

fn path_prompt_ui(ctx: &egui::Context, app: &mut App) {
    let Some(prompt) = app.path_prompt.as_mut() else {
        return;
    };
    let mut chosen: Option<(Purpose, PathBuf)> = None;
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("path prompt")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(prompt.purpose.title());
        ui.label(prompt.reason.as_str());
        ui.add_space(6.0);
        let label = ui.label("Path of the file:");
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut prompt.text)
                    .desired_width(520.0)
                    .hint_text(super::platform::dialog::path_hint()),
            )
            .labelled_by(label.id);
        // Enter gives up the field's focus: read that before taking the focus back below.
        let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        // The field has the keyboard when the prompt opens.
        if !entered && ui.memory(|memory| memory.focused().is_none()) {
            edit.request_focus();
        }
        ui.horizontal(|ui| {
            let verb = match prompt.purpose {
                Purpose::SaveAs => "Save",
                Purpose::Open | Purpose::NewFromData => "Open",
                Purpose::LoadRules => "Load",
                Purpose::ImportStaff => "Import",
                Purpose::Export(_) => "Export",
                Purpose::Merge => "Merge",
            };
            if (ui.button(verb).clicked() || entered) && !prompt.text.trim().is_empty() {
                chosen = Some((prompt.purpose, PathBuf::from(prompt.text.trim())));
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    close |= modal.should_close();
    if let Some((purpose, path)) = chosen {
        app.path_prompt = None;
        app.intents
            .push(Intent::Answer(Answer::UsePath(purpose, path)));
    } else if close {
        app.path_prompt = None;
        // A "Save, then quit" whose save was cancelled does not quit.
        app.after_save = None;
    }
}

fn region_prompt_ui(ctx: &egui::Context, app: &mut App) {
    let Some(prompt) = app.region_prompt.as_mut() else {
        return;
    };
    let mut open: Option<String> = None;
    let mut close = false;
    egui::Modal::new(egui::Id::unique("region prompt")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Choose a sub-ICB region");
        let files = super::files::LoadInput::describe(&prompt.inputs);
        let what = if prompt.inputs.len() > 1 {
            "are NHS files covering many areas"
        } else {
            "is an NHS file covering many areas"
        };
        ui.label(format!(
            "{files} {what}. Which sub-ICB location should be opened?"
        ));
        if !prompt.regions.is_empty() {
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    for (code, name, practices) in &prompt.regions {
                        let text = format!("{code}  {name} ({practices} practices)");
                        if ui.selectable_label(prompt.code == *code, text).clicked() {
                            prompt.code = code.clone();
                        }
                    }
                });
        }
        let label = ui.label("Sub-ICB code:");
        ui.add(egui::TextEdit::singleline(&mut prompt.code).hint_text("70F"))
            .labelled_by(label.id);
        ui.horizontal(|ui| {
            if ui.button("Open region").clicked() && !prompt.code.trim().is_empty() {
                open = Some(prompt.code.trim().to_string());
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if let Some(code) = open {
        // The prompt (its files) stays until the answer is acted on, after layout.
        app.intents.push(Intent::Answer(Answer::OpenRegion(code)));
    } else if close {
        app.region_prompt = None;
    }
}

fn confirm_discard_ui(ctx: &egui::Context, app: &mut App) {
    let Some(command) = app.confirm_discard.clone() else {
        return;
    };
    #[derive(Clone, Copy)]
    enum Choice {
        Save,
        Discard,
        Cancel,
    }
    let mut answer = None;
    let verb = match &command {
        Command::Quit => "closing",
        Command::OpenExample | Command::Open | Command::OpenRecent(_) => "opening another file",
        Command::NewFromPracticeData => "starting a new scenario",
        _ => "going on",
    };
    let modal = egui::Modal::new(egui::Id::unique("confirm discard")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading("Unsaved changes");
        ui.label(format!(
            "“{}” has {} change(s) that are not saved. Save them before {verb}?",
            crate::model::practice::title_case(app.document.scenario().title()),
            app.document.change_count().max(1),
        ));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                answer = Some(Choice::Save);
            }
            if ui
                .button("Discard")
                .on_hover_text("Lose the unsaved changes")
                .clicked()
            {
                answer = Some(Choice::Discard);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Choice::Cancel);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        // Escape or a click outside: the same as Cancel.
        answer = Some(Choice::Cancel);
    }
    let Some(answer) = answer else {
        return;
    };
    app.confirm_discard = None;
    let answer = match answer {
        Choice::Save => Answer::SaveThen(command),
        Choice::Discard => Answer::Discard(command),
        Choice::Cancel => return,
    };
    app.intents.push(Intent::Answer(answer));
}

/// On start, a recovery file newer than the saved document: restore it or let it go.
fn recovery_offer_ui(ctx: &egui::Context, app: &mut App) {
    let Some(offer) = app.recovery_offer.as_ref() else {
        return;
    };
    let header = &offer.header;
    let mut restore = None;
    egui::Modal::new(egui::Id::unique("recovery offer")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Recover unsaved work?");
        ui.label(format!(
            "pcn-explorer did not close normally last time. “{}” had unsaved changes that were \
             kept in a recovery file.",
            crate::model::practice::title_case(&header.title)
        ));
        ui.add_space(4.0);
        let now = recovery::unix_now_s();
        ui.label(format!(
            "{} ({}), {} change(s).",
            recovery::describe_age(header.written_unix_s, now),
            recovery::utc_text(header.written_unix_s),
            header.change_count
        ));
        let file = header.original_path.as_ref().map_or_else(
            || "It had not been saved to a file yet.".to_string(),
            |path| format!("Its file: {}", path.display()),
        );
        ui.label(file);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui
                .button("Restore")
                .on_hover_text("Open the recovered work (unsaved)")
                .clicked()
            {
                restore = Some(true);
            }
            if ui
                .button("Discard")
                .on_hover_text("Delete the recovery file")
                .clicked()
            {
                restore = Some(false);
            }
        });
    });
    if let Some(restore) = restore {
        app.intents.push(Intent::Answer(Answer::Recover(restore)));
    }
}
