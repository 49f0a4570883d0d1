//! An export from the window never replaces the open document: typed as the document's own
//! path (or a link to it), the export is refused with a message and the file is unchanged; a
//! different path is written.

mod ui_common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pcn_explorer::app::App;
use pcn_explorer::io::example::example_scenario;
use pcn_explorer::io::scenario_file::save_scenario;
use std::path::Path;
use ui_common::wait_until_idle;

fn export_to(harness: &mut Harness<'_, App>, path: &Path) {
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Compare")
        .click();
    harness.run();
    harness.get_by_label("Export hub figures (CSV)…").click();
    harness.run();
    harness.get_by_label("Export to").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_label("Export to")
        .type_text(&path.display().to_string());
    harness.run();
    harness.get_by_label("Write export").click();
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
    for _ in 0..200 {
        if out.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    let text = std::fs::read_to_string(&out).expect("export written");
    assert!(text.starts_with("hub_code,hub_name,"), "{text}");
    assert_eq!(std::fs::read(&plan).expect("read"), before);
}
