//! Files from the window: dialogs, loading and saving as background jobs, and what the user
//! sees when something goes wrong. Nothing here blocks a frame; the current document is replaced
//! only once a new one has been read completely.

use super::jobs::{Job, Poll};
pub use super::platform::dialog::LoadInput;
use super::platform::dialog::{self, Dropped, FileDialog, Picked};
use crate::io::{self, FileKind, LoadError, Opened};
use crate::model::Scenario;
use std::path::PathBuf;
use std::sync::Arc;

/// What a file dialog or a typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Open a scenario or practice data.
    Open,
    /// Start from a practice CSV or NHS payments file.
    NewFromData,
    SaveAs,
    /// Load a rule file (RON) into the scenario.
    LoadRules,
    /// Another laptop's file of the same workshop, to merge.
    Merge,
    /// A staff list CSV for the ARRS staff plan.
    ImportStaff,
    /// Where to write an export.
    Export(super::exports::ExportChoice),
}

impl Purpose {
    pub fn title(self) -> &'static str {
        match self {
            Self::Open => "Open a file",
            Self::NewFromData => "New from practice data",
            Self::SaveAs => "Save the scenario as",
            Self::LoadRules => "Load a rule file",
            Self::Merge => "Merge another laptop's file",
            Self::ImportStaff => "Import a staff list",
            Self::Export(_) => "Export to",
        }
    }

    fn dialog(self, suggested_name: &str) -> FileDialog {
        let (filters, save_as): (Vec<(&'static str, &'static [&'static str])>, _) = match self {
            Self::Open => (
                vec![
                    ("Scenarios and practice data", &["ron", "csv"]),
                    ("All files", &["*"]),
                ],
                None,
            ),
            Self::NewFromData => (
                vec![("Practice data (CSV)", &["csv"]), ("All files", &["*"])],
                None,
            ),
            Self::SaveAs => (
                vec![("Scenario", &["ron"])],
                Some(suggested_name.to_string()),
            ),
            Self::LoadRules => (
                vec![("Rule files (RON)", &["ron"]), ("All files", &["*"])],
                None,
            ),
            Self::Merge => (vec![("Scenarios", &["ron"]), ("All files", &["*"])], None),
            Self::ImportStaff => (
                vec![("Staff lists (CSV)", &["csv"]), ("All files", &["*"])],
                None,
            ),
            Self::Export(choice) => (
                vec![(export_filter_name(choice), export_extensions(choice))],
                Some(suggested_name.to_string()),
            ),
        };
        FileDialog {
            title: self.title(),
            filters,
            save_as,
            // The monthly NHS files are read together (registrations, the PCN map, epraccur).
            multiple: self == Self::NewFromData,
        }
    }
}

fn export_filter_name(choice: super::exports::ExportChoice) -> &'static str {
    match choice.extension() {
        "csv" => "CSV",
        "html" => "Web page (HTML)",
        "xlsx" => "Excel workbook",
        _ => "PNG picture",
    }
}

fn export_extensions(choice: super::exports::ExportChoice) -> &'static [&'static str] {
    match choice.extension() {
        "csv" => &["csv"],
        "html" => &["html"],
        "xlsx" => &["xlsx"],
        _ => &["png"],
    }
}

/// A background read finished.
#[derive(Debug)]
pub enum LoadOutcome {
    Loaded {
        /// The file read (the first, for files read together).
        path: PathBuf,
        opened: Box<Opened>,
        /// Several files were read together (none is a recent file to reopen alone).
        together: bool,
    },
    /// An NHS file (or files) covering many sub-ICBs: the user picks one.
    NeedsRegion {
        inputs: Vec<LoadInput>,
        /// `(code, name, practices)`; empty when the list could not be read.
        regions: Vec<(String, String, usize)>,
    },
    Failed(LoadError),
}

/// A finished job, for the app to act on.
#[derive(Debug)]
pub enum Finished {
    Loaded(LoadOutcome),
    Saved {
        path: PathBuf,
        revision: u64,
        result: Result<(), String>,
    },
    Picked {
        purpose: Purpose,
        path: PathBuf,
    },
    /// The browser gave a rule file or another laptop's file itself (no path).
    PickedBytes {
        purpose: Purpose,
        name: String,
        bytes: Vec<u8>,
    },
    /// The dialog closed with nothing chosen (or no dialog could be shown).
    NoPick {
        purpose: Purpose,
        no_dialog: bool,
    },
}

