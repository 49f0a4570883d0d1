//! A scenario: one option for grouping a region's practices into hubs.

use super::constraints::Constraints;
use super::hub::{Hub, HubId};
use super::practice::PracticeId;
use super::quantity::Patients;
use super::region::Region;
use super::rule_edits::RuleEdits;
use super::rules::{RuleSet, RuleYear};
use super::snapshot::{Snapshot, SnapshotError};
use super::staffing::StaffPlan;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Why parts given for a scenario do not fit together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioError {
    #[error("hub code {code} is used by more than one hub")]
    DuplicateHubCode { code: String },
    #[error("hub code is empty")]
    EmptyHubCode,
    #[error("practice {practice} is assigned to hub {hub}, which is not in the scenario")]
    UnknownHub { practice: String, hub: String },
    #[error("practice {practice} is assigned but is not in the region")]
    UnknownPractice { practice: String },
    #[error("practice {practice} is assigned more than once")]
    DuplicateAssignment { practice: String },
}

/// The name of the snapshot that holds a workshop's start (File → Start a workshop): the common
/// ancestor of every laptop's file, against which they are merged.
pub const WORKSHOP_START: &str = "Workshop start";

/// Where a practice's adjusted population comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdjustedSource {
    /// Entered by the user (for the practice, or shared out from a hub's figure).
    Entered,
    /// Given in the practice data.
    Data,
    /// Not known: the weighted list stands in.
    WeightedList,
}

/// One option: the region, its hubs, which hub each practice is in, and the funding year.
///
/// The member index is derived from the assignment and kept in step by [`super::apply::apply`].
#[derive(Debug, Clone)]
pub struct Scenario {
    region: Arc<Region>,
    hubs: BTreeMap<HubId, Hub>,
    assignment: Vec<Option<HubId>>,
    members: BTreeMap<HubId, BTreeSet<PracticeId>>,
    unassigned: BTreeSet<PracticeId>,
    /// Hub id by hub code, derived from `hubs` (so that checking a new hub's code is not a
    /// search of every hub).
    hub_codes: BTreeMap<String, HubId>,
    /// Decision log: why a practice is where it is in this option (at most 200 characters).
    reasons: BTreeMap<PracticeId, String>,
    /// Named copies of options ("Option A", …), sorted by name.
    snapshots: BTreeMap<String, Snapshot>,
    /// The user's corrections to rule sets, per year (applied to `rule_year`'s rules).
    rule_edits: RuleEdits,
    /// Rule sets loaded from files (a year the app does not know yet, or a corrected one), kept
    /// in the scenario so that its file stays self-contained; each takes the place of the
    /// embedded set of its year.
    rule_sets: BTreeMap<RuleYear, Arc<RuleSet>>,
    /// Adjusted populations the user entered (e.g. from their ICB's letter), per practice; each
    /// takes the place of the data's figure or the weighted list, and travels with its practice.
    adjusted_entries: BTreeMap<PracticeId, Patients>,
    /// The identity of the workshop start this option came from (its start is the snapshot
    /// [`WORKSHOP_START`]): files of one workshop share it, so they can be merged.
    workshop_id: Option<String>,
    /// The ARRS staffing plan (rows per employer, London weighting, corrected maxima).
    staff: StaffPlan,
    /// What Suggest must respect: locked practices and hubs, groups, per-hub bands.
    constraints: Constraints,
    /// The year whose rules the figures use; changed by [`super::Action::SetRuleYear`].
    pub(super) rule_year: RuleYear,
    pub(super) title: String,
    pub(super) notes: String,
}

impl PartialEq for Scenario {
    /// Equal when they hold the same data (the derived member index follows from it).
    fn eq(&self, other: &Self) -> bool {
        (Arc::ptr_eq(&self.region, &other.region) || self.region == other.region)
            && self.hubs == other.hubs
            && self.assignment == other.assignment
            && self.rule_year == other.rule_year
            && self.title == other.title
            && self.notes == other.notes
            && self.reasons == other.reasons
            && self.snapshots == other.snapshots
            && self.rule_edits == other.rule_edits
            && self.rule_sets == other.rule_sets
            && self.adjusted_entries == other.adjusted_entries
            && self.workshop_id == other.workshop_id
            && self.staff == other.staff
            && self.constraints == other.constraints
    }
}

