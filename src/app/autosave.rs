//! Autosave: while the document has unsaved changes, it is written to the recovery file in the
//! app's data folder every [`AUTOSAVE_EVERY`] and whenever the window loses focus.
//!
//! The frame only clones the scenario (the region is shared); a worker thread serialises it and
//! writes it atomically, so a frame never waits for the disk. Requests run in order on one thread,
//! so a removal after a save can never be overtaken by an older write.

use crate::io::recovery::{self, RecoveryHeader};
use crate::io::scenario_file::try_scenario_to_string;
use crate::model::{Document, Scenario};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::Duration;

/// How often a document with unsaved changes is written to the recovery file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

enum Request {
    Write {
        header: RecoveryHeader,
        scenario: Box<Scenario>,
    },
    Remove,
}

/// The worker thread and what it has been asked.
struct Worker {
    requests: Sender<Request>,
    results: Receiver<Result<(), String>>,
}

/// Autosave state of the window.
pub struct Autosave {
    /// The app's data folder; `None` turns autosave off (tests that do not ask for it).
    dir: Option<PathBuf>,
    worker: Option<Worker>,
    /// Requests sent and not yet answered.
    pending: usize,
    /// The document revision last handed to the worker (`None`: nothing of this document yet).
    written_revision: Option<u64>,
    /// When the last write was handed over, on the frame clock (`egui::InputState::time`, in
    /// seconds): the real clock in the window, a simulated one in tests. `None` until the first
    /// frame, which starts the count.
    last_write_s: Option<f64>,
    was_focused: bool,
    /// Autosave is held while the restore offer is open, so it cannot overwrite what is offered.
    pub paused: bool,
}

impl Autosave {
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self {
            dir,
            worker: None,
            pending: 0,
            written_revision: None,
            last_write_s: None,
            was_focused: true,
            paused: false,
        }
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// True while a write or removal has not finished.
    pub fn is_pending(&self) -> bool {
        self.pending > 0
    }

    /// A new document replaced the old one: its revisions start again.
    pub fn forget_document(&mut self) {
        self.written_revision = None;
    }

    /// Once per frame: collects finished writes, and starts one when the document has unsaved
    /// changes not yet written and 30 s have passed or the window just lost focus. Returns an
    /// autosave error for the status line, if one finished.
    pub fn tick(
        &mut self,
        ctx: &egui::Context,
        document: &Document,
        path: Option<&Path>,
    ) -> Option<String> {
        let error = self.poll();
        if self.pending > 0 {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        let (focused, now_s) = ctx.input(|input| (input.focused, input.time));
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        let last_write_s = *self.last_write_s.get_or_insert(now_s);
        if !self.needs_write(document) {
            return error;
        }
        let elapsed = Duration::from_secs_f64((now_s - last_write_s).max(0.0));
        if lost_focus || elapsed >= AUTOSAVE_EVERY {
            self.write_now(document, path);
            self.last_write_s = Some(now_s);
        } else {
            // An idle window does not repaint; wake up when the next autosave is due.
            ctx.request_repaint_after(AUTOSAVE_EVERY.saturating_sub(elapsed));
        }
        error
    }

    fn needs_write(&self, document: &Document) -> bool {
        self.dir.is_some()
            && !self.paused
            && document.is_modified()
            && self.written_revision != Some(document.revision())
    }

    /// Hands the document to the worker now (also for tests and the focus-loss path).
    pub fn write_now(&mut self, document: &Document, path: Option<&Path>) {
        if self.dir.is_none() || self.paused {
            return;
        }
        let header = RecoveryHeader::now(
            document.change_count(),
            path.map(Path::to_path_buf),
            document.scenario().title.clone(),
        );
        let scenario = Box::new(document.scenario().clone());
        if self.send(Request::Write { header, scenario }) {
            self.written_revision = Some(document.revision());
        }
    }

    /// Removes the recovery file in the background (after a save, or when the user discards it).
    pub fn remove(&mut self) {
        if self.dir.is_some() {
            self.send(Request::Remove);
        }
    }

    /// Removes the recovery file before the window closes (a clean exit). Waits for writes
    /// already queued so that none of them lands after the removal.
    pub fn remove_on_exit(&mut self) {
        let Some(dir) = self.dir.clone() else {
            return;
        };
        if let Some(worker) = self.worker.take() {
            drop(worker.requests);
            // The worker ends once its queue is empty; wait for each answer.
            while self.pending > 0 && worker.results.recv().is_ok() {
                self.pending -= 1;
            }
        }
        self.pending = 0;
        let _ = recovery::remove_recovery(&dir);
    }

    fn send(&mut self, request: Request) -> bool {
        let Some(dir) = self.dir.clone() else {
            return false;
        };
        if self.worker.is_none() {
            self.worker = spawn_worker(dir);
        }
        let Some(worker) = &self.worker else {
            return false;
        };
        if worker.requests.send(request).is_ok() {
            self.pending += 1;
            true
        } else {
            self.worker = None;
            false
        }
    }

    fn poll(&mut self) -> Option<String> {
        let worker = self.worker.as_ref()?;
        let mut error = None;
        loop {
            match worker.results.try_recv() {
                Ok(result) => {
                    self.pending = self.pending.saturating_sub(1);
                    if let Err(message) = result {
                        error = Some(message);
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.worker = None;
                    self.pending = 0;
                    break;
                }
            }
        }
        error
    }
}

fn spawn_worker(dir: PathBuf) -> Option<Worker> {
    let (requests, inbox) = channel::<Request>();
    let (outbox, results) = channel();
    std::thread::Builder::new()
        .name("autosave".into())
        .spawn(move || {
            for request in inbox {
                let result = match request {
                    Request::Write { header, scenario } => try_scenario_to_string(&scenario)
                        .map_err(anyhow::Error::from)
                        .and_then(|text| recovery::write_recovery(&dir, &header, &text))
                        .map_err(|error| format!("Autosave failed: {error:#}")),
                    Request::Remove => recovery::remove_recovery(&dir).map_err(|error| {
                        format!("The recovery file could not be removed: {error}")
                    }),
                };
                if outbox.send(result).is_err() {
                    break;
                }
            }
        })
        .ok()?;
    Some(Worker { requests, results })
}
