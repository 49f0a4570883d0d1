//! Where the window keeps what outlives a run (preferences, the recovery file): a folder on the
//! desktop (the app's data folder, written atomically), the browser's `localStorage` on the web.

use crate::io::recovery::{self, RecoveryHeader, RecoveryInfo};
use std::path::{Path, PathBuf};

/// The place for preferences and the recovery file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Store {
    /// The app's data folder (tests pass a temporary one).
    Folder(PathBuf),
    /// The browser's `localStorage` of this page's origin, keys prefixed `pcn-explorer/`.
    #[cfg(target_arch = "wasm32")]
    Browser,
}

impl Store {
    /// The data folder, on the desktop.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            Self::Folder(dir) => Some(dir),
            #[cfg(target_arch = "wasm32")]
            Self::Browser => None,
        }
    }

    /// A small text entry (`preferences.ron`), if it exists, reads and is at most `max_bytes`.
    pub fn read_text(&self, name: &str, max_bytes: usize) -> Option<String> {
        let text = match self {
            Self::Folder(dir) => {
                let bytes = std::fs::read(dir.join(name)).ok()?;
                String::from_utf8(bytes).ok()?
            }
            #[cfg(target_arch = "wasm32")]
            Self::Browser => super::web::storage_get(name)?,
        };
        (text.len() <= max_bytes).then_some(text)
    }

    /// Writes a text entry: atomically into the folder (created if missing), or into storage.
    pub fn write_text(&self, name: &str, text: &str) -> std::io::Result<()> {
        match self {
            Self::Folder(dir) => {
                std::fs::create_dir_all(dir)?;
                crate::io::atomic::write_atomic(&dir.join(name), text.as_bytes())
            }
            #[cfg(target_arch = "wasm32")]
            Self::Browser => super::web::storage_set(name, text).map_err(std::io::Error::other),
        }
    }

    /// The recovery file, if there is one that reads and validates completely.
    pub fn find_recovery(&self) -> Option<RecoveryInfo> {
        match self {
            Self::Folder(dir) => recovery::find_recovery(dir),
            #[cfg(target_arch = "wasm32")]
            Self::Browser => {
                let text = super::web::storage_get(recovery::RECOVERY_FILE_NAME)?;
                recovery::parse_recovery(recovery::RECOVERY_FILE_NAME, &text)
            }
        }
    }

    /// Writes the recovery file (header line, then the scenario's text).
    pub fn write_recovery(
        &self,
        header: &RecoveryHeader,
        scenario_text: &str,
    ) -> anyhow::Result<()> {
        match self {
            Self::Folder(dir) => recovery::write_recovery(dir, header, scenario_text),
            #[cfg(target_arch = "wasm32")]
            Self::Browser => {
                let text = recovery::recovery_text(header, scenario_text)?;
                super::web::storage_set(recovery::RECOVERY_FILE_NAME, &text)
                    .map_err(|error| anyhow::anyhow!("the browser's storage refused it: {error}"))
            }
        }
    }

    /// Removes the recovery file; a missing one is fine.
    pub fn remove_recovery(&self) -> std::io::Result<()> {
        match self {
            Self::Folder(dir) => recovery::remove_recovery(dir),
            #[cfg(target_arch = "wasm32")]
            Self::Browser => super::web::storage_remove(recovery::RECOVERY_FILE_NAME)
                .map_err(std::io::Error::other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_text_round_trip_size_limit_and_missing_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::Folder(dir.path().join("not yet made"));
        assert_eq!(store.read_text("a.ron", 100), None);
        store
            .write_text("a.ron", "(x: 1)")
            .expect("writes, making the folder");
        assert_eq!(store.read_text("a.ron", 100).as_deref(), Some("(x: 1)"));
        assert_eq!(store.read_text("a.ron", 3), None, "over the limit");
        assert_eq!(
            store.folder(),
            Some(dir.path().join("not yet made").as_path())
        );
    }
}
