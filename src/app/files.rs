//! Files from the window: dialogs, loading and saving on worker threads, and what the user sees
//! when something goes wrong. Nothing here blocks a frame; the current document is replaced only
//! once a new one has been read completely.

use crate::io::{self, FileKind, LoadError, Opened};
use crate::model::Scenario;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// A dialog that answers faster than this did not show anything (no portal and no zenity).
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(150);

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
}

impl Purpose {
    pub fn title(self) -> &'static str {
        match self {
            Self::Open => "Open a file",
            Self::NewFromData => "New from practice data",
            Self::SaveAs => "Save the scenario as",
            Self::LoadRules => "Load a rule file",
            Self::Merge => "Merge another laptop's file",
        }
    }
}

/// A background read finished.
#[derive(Debug)]
pub enum LoadOutcome {
    Loaded {
        path: PathBuf,
        opened: Box<Opened>,
    },
    /// An NHS payments file covers many sub-ICBs: the user picks one.
    NeedsRegion {
        path: PathBuf,
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
    /// The dialog closed with nothing chosen (or no dialog could be shown).
    NoPick {
        purpose: Purpose,
        no_dialog: bool,
    },
}

enum Job {
    Dialog {
        purpose: Purpose,
        started: Instant,
        receiver: Receiver<Option<PathBuf>>,
    },
    Load {
        receiver: Receiver<LoadOutcome>,
    },
    Save {
        path: PathBuf,
        revision: u64,
        receiver: Receiver<Result<(), String>>,
    },
}

/// The one file job running at a time.
#[derive(Default)]
pub struct FileJobs {
    job: Option<Job>,
    /// Never show a native dialog: every pick falls back to the typed-path field at once
    /// (tests, and machines known to have no dialog), so that fallback is deterministic.
    no_dialogs: bool,
}

impl FileJobs {
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// From now on, offer the typed-path field instead of a native file dialog.
    pub fn disable_native_dialogs(&mut self) {
        self.no_dialogs = true;
    }

    /// What is running, for the status line.
    pub fn activity(&self) -> Option<&'static str> {
        match self.job {
            Some(Job::Dialog { .. }) => Some("Waiting for the file dialog…"),
            Some(Job::Load { .. }) => Some("Reading the file…"),
            Some(Job::Save { .. }) => Some("Saving…"),
            None => None,
        }
    }

    /// Shows a native file dialog on a worker thread.
    pub fn start_dialog(&mut self, purpose: Purpose, suggested_name: &str) -> bool {
        if self.is_busy() {
            return false;
        }
        let (sender, receiver) = channel();
        if self.no_dialogs {
            // A dropped sender reads as "no dialog answered": the path field is offered.
            drop(sender);
            self.job = Some(Job::Dialog {
                purpose,
                started: Instant::now(),
                receiver,
            });
            return true;
        }
        let suggested_name = suggested_name.to_string();
        let spawned = std::thread::Builder::new()
            .name("file dialog".into())
            .spawn(move || {
                let dialog = rfd::FileDialog::new().set_title(purpose.title());
                let picked = match purpose {
                    Purpose::Open => dialog
                        .add_filter("Scenarios and practice data", &["ron", "csv"])
                        .add_filter("All files", &["*"])
                        .pick_file(),
                    Purpose::NewFromData => dialog
                        .add_filter("Practice data (CSV)", &["csv"])
                        .add_filter("All files", &["*"])
                        .pick_file(),
                    Purpose::Merge => dialog
                        .add_filter("Scenarios", &["ron"])
                        .add_filter("All files", &["*"])
                        .pick_file(),
                    Purpose::LoadRules => dialog
                        .add_filter("Rule files (RON)", &["ron"])
                        .add_filter("All files", &["*"])
                        .pick_file(),
                    Purpose::SaveAs => dialog
                        .add_filter("Scenario", &["ron"])
                        .set_file_name(suggested_name)
                        .save_file(),
                };
                let _ = sender.send(picked);
            });
        if spawned.is_err() {
            return false;
        }
        self.job = Some(Job::Dialog {
            purpose,
            started: Instant::now(),
            receiver,
        });
        true
    }

    /// Reads a file on a worker thread. `region` picks a sub-ICB of an NHS payments file.
    pub fn start_load(&mut self, path: PathBuf, region: Option<String>) -> bool {
        if self.is_busy() {
            return false;
        }
        let (sender, receiver) = channel();
        let spawned = std::thread::Builder::new()
            .name("load".into())
            .spawn(move || {
                let _ = sender.send(load(path, region.as_deref()));
            });
        if spawned.is_err() {
            return false;
        }
        self.job = Some(Job::Load { receiver });
        true
    }

