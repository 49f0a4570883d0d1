//! Opening a broken file shows the error (file, line, field) and keeps the current work.

mod ui_common;

use egui_kittest::kittest::{NodeT, Queryable};
use std::io::Write as _;
use std::path::Path;
use std::sync::Arc;
use ui_common::*;

#[test]
fn dropping_a_broken_file_shows_the_error_and_keeps_the_work() {
    let mut harness = example_harness();
    // Some work in progress: the hub picker moves a practice.
    move_with_picker(
        &mut harness,
        "Copper Beech Surgery, 17,585 patients",
        "Eastbrook PCN",
    );
    let before = harness.state().document().metrics().clone();
    let title = harness.state().window_title();
    assert!(title.starts_with("• "), "{title}");

    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("broken.csv");
    let mut file = std::fs::File::create(&path).expect("create");
    let header = pcn_explorer::io::example::EXAMPLE_CSV
        .lines()
        .next()
        .expect("header");
    writeln!(file, "{header}").expect("write");
    writeln!(
        file,
        "X1,A SURGERY,RF1 1AA,52.4,-1.9,lots,100,X10001,P PCN,1,1,,99X,R,Urban,2023-03-31"
    )
    .expect("write");
    drop(file);

    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(path.clone())));
    wait_until_idle(&mut harness);

    let error = harness
        .state()
        .file_error()
        .expect("an error is shown")
        .clone();
    assert!(error.headline.contains("broken.csv"), "{error:?}");
    assert!(
        error.details.iter().any(|d| d.contains("line 2")),
        "{error:?}"
    );
    harness.get_by_label_contains("Could not open");
    harness.get_by_label_contains("line 2");
    harness.get_by_label("Nothing was loaded; your current work is unchanged.");
    // The work is intact.
    assert_eq!(harness.state().document().metrics(), &before);
    assert_eq!(harness.state().window_title(), title);
    assert_eq!(harness.state().document().change_count(), 1);

    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(harness.state().file_error().is_none());
}

#[test]
fn dropping_a_good_practice_file_replaces_the_document_once_read() {
    let mut harness = example_harness();
    let region_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/region_70F.csv");
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(region_file)));
    wait_until_idle(&mut harness);
    assert!(harness.state().file_error().is_none());
    assert_eq!(harness.state().document().scenario().region().len(), 75);
    assert!(!harness.state().document().is_modified());
    // A practice file read in is not a saved scenario: the window does not say "Saved".
    harness.get_by_label("Not yet saved as a scenario");
    assert!(harness.query_by_label("Saved").is_none());
}

#[test]
fn without_a_file_dialog_the_user_types_a_path() {
    let mut harness = example_harness();
    // Some work, so that opening asks before discarding it.
    move_with_picker(
        &mut harness,
        "Copper Beech Surgery, 17,585 patients",
        "Eastbrook PCN",
    );

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Open…").click();
    harness.run();
    // Unsaved changes: the user is asked first.
    harness.get_by_label("Discard").click();
    harness.step();
    wait_until_idle(&mut harness);
    // No desktop portal or zenity on a test machine: rfd answers at once with nothing, and the
    // window offers a path field instead of silently doing nothing.
    // The harness has no native dialogs, so the field must be offered on every machine.
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("missing.csv");
    type_path(&mut harness, &path);
    harness.get_by_label("Open").click();
    wait_until_idle(&mut harness);
    let error = harness
        .state()
        .file_error()
        .expect("missing file is reported");
    assert!(error.headline.contains("missing.csv"), "{error:?}");
    // The practice moved before is still moved.
    assert_eq!(harness.state().document().change_count(), 1);
}

