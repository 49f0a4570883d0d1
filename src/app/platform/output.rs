//! Where the files the window writes go: onto disk on the desktop (atomically, with the same
//! functions as the command line), as a download on the web (the browser puts it in its downloads
//! folder under the file name of `path`).

use crate::model::Scenario;
use std::path::Path;

/// Saves a scenario file.
pub fn save_scenario(path: &Path, scenario: &Scenario) -> Result<(), String> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        crate::io::scenario_file::save_scenario(path, scenario)
            .map_err(|error| format!("{error:#}"))
    }
    #[cfg(target_arch = "wasm32")]
    {
        let text = crate::io::scenario_file::try_scenario_to_string(scenario)
            .map_err(|error| format!("{error:#}"))?;
        super::web::download(path, text.as_bytes())
    }
}

/// Writes an export (CSV, HTML, workbook).
pub fn write_export(path: &Path, bytes: &[u8]) -> Result<(), String> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        crate::io::atomic::write_export_bytes(path, bytes).map_err(|error| format!("{error:#}"))
    }
    #[cfg(target_arch = "wasm32")]
    {
        super::web::download(path, bytes)
    }
}

/// Writes a picture (PNG).
pub fn write_picture(path: &Path, bytes: &[u8]) -> Result<(), String> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        crate::io::atomic::write_atomic(path, bytes)
            .map_err(|error| format!("{}: {error}", path.display()))
    }
    #[cfg(target_arch = "wasm32")]
    {
        super::web::download(path, bytes)
    }
}

/// An export must never replace the open document (nor, through a link, its file). A download
/// cannot.
pub fn check_export_target(path: &Path, document: Option<&Path>) -> Result<(), String> {
    match document {
        Some(document) if !cfg!(target_arch = "wasm32") => {
            crate::io::output::check_output_not_input(path, &[document])
        }
        _ => Ok(()),
    }
}

/// What the user reads once a file is written: `Wrote /home/me/a.csv`, or on the web
/// `Downloaded a.csv`.
pub fn wrote_text(verb: &str, path: &Path) -> String {
    if cfg!(target_arch = "wasm32") {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        format!("Downloaded {name} (the browser's downloads folder)")
    } else {
        format!("{verb} {}", path.display())
    }
}
