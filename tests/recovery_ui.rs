//! Autosave and recovery: after an unclean exit (the window dropped without closing), the next
//! start offers the recovery file and "Restore" brings back every change.

mod ui_common;

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pcn_explorer::app::App;
use pcn_explorer::io::example::example_scenario;
use pcn_explorer::io::recovery;
use std::path::Path;
use ui_common::move_with_picker;

fn harness_with_data_dir(dir: &Path) -> Harness<'static, App> {
    harness_stepping(dir, 0.25)
}

/// The example with autosave into `dir`; each step advances the frame clock by `step_s`.
fn harness_stepping(dir: &Path, step_s: f32) -> Harness<'static, App> {
    let dir = dir.to_path_buf();
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 900.0))
        .with_max_steps(40)
        .with_step_dt(step_s)
        .build_eframe(move |cc| App::with_scenario(cc, example_scenario()).with_data_dir(dir));
    harness.run();
    harness
}

fn wait_for_autosave(harness: &mut Harness<'_, App>) {
    let done = ui_common::step_until(harness, |harness| !harness.state().autosave_pending());
    assert!(done, "autosave did not finish");
}

#[test]
fn recovery_after_an_unclean_exit_restores_every_change() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_with_data_dir(data.path());
    assert!(harness.state().recovery_offer().is_none());
    move_with_picker(
        &mut harness,
        "Copper Beech Surgery, 17,585 patients",
        "Eastbrook PCN",
    );
    move_with_picker(
        &mut harness,
        "Bellfield Medical Practice, 15,107 patients",
        "Ashcombe & Wyle PCN",
    );
    move_with_picker(
        &mut harness,
        "Foxglove Medical Centre, 4,157 patients",
        "Hollins Vale PCN",
    );
    assert_eq!(harness.state().document().change_count(), 3);
    // Nothing written yet: the 30 s timer has not run and the window kept its focus.
    harness.state_mut().autosave_now();
    wait_for_autosave(&mut harness);
    let moved_scenario = harness.state().document().scenario().clone();
    let moved_metrics = harness.state().document().metrics().clone();
    assert_ne!(&moved_scenario, &example_scenario());
    // The recovery file lives in the data folder.
    assert!(recovery::recovery_path(data.path()).is_file());
    // An unclean exit: the window goes away without a close request.
    drop(harness);

    let mut harness = harness_with_data_dir(data.path());
    // The offer says when and how much, and the example (unchanged) is still what is shown.
    harness.get_by_label("Recover unsaved work?");
    harness.get_by_label_contains("3 change(s)");
    harness.get_by_label_contains("written less than a minute ago");
    assert_eq!(harness.state().document().scenario(), &example_scenario());
    harness.get_by_label("Restore").click();
    harness.run();
    assert!(harness.query_by_label("Recover unsaved work?").is_none());
    let app = harness.state();
    assert_eq!(app.document().scenario(), &moved_scenario);
    assert_eq!(app.document().metrics(), &moved_metrics);
    assert!(app.document().is_modified(), "restored work is unsaved");
    assert!(app.window_title().starts_with("• "));
    // The cards show the moved state.
    harness.get_by_label_contains("Eastbrook PCN card: 5 practices");
    harness.get_by_label_contains("Ashcombe & Wyle PCN card: 8 practices");
    // Hollins Vale's card is below the fold at this size: the board's search finds it.
    harness.get_by_label("Search").focus();
    harness.run();
    harness.get_by_label("Search").type_text("hollins");
    harness.run();
    harness.get_by_label_contains("Hollins Vale PCN card: 4 practices");
}

/// The restored document keeps its undo history: the Edit menu names each move, and undoing
/// three times goes back to the start, one move at a time.
#[test]
fn a_restored_document_can_be_undone_step_by_step() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_with_data_dir(data.path());
    let moves = [
        ("Copper Beech Surgery, 17,585 patients", "Eastbrook PCN"),
        (
            "Bellfield Medical Practice, 15,107 patients",
            "Ashcombe & Wyle PCN",
        ),
        (
            "Foxglove Medical Centre, 4,157 patients",
            "Hollins Vale PCN",
        ),
    ];
    let mut states = vec![harness.state().document().scenario().clone()];
    for (chip, hub) in moves {
        move_with_picker(&mut harness, chip, hub);
        states.push(harness.state().document().scenario().clone());
    }
    let labels: Vec<String> = harness
        .state()
        .document()
        .history()
        .into_iter()
        .map(|(label, _)| label)
        .collect();
    harness.state_mut().autosave_now();
    wait_for_autosave(&mut harness);
    drop(harness);

    let mut harness = harness_with_data_dir(data.path());
    harness.get_by_label_contains("3 change(s)");
    harness.get_by_label("Restore").click();
    harness.run();
    harness.get_by_label_contains("Restored 3 unsaved change(s)");
    assert_eq!(harness.state().document().change_count(), 3);
    for step in (0..3).rev() {
        assert_eq!(
            harness.state().document().undo_label(),
            Some(labels[step].as_str())
        );
        harness.get_by_label("Undo").click();
        harness.run();
        assert_eq!(
            harness.state().document().scenario(),
            &states[step],
            "undo {step}"
        );
    }
    assert!(!harness.state().document().can_undo());
    // And forward again.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    harness.run();
    assert_eq!(harness.state().document().scenario(), &states[1]);
}

