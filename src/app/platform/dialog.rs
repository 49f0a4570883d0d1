//! File dialogs and dropped files. On the desktop a dialog gives a path (rfd's native dialog,
//! shown on a job so the frame goes on); in the browser the file picker gives the file's name and
//! bytes (the page never learns a path), and there is no "save as" dialog: a file is saved by
//! downloading it under a name the user types.

use crate::app::jobs::Job;
use std::path::PathBuf;
use std::sync::Arc;

/// A file to read: on disk (desktop), or its name and bytes (given by the browser, or kept
/// to read again with a region chosen).
#[derive(Debug, Clone)]
pub enum LoadInput {
    Path(PathBuf),
    Bytes { name: String, bytes: Arc<Vec<u8>> },
}

impl LoadInput {
    /// The path, or the name the browser gave.
    pub fn path(&self) -> PathBuf {
        match self {
            Self::Path(path) => path.clone(),
            Self::Bytes { name, .. } => PathBuf::from(name),
        }
    }

    /// `a.csv`, or `a.csv, b.csv and c.csv` for files read together.
    pub fn describe(inputs: &[Self]) -> String {
        let names: Vec<String> = inputs
            .iter()
            .map(|input| input.path().display().to_string())
            .collect();
        match names.split_last() {
            None => String::new(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// What a dialog asks for.
#[derive(Debug, Clone)]
pub struct FileDialog {
    pub title: &'static str,
    /// `(name, extensions)`; `*` for all files.
    pub filters: Vec<(&'static str, &'static [&'static str])>,
    /// `Some(suggested name)` for a save dialog, `None` to open a file.
    pub save_as: Option<String>,
    /// Opening: several files may be chosen together.
    pub multiple: bool,
}

/// What a dialog (or a dropped file) gave.
#[derive(Debug)]
pub enum Picked {
    /// A file on disk (desktop).
    Path(PathBuf),
    /// A file's name and contents (browser).
    Bytes { name: String, bytes: Vec<u8> },
    /// Several files chosen (or dropped) together, to read together.
    Several(Vec<LoadInput>),
    /// Nothing chosen; `no_dialog` when no dialog could be shown at all (the window then offers
    /// a field to type the path or name).
    Nothing { no_dialog: bool },
    /// The browser could not read the file.
    Failed { name: String, error: String },
}

/// A dropped file: a path on the desktop; in the browser its bytes, read in the background.
pub enum Dropped {
    Path(PathBuf),
    Paths(Vec<PathBuf>),
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
            Some(name) => native
                .set_file_name(name)
                .save_file()
                .map(|path| vec![path]),
            None if dialog.multiple => native.pick_files(),
            None => native.pick_file().map(|path| vec![path]),
        };
        let mut picked = picked.unwrap_or_default();
        match picked.len() {
            0 => Picked::Nothing {
                no_dialog: started.elapsed() < NO_DIALOG_WITHIN,
            },
            1 => Picked::Path(picked.remove(0)),
            _ => Picked::Several(picked.into_iter().map(LoadInput::Path).collect()),
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
        let files = if dialog.multiple {
            picker.pick_files().await.unwrap_or_default()
        } else {
            picker.pick_file().await.into_iter().collect()
        };
        let mut read = Vec::with_capacity(files.len());
        for file in files {
            read.push((file.file_name(), file.read().await));
        }
        picked_files(read)
    }))
}

/// Files dropped on the window (at least one).
#[cfg(not(target_arch = "wasm32"))]
pub fn dropped(files: &[egui::DroppedFileHandle]) -> Dropped {
    let mut paths: Vec<PathBuf> = files.iter().map(|file| file.path().to_path_buf()).collect();
    match paths.len() {
        1 => Dropped::Path(paths.remove(0)),
        _ => Dropped::Paths(paths),
    }
}

/// Files dropped on the page: their bytes are read by the browser in the background.
#[cfg(target_arch = "wasm32")]
pub fn dropped(files: &[egui::DroppedFileHandle]) -> Dropped {
    let files = files.to_vec();
    Dropped::Reading(Job::spawn_future("reading the dropped files", async move {
        let mut read = Vec::with_capacity(files.len());
        for file in files {
            let name = file.path().display().to_string();
            match file.bytes_async().await {
                Ok(bytes) => read.push((name, bytes)),
                Err(error) => return Picked::Failed { name, error },
            }
        }
        picked_files(read)
    }))
}

/// What the browser gave, read: nothing, one file, or several to read together.
#[cfg(target_arch = "wasm32")]
fn picked_files(mut read: Vec<(String, Vec<u8>)>) -> Picked {
    match read.len() {
        0 => Picked::Nothing { no_dialog: false },
        1 => {
            let (name, bytes) = read.remove(0);
            Picked::Bytes { name, bytes }
        }
        _ => Picked::Several(
            read.into_iter()
                .map(|(name, bytes)| LoadInput::Bytes {
                    name,
                    bytes: Arc::new(bytes),
                })
                .collect(),
        ),
    }
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