impl Scenario {
    /// Today's configuration: one hub per baseline PCN (ids in code order), every practice in its
    /// baseline hub.
    pub fn baseline(region: Arc<Region>, rule_year: RuleYear) -> Self {
        let mut hubs = Vec::with_capacity(region.baseline_hubs().len());
        for (index, (code, name)) in region.baseline_hubs().iter().enumerate() {
            hubs.push(Hub {
                code: code.clone(),
                name: name.clone(),
                colour: index as u16,
            });
        }
        let assignments: Vec<(String, String)> = region
            .practices()
            .iter()
            .filter_map(|p| p.baseline_hub.clone().map(|hub| (p.code.clone(), hub)))
            .collect();
        let title = format!(
            "{} – current PCNs",
            super::practice::title_case(&region.name)
        );
        // Baseline hubs are validated by `Region::new`, so this cannot fail; fall back to an
        // empty scenario rather than panic if it ever did.
        Self::from_codes(region.clone(), hubs, &assignments, rule_year, title.clone())
            .unwrap_or_else(|_| Self::empty(region, rule_year, title))
    }

    /// The year whose rules the figures use.
    pub fn rule_year(&self) -> RuleYear {
        self.rule_year
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn notes(&self) -> &str {
        &self.notes
    }

    /// No hubs; every practice unassigned.
    pub fn empty(region: Arc<Region>, rule_year: RuleYear, title: String) -> Self {
        let unassigned = region.practice_ids().collect();
        Self {
            assignment: vec![None; region.len()],
            region,
            hubs: BTreeMap::new(),
            members: BTreeMap::new(),
            unassigned,
            hub_codes: BTreeMap::new(),
            reasons: BTreeMap::new(),
            snapshots: BTreeMap::new(),
            rule_edits: RuleEdits::default(),
            rule_sets: BTreeMap::new(),
            adjusted_entries: BTreeMap::new(),
            workshop_id: None,
            staff: StaffPlan::default(),
            constraints: Constraints::default(),
            rule_year,
            title,
            notes: String::new(),
        }
    }

    /// Builds a scenario from hubs (given ids 0.. in order) and `(practice code, hub code)` pairs,
    /// as read from a file. Practices not named are unassigned.
    pub fn from_codes(
        region: Arc<Region>,
        hubs: Vec<Hub>,
        assignments: &[(String, String)],
        rule_year: RuleYear,
        title: String,
    ) -> Result<Self, ScenarioError> {
        let mut scenario = Self::empty(region, rule_year, title);
        let mut by_code = BTreeMap::new();
        for (index, hub) in hubs.into_iter().enumerate() {
            if hub.code.trim().is_empty() {
                return Err(ScenarioError::EmptyHubCode);
            }
            let id = HubId(index as u32);
            if by_code.insert(hub.code.clone(), id).is_some() {
                return Err(ScenarioError::DuplicateHubCode { code: hub.code });
            }
            scenario.insert_hub(id, hub);
        }
        let mut seen = BTreeSet::new();
        for (practice_code, hub_code) in assignments {
            let practice = scenario.region.id_of(practice_code).ok_or_else(|| {
                ScenarioError::UnknownPractice {
                    practice: practice_code.clone(),
                }
            })?;
            if !seen.insert(practice) {
                return Err(ScenarioError::DuplicateAssignment {
                    practice: practice_code.clone(),
                });
            }
            let hub = *by_code
                .get(hub_code)
                .ok_or_else(|| ScenarioError::UnknownHub {
                    practice: practice_code.clone(),
                    hub: hub_code.clone(),
                })?;
            scenario.set_assignment(practice, Some(hub));
        }
        Ok(scenario)
    }

    pub fn region(&self) -> &Region {
        &self.region
    }

    pub fn region_arc(&self) -> &Arc<Region> {
        &self.region
    }

    pub fn hubs(&self) -> &BTreeMap<HubId, Hub> {
        &self.hubs
    }

    /// The hub with this code, if any.
    pub fn hub_by_code(&self, code: &str) -> Option<HubId> {
        self.hub_codes.get(code).copied()
    }

    pub fn hub(&self, id: HubId) -> Option<&Hub> {
        self.hubs.get(&id)
    }

    /// The hub a practice is in (`None`: unassigned, or not a practice of the region).
    pub fn hub_of(&self, practice: PracticeId) -> Option<HubId> {
        self.assignment.get(practice.index()).copied().flatten()
    }

    /// One entry per practice of the region, in region order.
    pub fn assignment(&self) -> &[Option<HubId>] {
        &self.assignment
    }

    /// Members of a hub (empty if the hub does not exist), in region order.
    pub fn members(&self, hub: HubId) -> impl ExactSizeIterator<Item = PracticeId> + '_ {
        static EMPTY: BTreeSet<PracticeId> = BTreeSet::new();
        self.members.get(&hub).unwrap_or(&EMPTY).iter().copied()
    }

