//! The command palette: Ctrl+K, type part of a command's name, Enter runs the first match;
//! Escape closes it; a click runs any entry.

mod ui_common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use ui_common::*;

#[test]
fn ctrl_k_then_typing_and_enter_runs_the_command() {
    let mut harness = example_harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    harness.get_by_label("Run a command:");
    // Every export is there, with the rest.
    harness.get_by_label("Export: Excel workbook (.xlsx)…");
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Run a command:")
        .type_text("suggest");
    harness.run();
    assert!(
        harness
            .query_by_label("Export: Excel workbook (.xlsx)…")
            .is_none()
    );
    harness.key_press(Key::Enter);
    harness.run();
    // The Suggest window is open and the palette closed.
    harness.get_by_label("Suggest moves");
    assert!(harness.query_by_label("Run a command:").is_none());
    // Escape closes an open palette without running anything.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    harness.get_by_label("Run a command:");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Run a command:").is_none());
    assert_eq!(harness.state().document().change_count(), 0);
}

/// What the View menu and the other windows' menus do is a command too: the palette turns
/// workshop mode on, hides the figures and opens the rates window, and the View menu's
/// checkbox turns workshop mode off again.
#[test]
fn view_settings_and_windows_are_commands_of_the_palette() {
    let mut harness = example_harness();
    assert!(!harness.state().preferences().workshop_mode);
    let run = |harness: &mut egui_kittest::Harness<'_, pcn_explorer::app::App>, text: &str| {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
        harness.run();
        harness
            .get_by_role_and_label(egui::accesskit::Role::TextInput, "Run a command:")
            .type_text(text);
        harness.run();
        harness.key_press(Key::Enter);
        harness.run();
    };
    run(&mut harness, "workshop mode");
    assert!(harness.state().preferences().workshop_mode);
    run(&mut harness, "show figures");
    assert!(!harness.state().preferences().show_figures);
    run(&mut harness, "rates");
    assert!(
        harness.query_by_label("Rates").is_some(),
        "the rates window is open"
    );
    // The menu's checkbox shows the state and runs the same command.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Workshop mode (large text)").click();
    harness.run();
    assert!(!harness.state().preferences().workshop_mode);
    assert_eq!(harness.state().document().change_count(), 0);
}
