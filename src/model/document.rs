//! The open document: a scenario, its figures and its undo/redo history.
//!
//! Every change goes through [`Document::perform`], [`Document::undo`] or [`Document::redo`],
//! which apply actions with [`apply`] and bring the figures up to date in the same call.

use super::action::{Action, ActionError};
use super::apply::{apply, describe};
use super::metrics::Metrics;
use super::scenario::Scenario;
use std::collections::VecDeque;

/// Most steps kept for undo; older ones are dropped (a long workshop makes a few hundred).
pub const MAX_UNDO_STEPS: usize = 10_000;

/// One undoable step.
#[derive(Debug, Clone, PartialEq)]
struct Step {
    /// For the Edit menu: `Move Meadows Surgery to Burgess Hill PCN`.
    label: String,
    /// Applying this goes back across the step (the inverse on the undo stack, the forward action
    /// on the redo stack).
    action: Action,
    /// Version ids of the states either side of the step, for the unsaved-changes marker.
    version_before: u64,
    version_after: u64,
}

/// A scenario being edited.
#[derive(Debug, Clone)]
pub struct Document {
    scenario: Scenario,
    metrics: Metrics,
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    /// Identifies the current state: equal ids mean equal scenarios.
    version: u64,
    next_version: u64,
    saved_version: Option<u64>,
    /// New on every change (including undo/redo), and unique across every document of the
    /// process, so a cache keyed on it can never mistake a newly opened document for the old.
    revision: u64,
}

/// The next revision of any document: caches of views key on revisions, and a document that
/// replaces another must not start again at a number the old one already used.
fn fresh_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Document {
    /// A document for a scenario that is saved as it is (`saved` true) or not yet saved.
    pub fn new(scenario: Scenario, saved: bool) -> Self {
        let metrics = Metrics::compute(&scenario);
        Self {
            scenario,
            metrics,
            undo: VecDeque::new(),
            redo: Vec::new(),
            version: 0,
            next_version: 1,
            saved_version: saved.then_some(0),
            revision: fresh_revision(),
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Applies a user action as one undo step.
    pub fn perform(&mut self, action: Action) -> Result<(), ActionError> {
        let label = describe(&self.scenario, &action);
        let applied = apply(&mut self.scenario, action)?;
        self.metrics.update(&self.scenario, &applied.touched);
        let version_before = self.version;
        self.version = self.next_version;
        self.next_version += 1;
        self.revision = fresh_revision();
        self.undo.push_back(Step {
            label,
            action: applied.inverse,
            version_before,
            version_after: self.version,
        });
        if self.undo.len() > MAX_UNDO_STEPS {
            self.undo.pop_front();
        }
        self.redo.clear();
        Ok(())
    }

    /// The undo history, oldest first: each step's label and the action that undoes it (what a
    /// recovery file keeps, so that a restored document can still be undone step by step).
    pub fn history(&self) -> Vec<(String, Action)> {
        self.undo
            .iter()
            .map(|step| (step.label.clone(), step.action.clone()))
            .collect()
    }

    /// A document on `scenario` that can undo `history` (as [`Document::history`] gave it) step
    /// by step, not saved. Each undo is checked by `apply` when it is used, so a damaged history
    /// can refuse a step but never break the scenario.
    pub fn with_history(scenario: Scenario, history: Vec<(String, Action)>) -> Self {
        let mut document = Self::new(scenario, false);
        let steps = history.len().min(MAX_UNDO_STEPS);
        let skip = history.len() - steps;
        for (index, (label, action)) in history.into_iter().skip(skip).enumerate() {
            let index = index as u64;
            document.undo.push_back(Step {
                label,
                action,
                version_before: index + 1,
                version_after: index + 2,
            });
        }
        // Version 1 is the state before the first step; nothing of this history is saved.
        document.version = steps as u64 + 1;
        document.next_version = steps as u64 + 2;
        document.saved_version = None;
        document
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        let step = self.undo.pop_back()?;
        self.cross(step, true)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let step = self.redo.pop()?;
        self.cross(step, false)
    }

    fn cross(&mut self, step: Step, undoing: bool) -> Option<String> {
        match apply(&mut self.scenario, step.action.clone()) {
            Ok(applied) => {
                self.metrics.update(&self.scenario, &applied.touched);
                self.revision = fresh_revision();
                let back = Step {
                    label: step.label.clone(),
                    action: applied.inverse,
                    version_before: step.version_before,
                    version_after: step.version_after,
                };
                if undoing {
                    self.version = step.version_before;
                    self.redo.push(back);
                } else {
                    self.version = step.version_after;
                    self.undo.push_back(back);
                }
                Some(step.label)
            }
            // Cannot happen for inverses produced by `apply`; keep the step rather than lose it.
            Err(_) => {
                if undoing {
                    self.undo.push_back(step);
                } else {
                    self.redo.push(step);
                }
                None
            }
        }
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|step| step.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.label.as_str())
    }

    /// Labels of the undo stack, oldest first.
    pub fn history_labels(&self) -> impl Iterator<Item = &str> {
        self.undo.iter().map(|step| step.label.as_str())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Number of steps that can be undone.
    pub fn change_count(&self) -> usize {
        self.undo.len()
    }

    /// True when the scenario differs from the last saved (or opened) state.
    pub fn is_modified(&self) -> bool {
        self.saved_version != Some(self.version)
    }

    /// Records that the current state has been written to disk.
    pub fn mark_saved(&mut self) {
        self.saved_version = Some(self.version);
    }

    /// Changes on every change, unique across documents; caches of derived drawing data key on it.
    pub fn revision(&self) -> u64 {
        self.revision
    }
}
