//! Preferences kept between runs: in `preferences.ron` in the app's data folder, written
//! atomically (eframe's own storage file is written in place, so a crash mid-write could lose it),
//! and in eframe's storage as a fallback. Never the document.

use super::platform::storage::Store;
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

    /// The preferences file in a data folder, if it exists and reads; anything else (missing,
    /// broken, from a newer version) gives `None` and the caller keeps what it has.
    pub fn read_file(data_dir: &Path) -> Option<Self> {
        Self::read_from(&Store::Folder(data_dir.to_path_buf()))
    }

    /// Writes the preferences file atomically (temp file, sync, rename).
    pub fn write_file(&self, data_dir: &Path) -> std::io::Result<()> {
        self.write_to(&Store::Folder(data_dir.to_path_buf()))
    }

    /// The preferences kept in a store (see [`Preferences::read_file`]).
    pub fn read_from(store: &Store) -> Option<Self> {
        let text = store.read_text(PREFERENCES_FILE, MAX_PREFERENCES_BYTES)?;
        ron::de::from_str(&text).ok()
    }

    /// Keeps the preferences in a store (atomically in a folder).
    pub fn write_to(&self, store: &Store) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        store.write_text(PREFERENCES_FILE, &text)
    }
}

/// Name of the preferences file in the app's data folder.
pub const PREFERENCES_FILE: &str = "preferences.ron";
const MAX_PREFERENCES_BYTES: usize = 1 << 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_file_round_trip_and_broken_file_ignored() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(Preferences::read_file(dir.path()), None);
        let mut prefs = Preferences {
            workshop_mode: true,
            ..Preferences::default()
        };
        prefs.remember_file(Path::new("/tmp/option-a.ron"));
        prefs.write_file(dir.path()).expect("writes");
        assert_eq!(Preferences::read_file(dir.path()), Some(prefs));
        Store::Folder(dir.path().to_path_buf())
            .write_text(PREFERENCES_FILE, "(theme: Purple")
            .expect("write");
        assert_eq!(Preferences::read_file(dir.path()), None);
    }
}