#[test]
fn ctrl_s_on_a_new_scenario_asks_where_to_save_and_saves_or_reports_why_not() {
    let mut harness = example_harness();
    move_with_picker(
        &mut harness,
        "Copper Beech Surgery, 17,585 patients",
        "Eastbrook PCN",
    );
    assert!(harness.state().document().is_modified());
    // The window's own heading (the OS title bar is hidden on a full-screen projector) says
    // the work is unsaved and has no file yet.
    harness.get_by_label_contains("Document: • ");
    harness.get_by_label_contains("(not saved)");
    harness.hover_at(egui::pos2(700.0, 300.0));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    wait_until_idle(&mut harness);
    // The field is offered with a name made from the title, ending .ron, and the keyboard in it.
    let field = harness.get_by_label("Path of the file:");
    let suggested = field.accesskit_node().value().unwrap_or_default();
    assert!(suggested.ends_with("-current-pcns.ron"), "{suggested}");
    assert!(field.accesskit_node().is_focused());
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("option-a.ron");
    type_path(&mut harness, &path);
    harness.get_by_label("Save").click();
    wait_until_idle(&mut harness);
    assert!(
        harness.state().file_error().is_none(),
        "a temporary folder is writable: {:?}",
        harness.state().file_error()
    );
    assert!(!harness.state().document().is_modified());
    assert_eq!(harness.state().path(), Some(path.as_path()));
    assert!(harness.state().window_title().starts_with("option-a.ron"));
    harness.get_by_label("Document: option-a.ron");
    harness.get_by_label("Saved");
    // The file on disk is the moved scenario, read back by the same reader the user has.
    let reread = pcn_explorer::io::open_path(&path, None).expect("the saved file reads back");
    assert_eq!(&reread.scenario, harness.state().document().scenario());
    let saved = &reread.scenario;
    let copper_beech = saved
        .region()
        .practices()
        .iter()
        .position(|practice| practice.display_name() == "Copper Beech Surgery")
        .expect("Copper Beech is in the example");
    let hub = saved
        .hub_of(saved.region().practice_ids().nth(copper_beech).expect("id"))
        .and_then(|hub| saved.hub(hub))
        .expect("Copper Beech is in a hub");
    assert_eq!(
        pcn_explorer::model::practice::title_case(&hub.name),
        "Eastbrook PCN",
        "the saved file holds the move"
    );
}

#[test]
fn enter_in_the_path_field_saves_as_the_save_button_does() {
    let mut harness = example_harness();
    move_with_picker(
        &mut harness,
        "Copper Beech Surgery, 17,585 patients",
        "Eastbrook PCN",
    );
    harness.hover_at(egui::pos2(700.0, 300.0));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    wait_until_idle(&mut harness);
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("by-enter.ron");
    type_path(&mut harness, &path);
    harness.key_press(egui::Key::Enter);
    harness.step();
    wait_until_idle(&mut harness);
    assert!(harness.state().file_error().is_none());
    assert_eq!(harness.state().path(), Some(path.as_path()));
    assert!(!harness.state().document().is_modified());
    assert!(path.is_file(), "Enter did not save");
}

#[test]
fn a_save_refused_by_the_file_system_is_reported_and_the_work_stays_unsaved() {
    let mut harness = example_harness();
    move_with_picker(
        &mut harness,
        "Copper Beech Surgery, 17,585 patients",
        "Eastbrook PCN",
    );
    harness.hover_at(egui::pos2(700.0, 300.0));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    wait_until_idle(&mut harness);
    let folder = tempfile::tempdir().expect("temp dir");
    // A folder that does not exist: no save can succeed there, whoever runs the test.
    let path = folder.path().join("no-such-folder").join("option-a.ron");
    type_path(&mut harness, &path);
    harness.get_by_label("Save").click();
    wait_until_idle(&mut harness);
    let error = harness
        .state()
        .file_error()
        .expect("the refused save is reported");
    assert!(error.headline.contains("option-a.ron"), "{error:?}");
    assert!(harness.state().document().is_modified());
    assert!(!path.exists());
}

#[test]
fn an_idle_window_does_not_keep_repainting() {
    let mut harness = example_harness();
    let steps = harness.run();
    assert!(steps <= 2, "{steps} steps while idle");
}
