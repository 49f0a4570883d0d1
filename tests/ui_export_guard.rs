//! An export from the window never replaces the open document: typed as the document's own
//! path (or a link to it), the export is refused with a message and the file is unchanged; a
//! different path is written.

mod ui_common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pcn_explorer::app::App;
use pcn_explorer::io::example::example_scenario;
use pcn_explorer::io::scenario_file::save_scenario;
use std::path::Path;
use ui_common::{type_path, wait_until_idle};

/// File → Export ▸ Hub figures (CSV)…: without a system dialog the path field opens with a
/// name beside the scenario; type the path and press Export.
fn export_to(harness: &mut Harness<'_, App>, path: &Path) {
    export_via_menu(harness, "Hub figures (CSV)…", path);
}

fn export_via_menu(harness: &mut Harness<'_, App>, entry: &str, path: &Path) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label(entry).click();
    harness.run();
    wait_until_idle(harness);
    type_path(harness, path);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Export")
        .click();
    harness.run();
    wait_until_idle(harness);
}

/// Waits until the export is written and the window has said so: the file is in place as
/// soon as it is renamed, and the job's notice comes a few frames later on a loaded machine.
fn wait_for(harness: &mut Harness<'_, App>, path: &Path) {
    let notice = format!("Wrote {}", path.display());
    ui_common::step_while(harness, |harness| {
        !(path.exists() && harness.query_by_label_contains(&notice).is_some())
    });
    harness.run();
}

#[test]
fn an_export_onto_the_open_document_is_refused_and_the_file_is_unchanged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("plan.ron");
    save_scenario(&plan, &example_scenario()).expect("save");
    let before = std::fs::read(&plan).expect("read");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .with_max_steps(40)
        .with_step_dt(0.5)
        .build_eframe(|cc| App::with_scenario(cc, example_scenario()).without_file_dialogs());
    harness.run();
    harness.state_mut().open_path(plan.clone());
    wait_until_idle(&mut harness);
    assert_eq!(harness.state().path(), Some(plan.as_path()));

    export_to(&mut harness, &plan);
    harness.get_by_label_contains(&format!(
        "Not written: {}: is the input file",
        plan.display()
    ));
    assert_eq!(std::fs::read(&plan).expect("read"), before);

    // Through a link to it, the same.
    #[cfg(unix)]
    {
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&plan, &link).expect("link");
        export_to(&mut harness, &link);
        harness.get_by_label_contains(&format!(
            "Not written: {}: is the input file",
            link.display()
        ));
        assert_eq!(std::fs::read(&plan).expect("read"), before);
    }

    // Another path is written, with the hub figures.
    let out = dir.path().join("hubs.csv");
    export_to(&mut harness, &out);
    wait_for(&mut harness, &out);
    harness.get_by_label_contains(&format!("Wrote {}", out.display()));
    let text = std::fs::read_to_string(&out).expect("export written");
    assert!(text.starts_with("\u{feff}hub_code,hub_name,"), "{text}");
    assert_eq!(std::fs::read(&plan).expect("read"), before);
}

#[test]
fn file_export_suggests_a_name_beside_the_scenario_and_writes_the_workbook() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("plan.ron");
    save_scenario(&plan, &example_scenario()).expect("save");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_max_steps(40)
        .with_step_dt(0.5)
        .build_eframe(|cc| App::with_scenario(cc, example_scenario()).without_file_dialogs());
    harness.run();
    harness.state_mut().open_path(plan.clone());
    wait_until_idle(&mut harness);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label("Excel workbook (.xlsx)…").click();
    harness.step();
    wait_until_idle(&mut harness);
    // The path field holds the suggested name: the scenario's, beside it.
    let suggested = dir.path().join("plan-figures.xlsx");
    let field = harness.get_by_label("Path of the file:");
    assert_eq!(
        field.value().as_deref(),
        Some(suggested.display().to_string().as_str())
    );
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Export")
        .click();
    harness.run();
    wait_for(&mut harness, &suggested);
    let bytes = std::fs::read(&suggested).expect("workbook written");
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip file");
    harness.get_by_label_contains(&format!("Wrote {}", suggested.display()));
}
