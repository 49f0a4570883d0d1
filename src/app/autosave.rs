//! Autosave: while the document has unsaved changes, it is written to the recovery file in the
//! app's data folder (the browser's storage on the web) every [`AUTOSAVE_EVERY`] and whenever the
//! window loses focus.
//!
//! The frame only clones the scenario (the region is shared); a background job serialises it and
//! writes it atomically, so a frame never waits for the disk. Requests run one at a time in the
//! order they were made, so a removal after a save can never be overtaken by an older write.

use super::jobs::{Job, Poll};
use super::platform::storage::Store;
use crate::io::recovery::RecoveryHeader;
use crate::io::scenario_file::try_scenario_to_string;
use crate::model::{Document, Scenario};
use std::collections::VecDeque;
use std::path::Path;
use std::time::Duration;

/// How often a document with unsaved changes is written to the recovery file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

enum Request {
    Write {
        header: RecoveryHeader,
        scenario: Box<Scenario>,
        history: Vec<(String, crate::model::Action)>,
    },
    Remove,
}

/// Autosave state of the window.
pub struct Autosave {
    /// Where the recovery file goes; `None` turns autosave off (tests that do not ask for it).
    store: Option<Store>,
    /// The request being carried out.
    running: Option<Job<Result<(), String>>>,
    /// Requests made and not started yet, oldest first.
    queue: VecDeque<Request>,
    /// The document revision last handed over (`None`: nothing of this document yet).
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
    pub fn new(store: Option<Store>) -> Self {
        Self {
            store,
            running: None,
            queue: VecDeque::new(),
            written_revision: None,
            last_write_s: None,
            was_focused: true,
            paused: false,
        }
    }

    /// Where preferences and the recovery file are kept, if anywhere.
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// True while a write or removal has not finished.
    pub fn is_pending(&self) -> bool {
        self.running.is_some() || !self.queue.is_empty()
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
        if self.is_pending() {
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
        self.store.is_some()
            && !self.paused
            && document.is_modified()
            && self.written_revision != Some(document.revision())
    }

    /// Hands the document to the worker now (also for tests and the focus-loss path).
    pub fn write_now(&mut self, document: &Document, path: Option<&Path>) {
        if self.store.is_none() || self.paused {
            return;
        }
        let header = RecoveryHeader::now(
            document.change_count(),
            path.map(Path::to_path_buf),
            document.scenario().title().to_string(),
        );
        let scenario = Box::new(document.scenario().clone());
        let history = document.history();
        if self.send(Request::Write {
            header,
            scenario,
            history,
        }) {
            self.written_revision = Some(document.revision());
        }
    }

    /// Removes the recovery file in the background (after a save, or when the user discards it).
    pub fn remove(&mut self) {
        if self.store.is_some() {
            self.send(Request::Remove);
        }
    }

    /// Removes the recovery file before the window closes (a clean exit). Waits for the write
    /// under way so that it cannot land after the removal; writes not started are dropped.
    pub fn remove_on_exit(&mut self) {
        let Some(store) = self.store.clone() else {
            return;
        };
        if let Some(job) = self.running.take() {
            let _ = job.wait();
        }
        self.queue.clear();
        let _ = store.remove_recovery();
    }

    fn send(&mut self, request: Request) -> bool {
        if self.store.is_none() {
            return false;
        }
        self.queue.push_back(request);
        // `Some` only when no job could be started (the request is dropped).
        self.start_next().is_none()
    }

    /// Starts the oldest request when none is running.
    fn start_next(&mut self) -> Option<String> {
        if self.running.is_some() {
            return None;
        }
        let store = self.store.clone()?;
        let request = self.queue.pop_front()?;
        self.running = Job::spawn("autosave", move |_| carry_out(&store, request));
        if self.running.is_none() {
            self.queue.clear();
            return Some("Autosave failed: no background job could be started".to_string());
        }
        None
    }

    /// Collects the finished request and starts the next; returns an error of the one finished.
    fn poll(&mut self) -> Option<String> {
        let mut error = None;
        if let Some(job) = &mut self.running {
            match job.poll() {
                Poll::Pending => return None,
                Poll::Done(result) => error = result.err(),
                Poll::Lost => error = Some("Autosave failed: the writer stopped".to_string()),
            }
            self.running = None;
        }
        self.start_next().or(error)
    }
}

fn carry_out(store: &Store, request: Request) -> Result<(), String> {
    match request {
        Request::Write {
            header,
            scenario,
            history,
        } => try_scenario_to_string(&scenario)
            .map_err(anyhow::Error::from)
            .map(|text| crate::io::recovery::with_history(&text, &history))
            .and_then(|text| store.write_recovery(&header, &text))
            .map_err(|error| format!("Autosave failed: {error:#}")),
        Request::Remove => store
            .remove_recovery()
            .map_err(|error| format!("The recovery file could not be removed: {error}")),
    }
}
