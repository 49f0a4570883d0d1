//! The eframe window. (Stub until the window lands.)

use std::path::PathBuf;

/// Opens the main window on a file, or on the bundled example when `file` is `None`.
pub fn run_window(file: Option<PathBuf>) -> anyhow::Result<()> {
    // TODO(ui helper): the real window.
    let _ = file;
    anyhow::bail!("the window is not built yet")
}
