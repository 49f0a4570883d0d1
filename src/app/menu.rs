//! The menu bar: document commands (with their shortcuts), edit history and view options.

use super::theme::ThemeChoice;
use super::{App, Command, Intent};

/// Adds a menu entry for a command; returns true when chosen.
fn command_button_ui(ui: &mut egui::Ui, command: &Command, enabled: bool) -> bool {
    let mut button = egui::Button::new(command.label());
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    ui.add_enabled(enabled, button)
        .on_hover_text(command.tooltip())
        .clicked()
}

/// The menu bar across the top of the window.
pub fn menu_bar_ui(ui: &mut egui::Ui, app: &mut App) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, app));
        ui.menu_button("Edit", |ui| edit_menu_ui(ui, app));
        ui.menu_button("View", |ui| view_menu_ui(ui, app));
        ui.menu_button("Figures", |ui| super::rates_view::rates_menu_ui(ui, app));
        ui.menu_button("Compare", |ui| {
            super::compare_view::compare_menu_ui(ui, app)
        });
        ui.menu_button("Help", |ui| {
            if command_button_ui(ui, &Command::Help, true) {
                app.intents.push(Intent::Command(Command::Help));
            }
            if command_button_ui(ui, &Command::About, true) {
                app.intents.push(Intent::Command(Command::About));
            }
        });
        ui.separator();
        let undo = app
            .document
            .undo_label()
            .map_or_else(|| "Nothing to undo".to_string(), |l| format!("Undo: {l}"));
        if ui
            .add_enabled(app.document.can_undo(), egui::Button::new("Undo"))
            .on_hover_text(undo)
            .clicked()
        {
            app.intents.push(Intent::Command(Command::Undo));
        }
        let redo = app
            .document
            .redo_label()
            .map_or_else(|| "Nothing to redo".to_string(), |l| format!("Redo: {l}"));
        if ui
            .add_enabled(app.document.can_redo(), egui::Button::new("Redo"))
            .on_hover_text(redo)
            .clicked()
        {
            app.intents.push(Intent::Command(Command::Redo));
        }
        ui.separator();
        document_heading_ui(ui, app);
        // Which saved option the screen shows (keys 1–9 switch between them).
        if !app.document.scenario().snapshots().is_empty() {
            let shown = super::workshop::shown_option(app.document.scenario()).map_or_else(
                || "Showing: an unsaved option".to_string(),
                |name| format!("Showing: {name}"),
            );
            ui.separator();
            ui.label(egui::RichText::new(shown).strong());
        }
    });
}

/// The document's name where everyone in the room sees it (a full-screen projector hides the
/// OS title bar): the file name, or the scenario's title for one not saved yet, and the
/// unsaved-changes mark.
fn document_heading_ui(ui: &mut egui::Ui, app: &App) {
    let heading = app.document_heading();
    let response = ui.label(egui::RichText::new(&heading).strong());
    let label = format!("Document: {heading}");
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, label.clone())
    });
}

fn file_menu_ui(ui: &mut egui::Ui, app: &mut App) {
    let idle = !app.jobs.is_busy();
    for command in [
        Command::ChooseRegion,
        Command::NewFromPracticeData,
        Command::Open,
    ] {
        if command_button_ui(ui, &command, idle) {
            app.intents.push(Intent::Command(command));
        }
    }
    if super::platform::HAS_FILE_PATHS {
        ui.menu_button("Open recent", |ui| {
            if app.prefs.recent_files.is_empty() {
                ui.label("No recent files");
            }
            for path in app.prefs.recent_files.clone() {
                let command = Command::OpenRecent(path);
                if command_button_ui(ui, &command, idle) {
                    app.intents.push(Intent::Command(command));
                }
            }
        });
    }
    if command_button_ui(ui, &Command::OpenExample, idle) {
        app.intents.push(Intent::Command(Command::OpenExample));
    }
    ui.separator();
    for command in [Command::Save, Command::SaveAs] {
        if command_button_ui(ui, &command, idle) {
            app.intents.push(Intent::Command(command));
        }
    }
    ui.separator();
    super::exports::export_menu_ui(ui, app, idle);
    ui.separator();
    for command in [Command::LoadRules, Command::ImportStaff] {
        if command_button_ui(ui, &command, idle) {
            app.intents.push(Intent::Command(command));
        }
    }
    ui.separator();
    let in_workshop = app.document.scenario().workshop_id().is_some();
    if command_button_ui(ui, &Command::StartWorkshop, idle && !in_workshop) {
        app.intents.push(Intent::Command(Command::StartWorkshop));
    }
    if command_button_ui(ui, &Command::MergeOptions, idle && in_workshop) {
        app.intents.push(Intent::Command(Command::MergeOptions));
    }
    ui.separator();
    if !super::platform::HAS_FILE_PATHS {
        // A page cannot close its own tab; saving goes to the browser's downloads folder.
        ui.label("In a browser: Save downloads the file; close the tab to quit.");
    } else if command_button_ui(ui, &Command::Quit, true) {
        app.intents.push(Intent::Command(Command::Quit));
    }
}

fn edit_menu_ui(ui: &mut egui::Ui, app: &mut App) {
    let undo_text = match app.document.undo_label() {
        Some(label) => format!("Undo {label}"),
        None => "Undo".to_string(),
    };
    let redo_text = match app.document.redo_label() {
        Some(label) => format!("Redo {label}"),
        None => "Redo".to_string(),
    };
    let undo = egui::Button::new(undo_text).shortcut_text(
        ui.ctx().format_shortcut(
            &Command::Undo
                .shortcut()
                .unwrap_or(egui::KeyboardShortcut::new(
                    egui::Modifiers::COMMAND,
                    egui::Key::Z,
                )),
        ),
    );
    if ui.add_enabled(app.document.can_undo(), undo).clicked() {
        app.intents.push(Intent::Command(Command::Undo));
    }
    let redo = egui::Button::new(redo_text).shortcut_text("Ctrl+Y / Ctrl+Shift+Z");
    if ui.add_enabled(app.document.can_redo(), redo).clicked() {
        app.intents.push(Intent::Command(Command::Redo));
    }
    ui.separator();
    let selected = app.selection.practice.is_some();
    if command_button_ui(ui, &Command::MoveSelected, selected) {
        app.intents.push(Intent::Command(Command::MoveSelected));
    }
    ui.separator();
    ui.label(format!(
        "{} change(s) in history",
        app.document.change_count()
    ));
}

fn view_menu_ui(ui: &mut egui::Ui, app: &mut App) {
    ui.label("Theme");
    for choice in [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark] {
        let command = Command::SetTheme(choice);
        if ui
            .radio(app.prefs.theme == choice, command.label())
            .on_hover_text(command.tooltip())
            .clicked()
        {
            app.intents.push(Intent::Command(command));
        }
    }
    ui.separator();
    for (command, on) in [
        (Command::ToggleWorkshopMode, app.prefs.workshop_mode),
        (Command::ToggleBoard, app.prefs.show_board),
        (Command::ToggleFigures, app.prefs.show_figures),
    ] {
        let mut shown = on;
        if ui
            .checkbox(&mut shown, command.label())
            .on_hover_text(command.tooltip())
            .changed()
        {
            app.intents.push(Intent::Command(command));
        }
    }
}
