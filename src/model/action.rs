//! Every change a user can make, as a value: the actions, their errors and what they touch.
//! They are checked and applied in one place, [`super::apply`], which returns the inverse.

use super::hub::{Hub, HubId};
use super::practice::PracticeId;
use super::quantity::Patients;
use super::rule_edits::{LocalLine, RateOverride};
use super::rules::{Base, RuleSet, RuleYear};
use super::snapshot::Snapshot;
use super::staffing::{Employer, MaximumOverride, PayArea, StaffRow};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Longest hub name, title or note accepted (characters); keeps files and the screen sane.
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_NOTES_CHARS: usize = 20_000;

/// One user action. Applying it returns another `Action` that undoes it exactly. Serialisable
/// so that a recovery file keeps the undo history (each action is checked by `apply` when used).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Action {
    /// Put a practice in a hub, or (`to: None`) leave it unassigned.
    MovePractice {
        practice: PracticeId,
        to: Option<HubId>,
    },
    /// Add a hub under a free id and move `members` into it (from wherever they are).
    CreateHub {
        id: HubId,
        hub: Hub,
        members: Vec<PracticeId>,
    },
    /// Remove a hub; its members become unassigned.
    DeleteHub {
        id: HubId,
    },
    RenameHub {
        id: HubId,
        name: String,
    },
    /// Move every member of `from` into `into`, then remove `from`.
    MergeHubs {
        into: HubId,
        from: HubId,
    },
    SetRuleYear(RuleYear),
    /// Override one rate of one line of a year's rules (or with `None` reset it to the file's).
    SetRate {
        year: RuleYear,
        line: String,
        base: Base,
        rate: Option<RateOverride>,
    },
    /// Add or replace (or with `None` remove) a local line of a year, by id (`local_1`, …).
    PutLocalLine {
        year: RuleYear,
        id: String,
        line: Option<LocalLine>,
    },
    /// Put a rule set loaded from a file in place for its year (or with `None` remove it).
    PutRuleSet {
        year: RuleYear,
        set: Option<Arc<RuleSet>>,
    },
    /// Enter (or with `None` clear) the adjusted population of practices, as one step.
    SetAdjusted {
        entries: Vec<(PracticeId, Option<Patients>)>,
    },
    /// Put an employer's staff rows in place (none removes them): the whole list, as one step.
    SetStaffRows {
        employer: Employer,
        rows: Vec<StaffRow>,
    },
    /// Pay a hub's staff with (or without) London weighting.
    SetPayArea {
        hub: HubId,
        area: PayArea,
    },
    /// Correct (or with `None` reset to the data's) the maximum of a role in a year and area.
    SetRoleMaximum {
        year: RuleYear,
        role: String,
        area: PayArea,
        value: Option<MaximumOverride>,
    },
    /// Put Suggest's constraints (locks, groups, per-hub bands) in place, as one step.
    SetConstraints(Box<super::constraints::Constraints>),
    /// Set (or with `None` clear) the identity of the workshop this file belongs to.
    SetWorkshopId(Option<String>),
    SetTitle(String),
    SetNotes(String),
    /// Record (or with `None` clear) why a practice is where it is (decision log).
    SetReason {
        practice: PracticeId,
        reason: Option<String>,
    },
    /// Keep the current option (hubs, assignment, reasons) as a named snapshot, replacing one of
    /// the same name.
    SaveSnapshot {
        name: String,
    },
    DeleteSnapshot {
        name: String,
    },
    /// Set a snapshot to exactly this content, or (`None`) remove it (the inverse of save/delete).
    PutSnapshot {
        name: String,
        snapshot: Option<Box<Snapshot>>,
    },
    /// Make the named snapshot the current option (its hubs, assignment and reasons).
    RestoreSnapshot {
        name: String,
    },
    /// Make this option current (the inverse of a restore).
    ReplaceOption(Box<Snapshot>),
    /// Several actions as one step (applied in order; undone in reverse).
    Batch(Vec<Action>),
}

/// Why an action was refused. The scenario is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    #[error("there is no practice number {0}")]
    UnknownPractice(u32),
    #[error("there is no hub number {0}")]
    UnknownHub(u32),
    #[error("hub number {0} already exists")]
    HubIdTaken(u32),
    #[error("hub code {0} is already used")]
    HubCodeTaken(String),
    #[error("a hub needs a code and a name")]
    EmptyHubName,
    #[error("a hub cannot be merged into itself")]
    MergeIntoItself,
    #[error("text is too long ({chars} characters; at most {max})")]
    TextTooLong { chars: usize, max: usize },
    #[error("text contains the control or direction character {0}, which is not allowed")]
    UnsafeCharacter(String),
    #[error("a snapshot needs a name")]
    EmptySnapshotName,
    #[error("there is no snapshot called {0}")]
    UnknownSnapshot(String),
    #[error("a scenario keeps at most {0} snapshots")]
    TooManySnapshots(usize),
    #[error("{0}")]
    BadRateEdit(String),
    #[error("there are no rules for {0}: load its rule file first")]
    UnknownRuleYear(RuleYear),
    #[error("{0}")]
    BadRuleSet(String),
    #[error("{0}")]
    BadAdjusted(String),
    #[error("{0}")]
    BadWorkshopId(String),
    #[error("{0}")]
    BadStaff(String),
    #[error("{0}")]
    BadConstraints(String),
    #[error("the snapshot does not fit this region: {0}")]
    BadSnapshot(#[from] super::snapshot::SnapshotError),
}

/// Which hub figures an applied action may have changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    /// Groups whose membership or identity changed (`None` = the unassigned practices).
    pub groups: BTreeSet<Option<HubId>>,
    /// Every figure may have changed (rule year).
    pub everything: bool,
}

impl Touched {
    pub(super) fn merge(&mut self, other: Touched) {
        self.groups.extend(other.groups);
        self.everything |= other.everything;
    }
}

/// The result of a successful [`super::apply::apply`].
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// Applying this undoes the action exactly.
    pub inverse: Action,
    pub touched: Touched,
}

/// Refuses control and direction characters in one-line text (names, codes, titles, reasons).
pub(super) fn check_line(text: &str) -> Result<(), ActionError> {
    match super::text::unsafe_char(text) {
        Some(c) => Err(ActionError::UnsafeCharacter(super::text::describe_char(c))),
        None => Ok(()),
    }
}

pub(super) fn check_length(text: &str, max: usize) -> Result<(), ActionError> {
    let chars = text.chars().count();
    if chars > max {
        Err(ActionError::TextTooLong { chars, max })
    } else {
        Ok(())
    }
}
