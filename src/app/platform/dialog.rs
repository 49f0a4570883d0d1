//! File dialogs and dropped files. On the desktop a dialog gives a path (rfd's native dialog,
//! shown on a job so the frame goes on); in the browser the file picker gives the file's name and
//! bytes (the page never learns a path), and there is no "save as" dialog: a file is saved by
//! downloading it under a name the user types.

use crate::app::jobs::Job;
use std::path::PathBuf;

/// What a dialog asks for.
#[derive(Debug, Clone)]
pub struct FileDialog {
    pub title: &'static str,
    /// `(name, extensions)`; `*` for all files.
    pub filters: Vec<(&'static str, &'static [&'static str])>,
    /// `Some(suggested name)` for a save dialog, `None` to open a file.
    pub save_as: Option<String>,
}

/// What a dialog (or a dropped file) gave.
#[derive(Debug)]
pub enum Picked {
    /// A file on disk (desktop).
    Path(PathBuf),
    /// A file's name and contents (browser).
    Bytes { name: String, bytes: Vec<u8> },
    /// Nothing chosen; `no_dialog` when no dialog could be shown at all (the window then offers
    /// a field to type the path or name).
    Nothing { no_dialog: bool },
    /// The browser could not read the file.
    Failed { name: String, error: String },
}

/// A dropped file: a path on the desktop; in the browser its bytes, read in the background.
pub enum Dropped {
    Path(PathBuf),
    Reading(Job<Picked>),
}

/// A native dialog that answers faster than this did not show anything (no portal, no zenity).
#[cfg(not(target_arch = "wasm32"))]
const NO_DIALOG_WITHIN: std::time::Duration = std::time::Duration::from_millis(150);

/// Shows a file dialog; `None` if it could not be started.
#[cfg(not(target_arch = "wasm32"))]
pub fn show(dialog: FileDialog) -> Option<Job<Picked>> {
    Job::spawn("file dialog", move |_| {
        let started = super::clock::Instant::now();
        let mut native = rfd::FileDialog::new().set_title(dialog.title);
        for (name, extensions) in &dialog.filters {
            native = native.add_filter(*name, extensions);
        }
        let picked = match dialog.save_as {
            Some(name) => native.set_file_name(name).save_file(),
            None => native.pick_file(),
        };
        match picked {
            Some(path) => Picked::Path(path),
            None => Picked::Nothing {
                no_dialog: started.elapsed() < NO_DIALOG_WITHIN,
            },
        }
    })
}

/// Shows the browser's file picker (opening only: a save goes by a typed name and a download).
#[cfg(target_arch = "wasm32")]
pub fn show(dialog: FileDialog) -> Option<Job<Picked>> {
    if dialog.save_as.is_some() {
        return Some(Job::ready("file name", Picked::Nothing { no_dialog: true }));
    }
    let mut picker = rfd::AsyncFileDialog::new().set_title(dialog.title);
    for (name, extensions) in &dialog.filters {
        if !extensions.contains(&"*") {
            picker = picker.add_filter(*name, extensions);
        }
    }
    Some(Job::spawn_future("file picker", async move {
        match picker.pick_file().await {
            Some(file) => Picked::Bytes {
                name: file.file_name(),
                bytes: file.read().await,
            },
            None => Picked::Nothing { no_dialog: false },
        }
    }))
}

/// A file dropped on the window.
#[cfg(not(target_arch = "wasm32"))]
pub fn dropped(file: &egui::DroppedFileHandle) -> Dropped {
    Dropped::Path(file.path().to_path_buf())
}

/// A file dropped on the page: its bytes are read by the browser in the background.
#[cfg(target_arch = "wasm32")]
pub fn dropped(file: &egui::DroppedFileHandle) -> Dropped {
    let file = file.clone();
    Dropped::Reading(Job::spawn_future("reading the dropped file", async move {
        let name = file.path().display().to_string();
        match file.bytes_async().await {
            Ok(bytes) => Picked::Bytes { name, bytes },
            Err(error) => Picked::Failed { name, error },
        }
    }))
}

/// Why the window asks for a typed path (or name) instead of showing a dialog.
pub fn typed_path_reason() -> &'static str {
    if cfg!(target_arch = "wasm32") {
        "The browser saves by downloading: type the file's name (it goes to the browser's \
         downloads folder)."
    } else {
        "No file dialog is available on this system (no desktop portal or zenity). Type the \
         file's path instead."
    }
}

/// The example in the typed-path field.
pub fn path_hint() -> &'static str {
    if cfg!(target_arch = "wasm32") {
        "option-a.ron"
    } else {
        "/home/me/pcn/region_70F.csv"
    }
}