enum Running {
    Dialog {
        purpose: Purpose,
        job: Job<Picked>,
    },
    Load {
        job: Job<LoadOutcome>,
    },
    Save {
        path: PathBuf,
        revision: u64,
        job: Job<Result<(), String>>,
    },
}

/// The one file job running at a time.
#[derive(Default)]
pub struct FileJobs {
    running: Option<Running>,
    /// Never show a native dialog: every pick falls back to the typed-path field at once
    /// (tests, and machines known to have no dialog), so that fallback is deterministic.
    no_dialogs: bool,
}

impl FileJobs {
    pub fn is_busy(&self) -> bool {
        self.running.is_some()
    }

    /// From now on, offer the typed-path field instead of a native file dialog.
    pub fn disable_native_dialogs(&mut self) {
        self.no_dialogs = true;
    }

    /// What is running, for the status line.
    pub fn activity(&self) -> Option<&'static str> {
        match self.running {
            Some(Running::Dialog { .. }) => Some("Waiting for the file dialog…"),
            Some(Running::Load { .. }) => Some("Reading the file…"),
            Some(Running::Save { .. }) => Some("Saving…"),
            None => None,
        }
    }

    /// Shows a file dialog in the background.
    pub fn start_dialog(&mut self, purpose: Purpose, suggested_name: &str) -> bool {
        if self.is_busy() {
            return false;
        }
        let job = if self.no_dialogs {
            Job::ready("file dialog", Picked::Nothing { no_dialog: true })
        } else {
            match dialog::show(purpose.dialog(suggested_name)) {
                Some(job) => job,
                None => return false,
            }
        };
        self.running = Some(Running::Dialog { purpose, job });
        true
    }

    /// Reads a file in the background. `region` picks a sub-ICB of an NHS payments file.
    pub fn start_load(&mut self, path: PathBuf, region: Option<String>) -> bool {
        self.start_load_job(move || load(path, region.as_deref()))
    }

    /// Reads a file the browser gave (its name and bytes) in the background.
    pub fn start_load_bytes(
        &mut self,
        name: String,
        bytes: Arc<Vec<u8>>,
        region: Option<String>,
    ) -> bool {
        self.start_load_job(move || load_bytes(&name, bytes, region.as_deref()))
    }

    /// Reads files given together (monthly NHS files), or one file, in the background.
    pub fn start_load_inputs(&mut self, inputs: Vec<LoadInput>, region: Option<String>) -> bool {
        self.start_load_job(move || load_inputs(inputs, region.as_deref()))
    }

    /// Reads dropped files: by their paths on the desktop, by their bytes in the browser.
    /// Several files dropped together are read together (monthly NHS files).
    pub fn start_load_dropped(&mut self, files: &[egui::DroppedFileHandle]) -> bool {
        if self.is_busy() {
            return false;
        }
        match dialog::dropped(files) {
            Dropped::Path(path) => self.start_load(path, None),
            Dropped::Paths(paths) => {
                self.start_load_inputs(paths.into_iter().map(LoadInput::Path).collect(), None)
            }
            Dropped::Reading(job) => {
                self.running = Some(Running::Dialog {
                    purpose: Purpose::Open,
                    job,
                });
                true
            }
        }
    }

    fn start_load_job(&mut self, work: impl FnOnce() -> LoadOutcome + Send + 'static) -> bool {
        if self.is_busy() {
            return false;
        }
        let Some(job) = Job::spawn("load", move |_| work()) else {
            return false;
        };
        self.running = Some(Running::Load { job });
        true
    }

    /// Writes a scenario in the background; `revision` is the document revision saved.
    pub fn start_save(&mut self, path: PathBuf, scenario: Scenario, revision: u64) -> bool {
        if self.is_busy() {
            return false;
        }
        let target = path.clone();
        let Some(job) = Job::spawn("save", move |_| {
            super::platform::output::save_scenario(&target, &scenario)
        }) else {
            return false;
        };
        self.running = Some(Running::Save {
            path,
            revision,
            job,
        });
        true
    }

    /// Checks the running job without waiting.
    pub fn poll(&mut self) -> Option<Finished> {
        let running = self.running.as_mut()?;
        let finished = match running {
            Running::Dialog { purpose, job } => {
                let purpose = *purpose;
                let polled = job.poll();
                return self.dialog_polled(purpose, polled);
            }
            Running::Load { job } => match job.poll() {
                Poll::Pending => return None,
                Poll::Done(outcome) => Finished::Loaded(outcome),
                Poll::Lost => Finished::Loaded(LoadOutcome::Failed(LoadError::new(
                    "file",
                    io::Problem::new("reading stopped unexpectedly"),
                ))),
            },
            Running::Save {
                path,
                revision,
                job,
            } => {
                let result = match job.poll() {
                    Poll::Pending => return None,
                    Poll::Done(result) => result,
                    Poll::Lost => Err("saving stopped unexpectedly".to_string()),
                };
                Finished::Saved {
                    path: std::mem::take(path),
                    revision: *revision,
                    result,
                }
            }
        };
        self.running = None;
        Some(finished)
    }

    /// What a finished (or lost) file dialog leads to: a path or bytes to use, nothing picked,
    /// a failure, or (several files, or the browser's file to read) a load started in its place.
    fn dialog_polled(&mut self, purpose: Purpose, polled: Poll<Picked>) -> Option<Finished> {
        let finished = match polled {
            Poll::Pending => return None,
            Poll::Done(Picked::Path(path)) => Finished::Picked { purpose, path },
            Poll::Done(Picked::Several(inputs)) => {
                self.running = None;
                if !self.start_load_inputs(inputs, None) {
                    return Some(Finished::Loaded(LoadOutcome::Failed(LoadError::new(
                        "files",
                        io::Problem::new("reading could not be started"),
                    ))));
                }
                return None;
            }
            Poll::Done(Picked::Nothing { no_dialog }) => Finished::NoPick { purpose, no_dialog },
            Poll::Lost => Finished::NoPick {
                purpose,
                no_dialog: true,
            },
            Poll::Done(Picked::Failed { name, error }) => Finished::Loaded(LoadOutcome::Failed(
                LoadError::new(&name, io::Problem::new(format!("cannot be read: {error}"))),
            )),
            Poll::Done(Picked::Bytes { name, bytes })
                if matches!(
                    purpose,
                    Purpose::LoadRules | Purpose::Merge | Purpose::ImportStaff
                ) =>
            {
                Finished::PickedBytes {
                    purpose,
                    name,
                    bytes,
                }
            }
            Poll::Done(Picked::Bytes { name, bytes }) => {
                // The browser gave the file itself: read it next.
                self.running = None;
                if !self.start_load_bytes(name, Arc::new(bytes), None) {
                    return Some(Finished::Loaded(LoadOutcome::Failed(LoadError::new(
                        "file",
                        io::Problem::new("reading could not be started"),
                    ))));
                }
                return None;
            }
        };
        self.running = None;
        Some(finished)
    }
}

