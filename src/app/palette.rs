//! The command palette (Ctrl+K): type part of any command's name and press Enter (or click)
//! to run it, as in modern editors. Every entry is a [`Command`] of the one command table, with
//! its label and shortcut.

use super::exports::EXPORTS;
use super::{App, Command, Intent};

/// An open palette: what has been typed.
#[derive(Debug, Clone, Default)]
pub struct Palette {
    filter: String,
}

/// Every command the palette offers, in the order shown.
pub fn palette_commands() -> Vec<Command> {
    let mut commands = vec![
        Command::ChooseRegion,
        Command::Open,
        Command::OpenExample,
        Command::NewFromPracticeData,
        Command::Save,
        Command::SaveAs,
        Command::Undo,
        Command::Redo,
        Command::MoveSelected,
        Command::Suggest,
        Command::LoadRules,
        Command::ImportStaff,
        Command::StaffPlan,
        Command::StartWorkshop,
        Command::MergeOptions,
        Command::TogglePresenter,
        Command::ToggleWorkshopMode,
        Command::ToggleBoard,
        Command::ToggleFigures,
        Command::SetTheme(super::theme::ThemeChoice::Light),
        Command::SetTheme(super::theme::ThemeChoice::Dark),
        Command::SetTheme(super::theme::ThemeChoice::System),
        Command::Rates,
        Command::SaveSnapshotAs,
        Command::Compare,
        Command::Help,
    ];
    commands.extend(EXPORTS.iter().map(|(_, choice)| Command::Export(*choice)));
    commands.extend((1..=9).flat_map(|n| [Command::ShowOption(n), Command::SaveOption(n)]));
    commands.extend([Command::About, Command::Quit]);
    commands
}

/// What the palette shows for a command: exports say so.
fn entry_text(command: &Command) -> String {
    match command {
        Command::Export(_) => format!("Export: {}", command.label()),
        _ => command.label(),
    }
}

pub fn palette_ui(ctx: &egui::Context, app: &mut App) {
    let Some(palette) = &mut app.palette else {
        return;
    };
    let query = palette.filter.trim().to_lowercase();
    let matches: Vec<Command> = palette_commands()
        .into_iter()
        .filter(|command| query.is_empty() || entry_text(command).to_lowercase().contains(&query))
        .collect();
    let mut chosen = None;
    let mut close = ctx.input(|i| i.key_pressed(egui::Key::Escape));
    egui::Window::new("Commands")
        .collapsible(false)
        .title_bar(false)
        .default_width(460.0)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
        .show(ctx, |ui| {
            let label = ui.label("Run a command:");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut palette.filter)
                        .hint_text("type, e.g. export, staff, suggest, undo")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if !edit.has_focus() && ui.memory(|m| m.focused().is_none()) {
                edit.request_focus();
            }
            if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                chosen = matches.first().cloned();
            }
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for command in &matches {
                        let mut button = egui::Button::new(entry_text(command));
                        if let Some(shortcut) = command.shortcut() {
                            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
                        }
                        if ui.add(button).on_hover_text(command.tooltip()).clicked() {
                            chosen = Some(command.clone());
                        }
                    }
                    if matches.is_empty() {
                        ui.label("No command matches.");
                    }
                });
        });
    if let Some(command) = chosen {
        app.intents.push(Intent::Command(command));
        close = true;
    }
    if close {
        app.palette = None;
    }
}

impl App {
    /// Ctrl+K: open (or close) the palette.
    pub(super) fn toggle_palette(&mut self) {
        self.palette = match self.palette {
            Some(_) => None,
            None => Some(Palette::default()),
        };
    }
}
