//! What a panel is given for one frame: a read-only [`View`] of the document and the
//! selection, and the list of [`Intent`]s it pushes to. The app applies the intents once,
//! after layout; nothing else changes the document or the selection.

use super::Intent;
use crate::model::{GroupFigures, Metrics, PracticeId, Scenario};
use std::collections::BTreeMap;

/// The document and the selection as a panel reads them this frame.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub scenario: &'a Scenario,
    pub metrics: &'a Metrics,
    /// Changes whenever the document does: what caches are keyed on.
    pub revision: u64,
    /// The selected practice, shared by the board, the map and the menus.
    pub selected: Option<PracticeId>,
    /// The region's baseline figures (today's PCNs) by hub code, for the Δ columns.
    pub baseline: Option<&'a BTreeMap<String, GroupFigures>>,
}

/// Where panels put what they ask for (moves, edits, commands, selections).
pub type Intents = Vec<Intent>;
