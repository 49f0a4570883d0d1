//! The error panel and the modal dialogs of the window (typed path, region picker, unsaved
//! changes).

use super::files::{FileError, Purpose};
use super::{App, Command, Intent};
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
}

fn path_prompt_ui(ctx: &egui::Context, app: &mut App) {
    let Some(prompt) = app.path_prompt.as_mut() else {
        return;
    };
    let mut chosen: Option<(Purpose, PathBuf)> = None;
    let mut close = false;
    egui::Modal::new(egui::Id::unique("path prompt")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(prompt.purpose.title());
        ui.label(prompt.reason.as_str());
        ui.add_space(6.0);
        let label = ui.label("Path of the file:");
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut prompt.text)
                    .desired_width(520.0)
                    .hint_text("/home/me/pcn/region_70F.csv"),
            )
            .labelled_by(label.id);
        let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let verb = match prompt.purpose {
                Purpose::SaveAs => "Save",
                Purpose::Open | Purpose::NewFromData => "Open",
            };
            if (ui.button(verb).clicked() || entered) && !prompt.text.trim().is_empty() {
                chosen = Some((prompt.purpose, PathBuf::from(prompt.text.trim())));
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if let Some((purpose, path)) = chosen {
        app.path_prompt = None;
        app.use_picked_path(purpose, path);
    } else if close {
        app.path_prompt = None;
    }
}

fn region_prompt_ui(ctx: &egui::Context, app: &mut App) {
    let Some(prompt) = app.region_prompt.as_mut() else {
        return;
    };
    let mut open: Option<(PathBuf, String)> = None;
    let mut close = false;
    egui::Modal::new(egui::Id::unique("region prompt")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Choose a sub-ICB region");
        ui.label(format!(
            "{} is an NHS payments file covering many areas. Which sub-ICB location should be opened?",
            prompt.path.display()
        ));
        if !prompt.regions.is_empty() {
            egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
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
                open = Some((prompt.path.clone(), prompt.code.trim().to_string()));
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if let Some((path, code)) = open {
        app.region_prompt = None;
        if !app.jobs.start_load(path, Some(code)) {
            app.notice = Some("Another file operation is still running".to_string());
        }
    } else if close {
        app.region_prompt = None;
    }
}

fn confirm_discard_ui(ctx: &egui::Context, app: &mut App) {
    let Some(command) = app.confirm_discard.clone() else {
        return;
    };
    let mut answer: Option<bool> = None;
    egui::Modal::new(egui::Id::unique("confirm discard")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Unsaved changes");
        ui.label(format!(
            "“{}” has changes that are not saved. {} anyway and lose them?",
            app.document.scenario().title,
            match command {
                Command::Quit => "Quit",
                _ => "Continue",
            }
        ));
        ui.horizontal(|ui| {
            if ui.button("Save first").clicked() {
                answer = Some(false);
                app.intents.push(Intent::Command(Command::Save));
            }
            if ui.button("Discard changes").clicked() {
                answer = Some(true);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(false);
            }
        });
    });
    match answer {
        Some(true) => {
            app.confirm_discard = None;
            app.run_confirmed(ctx, command);
        }
        Some(false) => app.confirm_discard = None,
        None => {}
    }
}
