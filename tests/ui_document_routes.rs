//! However a new document arrives (dropped, opened by typed path, restored after a crash), the
//! figures table lists every one of its hubs with that document's figures: no view keeps the
//! rows of the document before.

mod ui_common;

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pcn_explorer::app::App;
use pcn_explorer::io::example::example_scenario;
use pcn_explorer::model::Scenario;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use ui_common::*;

fn west_sussex_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/region_70F.csv")
}

fn west_sussex() -> Scenario {
    pcn_explorer::io::open_path(&west_sussex_path(), None)
        .expect("region_70F.csv reads")
        .scenario
}

/// A window tall enough for the whole table of 20 hubs.
fn tall_harness(data_dir: Option<PathBuf>) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(vec2(1920.0, 1800.0))
        .with_max_steps(40)
        .build_eframe(move |cc| {
            let app = App::with_scenario(cc, example_scenario()).without_file_dialogs();
            match data_dir {
                Some(dir) => app.with_data_dir(dir),
                None => app,
            }
        });
    harness.run();
    harness
}

/// Sorts the table by registered list (so the old document's order is cached), as a user who
/// looked at the example first would have.
fn sort_by_registered(harness: &mut Harness<'_, App>) {
    harness.get_by_label("Sort by Registered").click();
    harness.run();
}

/// Every hub of 70F has its row with its own registered total (summed here from the file).
fn assert_table_lists_every_hub(harness: &Harness<'_, App>, expected: &Scenario) {
    assert_eq!(harness.state().document().scenario().hubs().len(), 20);
    for hub in expected.hubs().values() {
        let sums = sums(expected, &hub.code, &[], &[]);
        harness.get_by_label(&cell(
            &hub.name,
            "Registered",
            &whole_patients(sums.registered),
        ));
    }
}

#[test]
fn a_dropped_region_fills_the_table() {
    let mut harness = tall_harness(None);
    sort_by_registered(&mut harness);
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(west_sussex_path())));
    wait_until_idle(&mut harness);
    assert_table_lists_every_hub(&harness, &west_sussex());
}

#[test]
fn a_region_opened_by_typed_path_fills_the_table() {
    let mut harness = tall_harness(None);
    sort_by_registered(&mut harness);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Open…").click();
    wait_until_idle(&mut harness);
    type_path(&mut harness, &west_sussex_path());
    harness.get_by_label("Open").click();
    wait_until_idle(&mut harness);
    assert_table_lists_every_hub(&harness, &west_sussex());
}

#[test]
fn a_restored_recovery_fills_the_table() {
    let data = tempfile::tempdir().expect("temp dir");
    let header = pcn_explorer::io::recovery::RecoveryHeader::now(1, None, "West Sussex".into());
    let text = pcn_explorer::io::scenario_file::scenario_to_string(&west_sussex());
    pcn_explorer::io::recovery::write_recovery(data.path(), &header, &text).expect("written");
    let mut harness = tall_harness(Some(data.path().to_path_buf()));
    sort_by_registered(&mut harness);
    harness.get_by_label("Restore").click();
    harness.run();
    assert_table_lists_every_hub(&harness, &west_sussex());
}
