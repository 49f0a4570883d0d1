//! Preferences kept between runs in eframe's storage. Never the document.

use super::theme::ThemeChoice;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Key of the preferences in eframe's storage.
pub const STORAGE_KEY: &str = "pcn-explorer-preferences";

/// Most recent files remembered.
pub const MAX_RECENT_FILES: usize = 10;

/// What the user chose about the window, kept between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub theme: ThemeChoice,
    /// Large text for a projector.
    pub workshop_mode: bool,
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    pub show_board: bool,
    pub show_figures: bool,
    /// Which chart is under the figures table.
    pub chart: ChartChoice,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            workshop_mode: false,
            recent_files: Vec::new(),
            show_board: true,
            show_figures: true,
            chart: ChartChoice::Population,
        }
    }
}

/// The chart under the figures table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ChartChoice {
    #[default]
    Population,
    Funding,
}

impl Preferences {
    /// Puts a file at the top of the recent list (once).
    pub fn remember_file(&mut self, path: &Path) {
        self.recent_files.retain(|known| known != path);
        self.recent_files.insert(0, path.to_path_buf());
        self.recent_files.truncate(MAX_RECENT_FILES);
    }

    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|storage| eframe::get_value(storage, STORAGE_KEY))
            .unwrap_or_default()
    }

    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, self);
    }
}
