//! The window's own writes killed half way: Ctrl+S onto an open scenario file, and the autosave
//! of unsaved work. Each test runs itself again as a child process that drives the window (a
//! kittest harness) until its write pauses in the middle (the test-only pause of
//! `PAUSE_MID_WRITE_ENV`); the parent kills it there and checks that the file on disk is the
//! previous one, whole, and that the next save clears what the killed one left.

mod ui_common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pcn_explorer::app::App;
use pcn_explorer::io::atomic::{PAUSE_MID_WRITE_ENV, backup_path};
use pcn_explorer::io::example::example_scenario;
use pcn_explorer::io::recovery;
use pcn_explorer::io::scenario_file::{read_scenario, save_scenario, scenario_to_string};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use ui_common::{move_with_picker, wait_until_idle};

/// Set in the child: the folder it works in.
const CHILD_DIR_ENV: &str = "PCN_EXPLORER_TEST_CHILD_DIR";

fn temps(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("list")
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
        .count()
}

/// Runs this test binary again with only `test` selected, in child mode; waits until its write
/// is half done (the marker appears), and kills it there.
fn run_child_until_mid_write(test: &str, dir: &Path) {
    let marker = dir.join("marker");
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([test, "--exact", "--nocapture", "--test-threads", "1"])
        .env(CHILD_DIR_ENV, dir)
        .env(PAUSE_MID_WRITE_ENV, &marker)
        .spawn()
        .expect("spawn child");
    let started = Instant::now();
    while !marker.exists() && started.elapsed() < Duration::from_secs(120) {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the child ended ({status}) before its write reached the middle");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(marker.exists(), "the window's write reached the middle");
    child.kill().expect("kill");
    let _ = child.wait();
}

fn scenario_in(path: &Path) -> pcn_explorer::model::Scenario {
    let bytes = std::fs::read(path).expect("read");
    read_scenario(&path.display().to_string(), &bytes)
        .unwrap_or_else(|error| panic!("{error}"))
        .scenario
}

fn harness_opening(path: &Path, data: &Path) -> Harness<'static, App> {
    let (path, data) = (path.to_path_buf(), data.to_path_buf());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .with_max_steps(40)
        .with_step_dt(0.5)
        .build_eframe(move |cc| {
            App::with_scenario(cc, example_scenario())
                .without_file_dialogs()
                .with_data_dir(data)
        });
    harness.run();
    harness.state_mut().open_path(path);
    wait_until_idle(&mut harness);
    harness
}

/// Child: opens the file, moves a practice and presses Ctrl+S; then keeps drawing frames until
/// the parent kills it (the save waits half way).
fn child_saves(dir: &Path) -> ! {
    let plan = dir.join("plan.ron");
    let mut harness = harness_opening(&plan, &dir.join("data"));
    assert_eq!(harness.state().path(), Some(plan.as_path()));
    move_with_picker(
        &mut harness,
        "Copper Beech Surgery, 17,585 patients",
        "Eastbrook PCN",
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    loop {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn killing_the_window_in_the_middle_of_ctrl_s_keeps_the_previous_file_and_backup() {
    if let Some(dir) = std::env::var_os(CHILD_DIR_ENV) {
        child_saves(&PathBuf::from(dir));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("plan.ron");
    let first = example_scenario();
    save_scenario(&plan, &first).expect("first save");
    save_scenario(&plan, &first).expect("second save makes a backup");
    let on_disk = std::fs::read(&plan).expect("read");

    run_child_until_mid_write(
        "killing_the_window_in_the_middle_of_ctrl_s_keeps_the_previous_file_and_backup",
        dir.path(),
    );
    // The kill landed half way through the new file: the old one is there byte for byte.
    assert_eq!(std::fs::read(&plan).expect("read"), on_disk);
    assert!(scenario_in(&plan) == first);
    assert!(scenario_in(&backup_path(&plan)) == first);
    assert!(
        temps(dir.path()) >= 1,
        "the killed save's half file is there"
    );
    // The next save of the same file runs to the end and removes the half file.
    save_scenario(&plan, &first).expect("next save");
    assert_eq!(temps(dir.path()), 0);
}

/// Child: the example with unsaved work; the window loses focus, which starts the autosave.
fn child_autosaves(dir: &Path) -> ! {
    let data = dir.join("data");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .with_max_steps(40)
        .with_step_dt(0.5)
        .build_eframe(move |cc| App::with_scenario(cc, example_scenario()).with_data_dir(data));
    harness.run();
    // The earlier recovery file is offered first: restore it, then change something more.
    harness.get_by_label("Restore").click();
    harness.run();
    move_with_picker(
        &mut harness,
        "Copper Beech Surgery, 17,585 patients",
        "Eastbrook PCN",
    );
    harness.input_mut().focused = false;
    loop {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn killing_the_window_in_the_middle_of_an_autosave_keeps_the_previous_recovery_file() {
    if let Some(dir) = std::env::var_os(CHILD_DIR_ENV) {
        child_autosaves(&PathBuf::from(dir));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data dir");
    // A recovery file from an earlier autosave, to be kept whole.
    let header = recovery::RecoveryHeader::now(2, None, "earlier work".to_string());
    recovery::write_recovery(&data, &header, &scenario_to_string(&example_scenario()))
        .expect("earlier recovery");
    let earlier = std::fs::read(recovery::recovery_path(&data)).expect("read");

    run_child_until_mid_write(
        "killing_the_window_in_the_middle_of_an_autosave_keeps_the_previous_recovery_file",
        dir.path(),
    );
    assert_eq!(
        std::fs::read(recovery::recovery_path(&data)).expect("read"),
        earlier
    );
    let found = recovery::find_recovery(&data).expect("the earlier recovery file reads");
    assert_eq!(found.header.change_count, 2);
    assert!(
        temps(&data) >= 1,
        "the killed autosave's half file is there"
    );
}
