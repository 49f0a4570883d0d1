//! What the user holds fixed for Suggest: locked practices and hubs, groups that move together
//! and per-hub bands. Kept in the scenario (and its file); checked by
//! [`super::optimise::validate_constraints`], searched by [`super::optimise`].

use super::hub::HubId;
use super::practice::PracticeId;
use super::quantity::Patients;
use std::collections::{BTreeMap, BTreeSet};

/// What the user holds fixed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Constraints {
    /// Practices that stay in their hub.
    pub locked_practices: BTreeSet<PracticeId>,
    /// Hubs that keep exactly their members (none leaves, none joins).
    pub locked_hubs: BTreeSet<HubId>,
    /// Practices that must end in the same hub (partnerships, shared buildings).
    pub groups: Vec<Vec<PracticeId>>,
    /// Per-hub band `(min, max)` registered patients, e.g. a rural waiver allowing 20,000.
    pub bands: BTreeMap<HubId, (Patients, Patients)>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        self.locked_practices.is_empty()
            && self.locked_hubs.is_empty()
            && self.groups.is_empty()
            && self.bands.is_empty()
    }
}

/// Most groups a scenario keeps, and most practices in one.
pub const MAX_GROUPS: usize = 500;
pub const MAX_GROUP_PRACTICES: usize = 50;
