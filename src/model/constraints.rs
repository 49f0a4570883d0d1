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
    /// The practices that move together with `practice` (itself included), if it is in a group.
    pub fn group_of(&self, practice: PracticeId) -> Option<&[PracticeId]> {
        self.groups
            .iter()
            .find(|group| group.contains(&practice))
            .map(Vec::as_slice)
    }

    /// From now on `a` and `b` move together: `b` (with any group it is in) joins `a`'s group,
    /// or the two make a new group. Members stay sorted, so the same groups compare equal.
    pub fn join(&mut self, a: PracticeId, b: PracticeId) {
        if a == b {
            return;
        }
        let mut merged: BTreeSet<PracticeId> = [a, b].into();
        self.groups.retain(|group| {
            let touches = group.contains(&a) || group.contains(&b);
            if touches {
                merged.extend(group.iter().copied());
            }
            !touches
        });
        self.groups.push(merged.into_iter().collect());
    }

    /// `practice` no longer moves with its group; a group left with one practice is dropped.
    pub fn leave(&mut self, practice: PracticeId) {
        for group in &mut self.groups {
            group.retain(|member| *member != practice);
        }
        self.groups.retain(|group| group.len() >= 2);
    }

    /// The band Suggest aims `hub` at: its own (a waiver) or `national`.
    pub fn band_of(&self, hub: HubId, national: (Patients, Patients)) -> (Patients, Patients) {
        self.bands.get(&hub).copied().unwrap_or(national)
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joining_merges_groups_and_leaving_drops_a_group_of_one() {
        let p = PracticeId;
        let mut constraints = Constraints::default();
        constraints.join(p(3), p(1));
        assert_eq!(constraints.groups, vec![vec![p(1), p(3)]]);
        constraints.join(p(5), p(7));
        // 1 joins 5: the two groups become one.
        constraints.join(p(5), p(1));
        assert_eq!(constraints.groups, vec![vec![p(1), p(3), p(5), p(7)]]);
        assert_eq!(
            constraints.group_of(p(7)),
            Some(&[p(1), p(3), p(5), p(7)][..])
        );
        constraints.join(p(7), p(7));
        assert_eq!(constraints.groups.len(), 1);
        constraints.leave(p(3));
        constraints.leave(p(5));
        assert_eq!(constraints.groups, vec![vec![p(1), p(7)]]);
        constraints.leave(p(1));
        assert!(constraints.groups.is_empty() && constraints.group_of(p(7)).is_none());
    }
}