/// Reads files given together: one of any kind, or several monthly NHS files (runs as a job).
pub fn load_inputs(inputs: Vec<LoadInput>, region: Option<&str>) -> LoadOutcome {
    match <[LoadInput; 1]>::try_from(inputs) {
        Ok([LoadInput::Path(path)]) => load(path, region),
        Ok([LoadInput::Bytes { name, bytes }]) => load_bytes(&name, bytes, region),
        Err(inputs) => load_together(inputs, region),
    }
}

/// Reads several monthly NHS files as one region; files of more than one area ask for one.
fn load_together(inputs: Vec<LoadInput>, region: Option<&str>) -> LoadOutcome {
    let mut files = Vec::with_capacity(inputs.len());
    for input in &inputs {
        let bytes = match input {
            LoadInput::Path(path) => match io::read_limited(path) {
                Ok(bytes) => Arc::new(bytes),
                Err(error) => return LoadOutcome::Failed(error),
            },
            LoadInput::Bytes { name, bytes } => {
                if let Err(error) = io::check_input_size(name, bytes.len()) {
                    return LoadOutcome::Failed(error);
                }
                bytes.clone()
            }
        };
        files.push((input.path().display().to_string(), bytes));
    }
    let path = inputs.first().map(LoadInput::path).unwrap_or_default();
    // The readers borrow the bytes (the region prompt may keep them to read again).
    let views: Vec<(String, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (name.clone(), bytes.as_slice()))
        .collect();
    match io::readers::open_monthly_files(&views, region) {
        Ok(opened) => LoadOutcome::Loaded {
            path,
            opened: Box::new(opened),
            together: true,
        },
        Err(error) => {
            let many_areas = region.is_none()
                && io::readers::monthly::monthly_area_count(&views).is_ok_and(|count| count > 1);
            if !many_areas {
                return LoadOutcome::Failed(error);
            }
            LoadOutcome::NeedsRegion {
                // Kept in memory: the region prompt reads them again with the region chosen.
                inputs: files
                    .into_iter()
                    .map(|(name, bytes)| LoadInput::Bytes { name, bytes })
                    .collect(),
                regions: bundled_regions(),
            }
        }
    }
}

