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
/// alone: nothing under src/present (the reports and, in src/present/export, the exports) names
/// the window (its egui colours or the app module), so the command line and every build write
/// the same files.
#[test]
fn exports_and_reports_name_neither_egui_nor_the_window() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut folders = vec![root.join("src/present")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("src/present exists") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    // The reports and the exports (html, svg, workbook, …) are all read.
    assert!(files.len() >= 13, "{files:?}");
    assert!(
        files.iter().any(|path| path.ends_with("export/svg.rs")),
        "{files:?}"
    );
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
            // Nor the file layer: the bundled example (data, not files) is all it may use.
            "crate::io::atomic",
            "crate::io::output",
            "crate::io::error",
            "crate::io::recovery",
        ] {
            assert!(
                !code.contains(forbidden),
                "{} names {forbidden}",
                path.display()
            );
        }
    }
}
