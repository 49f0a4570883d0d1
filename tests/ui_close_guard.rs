//! The unsaved-changes guard: the window's close button, Quit, Open and New ask first (Save /
//! Discard / Cancel); Cancel keeps the window and the work; with nothing unsaved nothing is asked.

mod ui_common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pcn_explorer::app::App;
use ui_common::*;

fn one_move(harness: &mut Harness<'_, App>) {
    move_with_picker(
        harness,
        "Copper Beech Surgery, 17,585 patients",
        "Eastbrook PCN",
    );
    assert!(harness.state().document().is_modified());
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_and_cancel_keeps_everything() {
    let mut harness = example_harness();
    one_move(&mut harness);
    let before = harness.state().document().scenario().clone();
    request_close(&mut harness);
    assert!(close_was_cancelled(&harness), "the close is held");
    harness.run();
    assert!(harness.state().is_asking_to_discard());
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Save");
    harness.get_by_label("Discard");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Unsaved changes").is_none());
    assert!(!harness.state().is_closing());
    assert_eq!(harness.state().document().scenario(), &before);
    assert_eq!(harness.state().document().change_count(), 1);
    // A second close request asks again.
    request_close(&mut harness);
    assert!(close_was_cancelled(&harness));
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    request_close(&mut harness);
    assert!(!close_was_cancelled(&harness));
    assert!(harness.state().is_closing());
}

#[test]
fn closing_with_nothing_unsaved_closes_without_asking() {
    let mut harness = example_harness();
    request_close(&mut harness);
    assert!(!close_was_cancelled(&harness));
    assert!(harness.state().is_closing());
    harness.run();
    assert!(harness.query_by_label("Unsaved changes").is_none());
}

#[test]
fn quit_and_open_with_unsaved_changes_ask_first() {
    let mut harness = example_harness();
    one_move(&mut harness);
    for entry in ["Quit", "Open the example region"] {
        harness.get_by_label("File").click();
        harness.run();
        harness.get_by_label_contains(entry).click();
        harness.run();
        harness.get_by_label("Unsaved changes");
        harness.get_by_label("Cancel").click();
        harness.run();
        assert_eq!(harness.state().document().change_count(), 1, "{entry}");
        assert!(!harness.state().is_closing());
    }
    // Ctrl+Q too.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    harness.run();
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run();
    // Discard on "open the example" replaces the work with the example.
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open the example region").click();
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(!harness.state().document().is_modified());
    assert_eq!(harness.state().document().change_count(), 0);
}

#[test]
fn save_in_the_prompt_saves_then_closes() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("plan.ron");
    pcn_explorer::io::scenario_file::save_scenario(
        &path,
        &pcn_explorer::io::example::example_scenario(),
    )
    .expect("saved");
    let loaded = pcn_explorer::io::open_path(&path, None).expect("loaded");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .with_max_steps(40)
        .build_eframe(move |cc| {
            App::new(
                cc,
                pcn_explorer::model::Document::new(loaded.scenario, true),
                Some(path),
            )
        });
    harness.run();
    one_move(&mut harness);
    request_close(&mut harness);
    harness.run();
    harness.get_by_label("Save").click();
    step_until(&mut harness, |harness| {
        !harness.state().is_busy() && !harness.state().document().is_modified()
    });
    harness.run();
    assert!(!harness.state().document().is_modified(), "saved");
    let reread = pcn_explorer::io::open_path(&folder.path().join("plan.ron"), None).expect("read");
    assert_eq!(&reread.scenario, harness.state().document().scenario());
    // The save went on to quit: the next close request passes.
    request_close(&mut harness);
    assert!(!close_was_cancelled(&harness));
    assert!(harness.state().is_closing());
}
