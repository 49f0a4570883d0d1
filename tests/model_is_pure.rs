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
