//! Snapshots: named copies of an option (hubs, assignment, reasons) kept inside a scenario, so a
//! workshop can flip between options A, B, C and compare any two.

use super::hub::{Hub, HubId};
use super::practice::PracticeId;
use std::collections::{BTreeMap, BTreeSet};

/// Longest snapshot name accepted (characters).
pub const MAX_SNAPSHOT_NAME_CHARS: usize = 80;
/// Longest reason for a move accepted (characters).
pub const MAX_REASON_CHARS: usize = 200;
/// Most snapshots one scenario keeps (each is a copy of the assignment).
pub const MAX_SNAPSHOTS: usize = 100;

/// One option as it was when saved: which hubs existed, where each practice was, and why.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Snapshot {
    pub hubs: BTreeMap<HubId, Hub>,
    /// One entry per practice of the region, in region order.
    pub assignment: Vec<Option<HubId>>,
    /// The decision log of that option: practice → short reason for its placement.
    pub reasons: BTreeMap<PracticeId, String>,
}

/// Why a snapshot does not fit the region it is meant for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnapshotError {
    #[error("the snapshot holds {found} practices; the region has {expected}")]
    WrongLength { found: usize, expected: usize },
    #[error("practice number {practice} is in hub number {hub}, which the snapshot does not hold")]
    UnknownHub { practice: u32, hub: u32 },
    #[error("hub code {0} is used by more than one hub of the snapshot")]
    DuplicateHubCode(String),
    #[error("a hub of the snapshot has no code or no name")]
    EmptyHubName,
    #[error("a reason names practice number {0}, which is not in the region")]
    UnknownPractice(u32),
}

impl Snapshot {
    /// Checks that the snapshot describes a valid option on a region of `practices` practices.
    pub fn check(&self, practices: usize) -> Result<(), SnapshotError> {
        if self.assignment.len() != practices {
            return Err(SnapshotError::WrongLength {
                found: self.assignment.len(),
                expected: practices,
            });
        }
        let mut codes = BTreeSet::new();
        for hub in self.hubs.values() {
            if hub.code.trim().is_empty() || hub.name.trim().is_empty() {
                return Err(SnapshotError::EmptyHubName);
            }
            if !codes.insert(hub.code.as_str()) {
                return Err(SnapshotError::DuplicateHubCode(hub.code.clone()));
            }
        }
        for (index, hub) in self.assignment.iter().enumerate() {
            if let Some(hub) = hub
                && !self.hubs.contains_key(hub)
            {
                return Err(SnapshotError::UnknownHub {
                    practice: index as u32,
                    hub: hub.0,
                });
            }
        }
        if let Some(practice) = self.reasons.keys().find(|p| p.index() >= practices) {
            return Err(SnapshotError::UnknownPractice(practice.0));
        }
        Ok(())
    }

    /// `(practice index, hub code)` for every assigned practice, in region order.
    pub fn assignment_codes(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        self.assignment
            .iter()
            .enumerate()
            .filter_map(|(index, hub)| {
                let hub = self.hubs.get(&(*hub)?)?;
                Some((index, hub.code.as_str()))
            })
    }
}