/// `(code, name, practices)` of every bundled sub-ICB, for the region prompt.
fn bundled_regions() -> Vec<(String, String, usize)> {
    io::readers::reference::reference()
        .map(|reference| {
            reference
                .sub_icbs
                .iter()
                .map(|s| (s.code.clone(), s.name.clone(), s.practices))
                .collect()
        })
        .unwrap_or_default()
}

/// Reads a file completely (runs as a job; also used before the window opens).
pub fn load(path: PathBuf, region: Option<&str>) -> LoadOutcome {
    match io::read_limited(&path) {
        Ok(bytes) => classify(path, &bytes, region, None),
        Err(error) => LoadOutcome::Failed(error),
    }
}

/// Reads a file given as its name and bytes (by the browser), like [`load`].
pub fn load_bytes(name: &str, bytes: Arc<Vec<u8>>, region: Option<&str>) -> LoadOutcome {
    if let Err(error) = io::check_input_size(name, bytes.len()) {
        return LoadOutcome::Failed(error);
    }
    let keep = bytes.clone();
    classify(PathBuf::from(name), &bytes, region, Some(keep))
}

/// What the bytes of a file are and what to do with them. `keep` holds the bytes for a second
/// read when the file has no path (the region prompt reads it again with the region chosen).
fn classify(
    path: PathBuf,
    bytes: &[u8],
    region: Option<&str>,
    keep: Option<Arc<Vec<u8>>>,
) -> LoadOutcome {
    if region.is_none() && io::readers::monthly_files::monthly_kind(bytes).is_some() {
        // A monthly NHS file of one area opens as it is; one of all England asks for a region,
        // chosen from the bundled list.
        if let Ok(opened) = io::open_bytes(&path.display().to_string(), bytes, None) {
            return LoadOutcome::Loaded {
                path,
                opened: Box::new(opened),
                together: false,
            };
        }
        return LoadOutcome::NeedsRegion {
            inputs: vec![again(path, keep)],
            regions: bundled_regions(),
        };
    }
    if region.is_none()
        && io::detect_kind_of(&path.display().to_string(), bytes) == FileKind::NhsPayments
    {
        return LoadOutcome::NeedsRegion {
            regions: io::nhs_payments::list_regions(bytes),
            inputs: vec![again(path, keep)],
        };
    }
    match io::open_bytes(&path.display().to_string(), bytes, region) {
        Ok(opened) => LoadOutcome::Loaded {
            path,
            opened: Box::new(opened),
            together: false,
        },
        Err(error) => LoadOutcome::Failed(error),
    }
}

/// The file to read again with a region chosen: from its path, or from the kept bytes.
fn again(path: PathBuf, keep: Option<Arc<Vec<u8>>>) -> LoadInput {
    match keep {
        Some(bytes) => LoadInput::Bytes {
            name: path.display().to_string(),
            bytes,
        },
        None => LoadInput::Path(path),
    }
}

/// A text field to type a path, when no file dialog can be shown.
#[derive(Debug, Clone)]
pub struct PathPrompt {
    pub purpose: Purpose,
    pub text: String,
    /// Why the prompt is shown (e.g. "No file dialog is available on this system").
    pub reason: String,
}

/// The sub-ICB picker for NHS files that cover many areas.
#[derive(Debug, Clone)]
pub struct RegionPrompt {
    /// The file (or files read together) to read again with the region chosen.
    pub inputs: Vec<LoadInput>,
    pub regions: Vec<(String, String, usize)>,
    pub code: String,
}

/// Something that went wrong with a file, shown in the error panel until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct FileError {
    pub headline: String,
    /// One line per problem: `line 12, field registered_patients: …`.
    pub details: Vec<String>,
}

impl FileError {
    pub fn from_load(error: &LoadError) -> Self {
        Self {
            headline: format!("Could not open {}", error.file),
            details: error.problems.iter().map(ToString::to_string).collect(),
        }
    }

    pub fn message(headline: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            headline: headline.into(),
            details: vec![detail.into()],
        }
    }
}