    pub fn member_count(&self, hub: HubId) -> usize {
        self.members.get(&hub).map_or(0, BTreeSet::len)
    }

    /// Members of a group: a hub, or the unassigned practices for `None`.
    pub fn group_members(
        &self,
        group: Option<HubId>,
    ) -> Box<dyn ExactSizeIterator<Item = PracticeId> + '_> {
        match group {
            Some(hub) => Box::new(self.members(hub)),
            None => Box::new(self.unassigned.iter().copied()),
        }
    }

    pub fn unassigned(&self) -> impl ExactSizeIterator<Item = PracticeId> + '_ {
        self.unassigned.iter().copied()
    }

    /// `(practice code, hub code)` for every assigned practice, in region order (for files).
    pub fn assignment_codes(&self) -> Vec<(String, String)> {
        self.region
            .practices()
            .iter()
            .zip(&self.assignment)
            .filter_map(|(practice, hub)| {
                let hub = self.hubs.get(&(*hub)?)?;
                Some((practice.code.clone(), hub.code.clone()))
            })
            .collect()
    }

    /// An id no hub has, for a hub about to be created.
    pub fn next_hub_id(&self) -> HubId {
        HubId(self.hubs.keys().next_back().map_or(0, |id| id.0 + 1))
    }

    /// A code no hub has that carries this laptop's `tag`: `NEW-K7Q2MX-1`, `NEW-K7Q2MX-2`, …
    /// Laptops with different tags never make the same code, so their files merge cleanly.
    pub fn next_hub_code_tagged(&self, tag: &str) -> String {
        (1..)
            .map(|n| format!("NEW-{tag}-{n}"))
            .find(|code| self.hub_by_code(code).is_none())
            .unwrap_or_default()
    }

    /// The workshop this option belongs to (see [`WORKSHOP_START`]), if any.
    pub fn workshop_id(&self) -> Option<&str> {
        self.workshop_id.as_deref()
    }

    /// The ARRS staffing plan (empty when the scenario has none).
    pub fn staff(&self) -> &StaffPlan {
        &self.staff
    }

    /// Puts a whole plan in place (a file being read; actions change it a row set at a time).
    pub fn set_staff(&mut self, staff: StaffPlan) {
        self.staff = staff;
    }

    /// Locks, groups and per-hub bands that Suggest respects (and drags respect the locks).
    pub fn constraints(&self) -> &Constraints {
        &self.constraints
    }

    pub(super) fn put_constraints(&mut self, constraints: Constraints) -> Constraints {
        std::mem::replace(&mut self.constraints, constraints)
    }

    /// Why a practice may not be dragged from its hub to `to`, if a lock says so.
    pub fn lock_refuses(&self, practice: PracticeId, to: Option<HubId>) -> Option<String> {
        let name = |p: PracticeId| {
            self.region
                .practice(p)
                .map_or_else(|| format!("practice {}", p.0), |p| p.display_name())
        };
        let hub_name = |id: HubId| {
            self.hub(id).map_or_else(
                || format!("hub {}", id.0),
                |h| super::practice::title_case(&h.name),
            )
        };
        let from = self.hub_of(practice);
        if from == to {
            return None;
        }
        if self.constraints.locked_practices.contains(&practice) {
            return Some(format!(
                "{} is locked in its hub (unlock it first)",
                name(practice)
            ));
        }
        for hub in [from, to].into_iter().flatten() {
            if self.constraints.locked_hubs.contains(&hub) {
                return Some(format!(
                    "{} is locked: its practices stay as they are",
                    hub_name(hub)
                ));
            }
        }
        None
    }

    pub(super) fn staff_mut(&mut self) -> &mut StaffPlan {
        &mut self.staff
    }

    pub(super) fn put_workshop_id(&mut self, id: Option<String>) -> Option<String> {
        std::mem::replace(&mut self.workshop_id, id)
    }

    /// A code no hub has: `NEW1`, `NEW2`, …
    pub fn next_hub_code(&self) -> String {
        (1..)
            .map(|n| format!("NEW{n}"))
            .find(|code| self.hub_by_code(code).is_none())
            .unwrap_or_default()
    }

    /// The palette colour used by the fewest hubs (lowest index on ties).
    pub fn least_used_colour(&self, palette_len: u16) -> u16 {
        let palette_len = palette_len.max(1);
        let mut counts = vec![0usize; palette_len as usize];
        for hub in self.hubs.values() {
            counts[(hub.colour % palette_len) as usize] += 1;
        }
        (0..palette_len)
            .min_by_key(|colour| counts[*colour as usize])
            .unwrap_or(0)
    }

    /// The reason recorded for a practice's placement, if any.
    pub fn reason(&self, practice: PracticeId) -> Option<&str> {
        self.reasons.get(&practice).map(String::as_str)
    }

    /// Every recorded reason, by practice.
    pub fn reasons(&self) -> &BTreeMap<PracticeId, String> {
        &self.reasons
    }

    /// Saved snapshots by name.
    pub fn snapshots(&self) -> &BTreeMap<String, Snapshot> {
        &self.snapshots
    }

    pub fn snapshot(&self, name: &str) -> Option<&Snapshot> {
        self.snapshots.get(name)
    }

    /// The current option (hubs, assignment, reasons) as a snapshot.
    pub fn current_option(&self) -> Snapshot {
        Snapshot {
            hubs: self.hubs.clone(),
            assignment: self.assignment.clone(),
            reasons: self.reasons.clone(),
        }
    }

    /// The scenario a snapshot describes: same region, rule year and notes, the snapshot's hubs,
    /// assignment and reasons, no snapshots of its own (for comparison).
    pub fn with_option(&self, snapshot: &Snapshot, title: String) -> Result<Self, SnapshotError> {
        snapshot.check(self.region.len())?;
        let mut scenario = Self::empty(self.region.clone(), self.rule_year, title);
        scenario.notes = self.notes.clone();
        scenario.rule_edits = self.rule_edits.clone();
        scenario.replace_option(snapshot.clone());
        Ok(scenario)
    }

    /// The scenario of the snapshot called `name` (`None` if there is none, or it does not fit).
    pub fn from_snapshot(&self, name: &str) -> Option<Self> {
        let snapshot = self.snapshots.get(name)?;
        self.with_option(snapshot, format!("{} – {name}", self.title))
            .ok()
    }

    /// The user's corrections to rule sets.
    pub fn rule_edits(&self) -> &RuleEdits {
        &self.rule_edits
    }

    /// Sets the corrections while building a scenario (from a file, or a baseline that must
    /// use the same rates as the option it is compared with). A user's change goes through
    /// [`super::action::Action::SetRate`] instead, so that it can be undone.
    pub fn set_rule_edits(&mut self, edits: RuleEdits) {
        self.rule_edits = edits;
    }

    /// The rules every figure is computed from: the year's rule file with the user's edits.
    pub fn effective_rules(&self) -> RuleSet {
        self.rule_edits.apply_to(self.rules_of(self.rule_year))
    }

    /// The rule set of a year as files give it (before the user's rate edits): a set loaded
    /// into this scenario, else the embedded one (empty for a year the app does not know).
    pub fn rules_of(&self, year: RuleYear) -> &RuleSet {
        match self.rule_sets.get(&year) {
            Some(set) => set,
            None => year.rules(),
        }
    }

    /// True when the year has a rule set here: embedded, or loaded into this scenario.
    pub fn knows_year(&self, year: RuleYear) -> bool {
        year.is_known() || self.rule_sets.contains_key(&year)
    }

    /// Every year this scenario can use, oldest first: the embedded years and the loaded ones.
    pub fn years(&self) -> Vec<RuleYear> {
        let mut years: Vec<RuleYear> = RuleYear::all().to_vec();
        years.extend(self.rule_sets.keys().copied());
        years.sort();
        years.dedup();
        years
    }

    /// Rule sets loaded from files, by year.
    pub fn loaded_rule_sets(&self) -> &BTreeMap<RuleYear, Arc<RuleSet>> {
        &self.rule_sets
    }

    /// Sets the loaded rule sets while building a scenario (from a file, or a baseline that must
    /// use the same rules as the option it is compared with). A user's change goes through
    /// [`super::action::Action::PutRuleSet`].
    pub fn set_loaded_rule_sets(&mut self, sets: BTreeMap<RuleYear, Arc<RuleSet>>) {
        self.rule_sets = sets;
    }

    /// Sets the entered adjusted populations while building a scenario (from a file, or a
    /// baseline compared with this option). A user's entry goes through
    /// [`super::action::Action::SetAdjusted`].
    pub fn set_adjusted_entries(&mut self, entries: BTreeMap<PracticeId, Patients>) {
        self.adjusted_entries = entries;
    }

    /// The adjusted population the user entered for a practice, if any.
    pub fn adjusted_entry(&self, practice: PracticeId) -> Option<Patients> {
        self.adjusted_entries.get(&practice).copied()
    }

    /// Every entered adjusted population, by practice.
    pub fn adjusted_entries(&self) -> &BTreeMap<PracticeId, Patients> {
        &self.adjusted_entries
    }

    /// Where a practice's adjusted population comes from, and its value: the user's entry, else
    /// the data's figure, else the weighted list (which stands in for it, see DOMAIN.md).
    pub fn adjusted_of(&self, practice: PracticeId) -> Option<(Patients, AdjustedSource)> {
        if let Some(entered) = self.adjusted_entry(practice) {
            return Some((entered, AdjustedSource::Entered));
        }
        let data = self.region.practice(practice)?;
        Some(match data.adjusted_patients {
            Some(adjusted) => (adjusted, AdjustedSource::Data),
            None => (data.weighted_or_registered(), AdjustedSource::WeightedList),
        })
    }

    pub(super) fn put_rule_set(
        &mut self,
        year: RuleYear,
        set: Option<Arc<RuleSet>>,
    ) -> Option<Arc<RuleSet>> {
        match set {
            Some(set) => self.rule_sets.insert(year, set),
            None => self.rule_sets.remove(&year),
        }
    }

    pub(super) fn put_adjusted_entry(
        &mut self,
        practice: PracticeId,
        value: Option<Patients>,
    ) -> Option<Patients> {
        match value {
            Some(value) => self.adjusted_entries.insert(practice, value),
            None => self.adjusted_entries.remove(&practice),
        }
    }

    // Low-level mutations, used only by `apply::apply`, which validates first.

    pub(super) fn rule_edits_mut(&mut self) -> &mut RuleEdits {
        &mut self.rule_edits
    }

    /// Puts a checked option in place of the current one; returns the previous option.
    pub(super) fn replace_option(&mut self, snapshot: Snapshot) -> Snapshot {
        let previous = Snapshot {
            hubs: std::mem::replace(&mut self.hubs, snapshot.hubs),
            assignment: std::mem::replace(&mut self.assignment, snapshot.assignment),
            reasons: std::mem::replace(&mut self.reasons, snapshot.reasons),
        };
        self.members = self.hubs.keys().map(|id| (*id, BTreeSet::new())).collect();
        self.hub_codes = self.code_index();
        self.unassigned.clear();
        for (index, hub) in self.assignment.iter().enumerate() {
            let practice = PracticeId(index as u32);
            match hub.and_then(|hub| self.members.get_mut(&hub)) {
                Some(set) => {
                    set.insert(practice);
                }
                None => {
                    self.unassigned.insert(practice);
                }
            }
        }
        previous
    }

    /// Sets or removes a snapshot; returns what was there.
    pub(super) fn put_snapshot(
        &mut self,
        name: String,
        snapshot: Option<Snapshot>,
    ) -> Option<Snapshot> {
        match snapshot {
            Some(snapshot) => self.snapshots.insert(name, snapshot),
            None => self.snapshots.remove(&name),
        }
    }

    /// Sets (or with `None` clears) a practice's reason; returns the previous one.
    pub(super) fn put_reason(
        &mut self,
        practice: PracticeId,
        reason: Option<String>,
    ) -> Option<String> {
        match reason {
            Some(reason) => self.reasons.insert(practice, reason),
            None => self.reasons.remove(&practice),
        }
    }

    pub(super) fn set_assignment(&mut self, practice: PracticeId, hub: Option<HubId>) {
        let Some(slot) = self.assignment.get_mut(practice.index()) else {
            return;
        };
        match slot.take() {
            Some(old) => {
                if let Some(set) = self.members.get_mut(&old) {
                    set.remove(&practice);
                }
            }
            None => {
                self.unassigned.remove(&practice);
            }
        }
        *slot = hub;
        match hub {
            Some(new) => {
                self.members.entry(new).or_default().insert(practice);
            }
            None => {
                self.unassigned.insert(practice);
            }
        }
    }

    pub(super) fn insert_hub(&mut self, id: HubId, hub: Hub) {
        let code = hub.code.clone();
        if let Some(old) = self.hubs.insert(id, hub)
            && self.hub_codes.get(&old.code) == Some(&id)
        {
            self.hub_codes.remove(&old.code);
        }
        self.hub_codes.insert(code, id);
        self.members.entry(id).or_default();
    }

    /// Removes an empty hub.
    pub(super) fn remove_hub(&mut self, id: HubId) -> Option<Hub> {
        self.members.remove(&id);
        let hub = self.hubs.remove(&id)?;
        if self.hub_codes.get(&hub.code) == Some(&id) {
            self.hub_codes.remove(&hub.code);
        }
        Some(hub)
    }

    fn code_index(&self) -> BTreeMap<String, HubId> {
        self.hubs
            .iter()
            .map(|(id, hub)| (hub.code.clone(), *id))
            .collect()
    }

    pub(super) fn hub_mut(&mut self, id: HubId) -> Option<&mut Hub> {
        self.hubs.get_mut(&id)
    }

    /// True when the derived member index matches the assignment (for tests).
    pub fn index_is_consistent(&self) -> bool {
        let mut members: BTreeMap<HubId, BTreeSet<PracticeId>> =
            self.hubs.keys().map(|id| (*id, BTreeSet::new())).collect();
        let mut unassigned = BTreeSet::new();
        for (index, hub) in self.assignment.iter().enumerate() {
            let practice = PracticeId(index as u32);
            match hub {
                Some(hub) => match members.get_mut(hub) {
                    Some(set) => {
                        set.insert(practice);
                    }
                    None => return false,
                },
                None => {
                    unassigned.insert(practice);
                }
            }
        }
        members == self.members
            && unassigned == self.unassigned
            && self.code_index() == self.hub_codes
    }
}
