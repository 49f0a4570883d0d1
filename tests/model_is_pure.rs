//! The core stays pure: nothing under src/model draws, opens dialogs or touches the file system.

use std::path::Path;

#[test]
fn model_names_no_ui_or_file_io() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("src/model exists") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("readable");
            for forbidden in [
                "egui",
                "eframe",
                "rfd::",
                "std::fs",
                "std::time::SystemTime",
            ] {
                assert!(
                    !text.contains(forbidden),
                    "{} mentions {forbidden}",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 8, "checked {checked} files");
}

/// Every export and report (CSV, JSON, HTML, SVG, pictures, workbook) is drawn from the model
/// alone: nothing under src/export or src/present (the reports among it) names the
/// window (its egui
/// colours or the app module), so the command line and every build write the same files.
#[test]
fn exports_and_reports_name_neither_egui_nor_the_window() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(root.join("src/export"))
        .expect("src/export exists")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.extend(
        std::fs::read_dir(root.join("src/present"))
            .expect("src/present exists")
            .map(|entry| entry.expect("entry").path()),
    );
    assert!(files.len() >= 10, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let code: String = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        // Nor the argument parser or the file system: the command line and the window are
        // above them and decide where what they make goes.
        for forbidden in [
            "egui::",
            "eframe",
            "crate::app",
            "super::app",
            "clap::",
            "std::fs",
        ] {
            assert!(
                !code.contains(forbidden),
                "{} names {forbidden}",
                path.display()
            );
        }
    }
}