    /// Writes a scenario on a worker thread; `revision` is the document revision saved.
    pub fn start_save(&mut self, path: PathBuf, scenario: Scenario, revision: u64) -> bool {
        if self.is_busy() {
            return false;
        }
        let (sender, receiver) = channel();
        let target = path.clone();
        let spawned = std::thread::Builder::new()
            .name("save".into())
            .spawn(move || {
                let result = io::scenario_file::save_scenario(&target, &scenario)
                    .map_err(|error| format!("{error:#}"));
                let _ = sender.send(result);
            });
        if spawned.is_err() {
            return false;
        }
        self.job = Some(Job::Save {
            path,
            revision,
            receiver,
        });
        true
    }

    /// Checks the running job without waiting.
    pub fn poll(&mut self) -> Option<Finished> {
        let job = self.job.take()?;
        match job {
            Job::Dialog {
                purpose,
                started,
                receiver,
            } => match receiver.try_recv() {
                Ok(Some(path)) => Some(Finished::Picked { purpose, path }),
                Ok(None) => Some(Finished::NoPick {
                    purpose,
                    no_dialog: started.elapsed() < NO_DIALOG_WITHIN,
                }),
                Err(TryRecvError::Disconnected) => Some(Finished::NoPick {
                    purpose,
                    no_dialog: true,
                }),
                Err(TryRecvError::Empty) => {
                    self.job = Some(Job::Dialog {
                        purpose,
                        started,
                        receiver,
                    });
                    None
                }
            },
            Job::Load { receiver } => match receiver.try_recv() {
                Ok(outcome) => Some(Finished::Loaded(outcome)),
                Err(TryRecvError::Disconnected) => Some(Finished::Loaded(LoadOutcome::Failed(
                    LoadError::new("file", io::Problem::new("reading stopped unexpectedly")),
                ))),
                Err(TryRecvError::Empty) => {
                    self.job = Some(Job::Load { receiver });
                    None
                }
            },
            Job::Save {
                path,
                revision,
                receiver,
            } => match receiver.try_recv() {
                Ok(result) => Some(Finished::Saved {
                    path,
                    revision,
                    result,
                }),
                Err(TryRecvError::Disconnected) => Some(Finished::Saved {
                    path,
                    revision,
                    result: Err("saving stopped unexpectedly".to_string()),
                }),
                Err(TryRecvError::Empty) => {
                    self.job = Some(Job::Save {
                        path,
                        revision,
                        receiver,
                    });
                    None
                }
            },
        }
    }
}

/// Reads a file completely (runs on a worker thread; also used before the window opens).
pub fn load(path: PathBuf, region: Option<&str>) -> LoadOutcome {
    let bytes = match io::read_limited(&path) {
        Ok(bytes) => bytes,
        Err(error) => return LoadOutcome::Failed(error),
    };
    if region.is_none() && io::readers::monthly_files::monthly_kind(&bytes).is_some() {
        // A monthly NHS file of one area opens as it is; one of all England asks for a region,
        // chosen from the bundled list.
        if let Ok(opened) = io::open_bytes(&path.display().to_string(), &bytes, None) {
            return LoadOutcome::Loaded {
                path,
                opened: Box::new(opened),
            };
        }
        let regions = io::readers::reference::reference()
            .map(|reference| {
                reference
                    .sub_icbs
                    .iter()
                    .map(|s| (s.code.clone(), s.name.clone(), s.practices))
                    .collect()
            })
            .unwrap_or_default();
        return LoadOutcome::NeedsRegion { path, regions };
    }
    if region.is_none()
        && io::detect_kind_of(&path.display().to_string(), &bytes) == FileKind::NhsPayments
    {
        return LoadOutcome::NeedsRegion {
            path,
            regions: io::nhs_payments::list_regions(&bytes),
        };
    }
    match io::open_bytes(&path.display().to_string(), &bytes, region) {
        Ok(opened) => LoadOutcome::Loaded {
            path,
            opened: Box::new(opened),
        },
        Err(error) => LoadOutcome::Failed(error),
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

/// The sub-ICB picker for an NHS payments file.
#[derive(Debug, Clone)]
pub struct RegionPrompt {
    pub path: PathBuf,
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