#[test]
fn a_clean_exit_removes_the_recovery_file_and_nothing_is_offered_next_time() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_with_data_dir(data.path());
    move_with_picker(
        &mut harness,
        "Copper Beech Surgery, 17,585 patients",
        "Eastbrook PCN",
    );
    harness.state_mut().autosave_now();
    wait_for_autosave(&mut harness);
    assert!(recovery::recovery_path(data.path()).is_file());
    // Close the window; the guard asks; "Discard" closes it.
    ui_common::request_close(&mut harness);
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    ui_common::request_close(&mut harness);
    assert!(harness.state().is_closing());
    assert!(!recovery::recovery_path(data.path()).exists());
    drop(harness);
    let harness = harness_with_data_dir(data.path());
    assert!(harness.state().recovery_offer().is_none());
    assert!(harness.query_by_label("Recover unsaved work?").is_none());
}

#[test]
fn discarding_the_offer_removes_the_file_and_keeps_the_document() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_with_data_dir(data.path());
    move_with_picker(
        &mut harness,
        "Copper Beech Surgery, 17,585 patients",
        "Eastbrook PCN",
    );
    harness.state_mut().autosave_now();
    wait_for_autosave(&mut harness);
    drop(harness);
    let mut harness = harness_with_data_dir(data.path());
    harness.get_by_label("Discard").click();
    harness.run();
    wait_for_autosave(&mut harness);
    assert!(!recovery::recovery_path(data.path()).exists());
    assert_eq!(harness.state().document().scenario(), &example_scenario());
    assert!(!harness.state().document().is_modified());
}

#[test]
fn a_broken_recovery_file_is_not_offered() {
    let data = tempfile::tempdir().expect("temp dir");
    std::fs::write(recovery::recovery_path(data.path()), "{\"version\":1}\n(").expect("write");
    let harness = harness_with_data_dir(data.path());
    assert!(harness.state().recovery_offer().is_none());
    assert_eq!(harness.state().document().scenario(), &example_scenario());
}

#[test]
fn preferences_come_back_from_the_atomic_preferences_file() {
    let data = tempfile::tempdir().expect("temp dir");
    let prefs = pcn_explorer::app::prefs::Preferences {
        workshop_mode: true,
        show_figures: false,
        ..Default::default()
    };
    prefs.write_file(data.path()).expect("writes");
    let harness = harness_with_data_dir(data.path());
    assert!(harness.state().preferences().workshop_mode);
    assert!(!harness.state().preferences().show_figures);
}

/// A window whose frame clock advances half a simulated second per step (a press and release
/// in consecutive steps must still be a click, which egui limits to 0.8 s).
/// Moves one practice in it, as a person does.
fn moved_once_with_clock(dir: &Path) -> Harness<'static, App> {
    let mut harness = harness_stepping(dir, 0.5);
    move_with_picker(
        &mut harness,
        "Copper Beech Surgery, 17,585 patients",
        "Eastbrook PCN",
    );
    harness
}

/// Waits for the autosave worker without stepping first, so the simulated clock only moves
/// while a write is still pending.
fn wait_for_worker(harness: &mut Harness<'_, App>) {
    let done = ui_common::step_while(harness, |harness| harness.state().autosave_pending());
    assert!(done, "autosave did not finish");
}

#[test]
fn unsaved_work_is_written_when_thirty_seconds_have_passed_and_not_before() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = moved_once_with_clock(data.path());
    let file = recovery::recovery_path(data.path());
    // The window's clock (it started counting at its first frame) at 29 simulated seconds:
    // not yet. (Counted by the clock, not by steps: how many steps the move took is not the
    // point.)
    let clock = |harness: &Harness<'_, App>| harness.ctx.input(|i| i.time);
    while clock(&harness) < 29.0 {
        harness.step();
    }
    wait_for_worker(&mut harness);
    assert!(!file.exists(), "written before 30 s had passed");
    // Past thirty seconds since the window started counting: written, with the move in it.
    while clock(&harness) < 31.0 {
        harness.step();
    }
    wait_for_worker(&mut harness);
    assert!(file.is_file(), "not written after 30 s");
    let found = recovery::find_recovery(data.path()).expect("the recovery file reads");
    assert_eq!(found.header.change_count, 1);
    assert_eq!(&found.scenario, harness.state().document().scenario());
}

#[test]
fn unsaved_work_is_written_when_the_window_loses_focus() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = moved_once_with_clock(data.path());
    let file = recovery::recovery_path(data.path());
    harness.step();
    wait_for_worker(&mut harness);
    assert!(!file.exists());
    harness.input_mut().focused = false;
    harness.step();
    wait_for_worker(&mut harness);
    assert!(file.is_file(), "focus loss did not write the recovery file");
}
