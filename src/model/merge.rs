//! Three-way merge of options worked on at several laptops from one start: moves made on only
//! one side combine; a practice moved differently on both sides, a hub renamed differently, or a
//! hub deleted on one side and used on the other is a [`Conflict`] that someone must settle
//! ([`Side`] per conflict). Nothing is resolved silently: [`merge_options`] refuses to build a
//! result while a conflict has no choice.
//!
//! Hubs are matched by code (codes survive save and load; new hubs get codes that carry the
//! laptop's tag, see [`super::scenario::Scenario::next_hub_code_tagged`]), practices by position
//! in the shared region.

use super::hub::{Hub, HubId};
use super::practice::PracticeId;
use super::scenario::{Scenario, WORKSHOP_START};
use super::snapshot::{MAX_REASON_CHARS, Snapshot};
use std::collections::{BTreeMap, BTreeSet};

/// One side of a merge: A (usually the open document) or B (the other laptop's file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Self::A => "A",
            Self::B => "B",
        }
    }
}

/// Something the two sides did differently to the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// A practice moved on both sides, to different hubs (codes; `None` = unassigned).
    PracticeMoved {
        practice: PracticeId,
        a: Option<String>,
        b: Option<String>,
    },
    /// A hub renamed differently on both sides.
    HubRenamed { code: String, a: String, b: String },
    /// A hub deleted on one side and renamed, or given practices, on the other.
    HubDeletedAndUsed { code: String, deleted_on: Side },
}

/// Why two options cannot be merged at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("the options are on different regions ({base}, {a} and {b} practices)")]
    DifferentRegions { base: usize, a: usize, b: usize },
    #[error("{count} conflict(s) have no choice yet")]
    Unresolved { count: usize },
}

/// The conflicts of merging `a` and `b` against their common `base`, in a stable order (hubs
/// by code, then practices in region order). Empty when the sides combine on their own.
pub fn conflicts(base: &Snapshot, a: &Snapshot, b: &Snapshot) -> Result<Vec<Conflict>, MergeError> {
    let mut found = Vec::new();
    merge_with(base, a, b, &mut |conflict| {
        found.push(conflict.clone());
        None
    })?;
    Ok(found)
}

/// The merged option, given a choice for every conflict (in the order [`conflicts`] lists
/// them); refused while any conflict has no choice. Hub ids of `a` are kept; hubs only `b` has
/// get new ids after them.
pub fn merge_options(
    base: &Snapshot,
    a: &Snapshot,
    b: &Snapshot,
    choices: &[Side],
) -> Result<Snapshot, MergeError> {
    let mut next = 0;
    let mut unresolved = 0;
    let merged = merge_with(base, a, b, &mut |_| {
        let choice = choices.get(next).copied();
        next += 1;
        if choice.is_none() {
            unresolved += 1;
        }
        choice
    })?;
    if unresolved > 0 {
        return Err(MergeError::Unresolved { count: unresolved });
    }
    Ok(merged)
}

/// Every conflict settled the same way (`--prefer a|b`).
pub fn merge_preferring(
    base: &Snapshot,
    a: &Snapshot,
    b: &Snapshot,
    side: Side,
) -> Result<Snapshot, MergeError> {
    let count = conflicts(base, a, b)?.len();
    merge_options(base, a, b, &vec![side; count])
}

/// The hub code of each practice of one side, in region order.
type Codes<'s, 'c> = &'s [Option<&'c str>];

type Chooser<'c> = dyn FnMut(&Conflict) -> Option<Side> + 'c;

fn by_code(snapshot: &Snapshot) -> BTreeMap<&str, (HubId, &Hub)> {
    snapshot
        .hubs
        .iter()
        .map(|(id, hub)| (hub.code.as_str(), (*id, hub)))
        .collect()
}

/// Hub code of each practice, in region order.
fn codes_of(snapshot: &Snapshot) -> Vec<Option<&str>> {
    snapshot
        .assignment
        .iter()
        .map(|hub| {
            hub.and_then(|id| snapshot.hubs.get(&id))
                .map(|hub| hub.code.as_str())
        })
        .collect()
}

/// Three-way pick of one value: the side that changed it, or `None` when both changed it
/// differently.
fn pick<T: PartialEq + Clone>(base: &T, a: &T, b: &T) -> Option<T> {
    if a == b || b == base {
        Some(a.clone())
    } else if a == base {
        Some(b.clone())
    } else {
        None
    }
}

fn merge_with(
    base: &Snapshot,
    a: &Snapshot,
    b: &Snapshot,
    choose: &mut Chooser<'_>,
) -> Result<Snapshot, MergeError> {
    let practices = base.assignment.len();
    if a.assignment.len() != practices || b.assignment.len() != practices {
        return Err(MergeError::DifferentRegions {
            base: practices,
            a: a.assignment.len(),
            b: b.assignment.len(),
        });
    }
    let (codes_base, codes_a, codes_b) = (codes_of(base), codes_of(a), codes_of(b));
    let (hubs, revived) = merge_hubs(base, a, b, (&codes_base, &codes_a, &codes_b), choose);
    let ids: BTreeMap<&str, HubId> = hubs
        .iter()
        .map(|(id, hub)| (hub.code.as_str(), *id))
        .collect();
    let mut assignment = Vec::with_capacity(practices);
    for index in 0..practices {
        let (in_base, mut in_a, mut in_b) = (codes_base[index], codes_a[index], codes_b[index]);
        // A deletion the room overruled also gives the hub back its own practices.
        if let Some(side) = in_base.and_then(|code| revived.get(code)) {
            match side {
                Side::A if in_a.is_none() => in_a = in_base,
                Side::B if in_b.is_none() => in_b = in_base,
                _ => {}
            }
        }
        let code = pick(&in_base, &in_a, &in_b).unwrap_or_else(|| {
            let conflict = Conflict::PracticeMoved {
                practice: PracticeId(index as u32),
                a: in_a.map(str::to_string),
                b: in_b.map(str::to_string),
            };
            match choose(&conflict) {
                Some(Side::B) => in_b,
                _ => in_a,
            }
        });
        // A hub deleted by the merge leaves its practices unassigned.
        assignment.push(code.and_then(|code| ids.get(code).copied()));
    }
    let reasons = merge_reasons(base, a, b);
    Ok(Snapshot {
        hubs,
        assignment,
        reasons,
    })
}

/// The merged hubs: kept, renamed, deleted or created, with conflicts asked of `choose`.
fn merge_hubs(
    base: &Snapshot,
    a: &Snapshot,
    b: &Snapshot,
    (codes_base, codes_a, codes_b): (Codes<'_, '_>, Codes<'_, '_>, Codes<'_, '_>),
    choose: &mut Chooser<'_>,
) -> (BTreeMap<HubId, Hub>, BTreeMap<String, Side>) {
    let (hubs_base, hubs_a, hubs_b) = (by_code(base), by_code(a), by_code(b));
    // Hubs deleted on a side and kept by the room's choice, with the side that deleted them.
    let mut revived = BTreeMap::new();
    let all: BTreeSet<&str> = hubs_base
        .keys()
        .chain(hubs_a.keys())
        .chain(hubs_b.keys())
        .copied()
        .collect();
    // Used on a side: renamed there, or holding a practice it did not hold at the start.
    let used = |code: &str,
                side: &Snapshot,
                codes: &[Option<&str>],
                hubs: &BTreeMap<&str, (HubId, &Hub)>| {
        let renamed = match (hubs_base.get(code), hubs.get(code)) {
            (Some((_, start)), Some((_, now))) => start.name != now.name,
            _ => false,
        };
        renamed
            || (0..side.assignment.len())
                .any(|i| codes[i] == Some(code) && codes_base[i] != Some(code))
    };
    let mut next_id = a.hubs.keys().next_back().map_or(0, |id| id.0 + 1);
    let mut merged = BTreeMap::new();
    for code in all {
        let (in_base, in_a, in_b) = (
            hubs_base.get(code).map(|x| x.1),
            hubs_a.get(code).map(|x| x.1),
            hubs_b.get(code).map(|x| x.1),
        );
        let keep = match (in_base.is_some(), in_a.is_some(), in_b.is_some()) {
            (_, true, true) | (false, true, false) | (false, false, true) => true,
            (true, false, false) | (false, false, false) => false,
            // Deleted on one side: kept only if the other side used it and the room says so.
            (true, false, true) => {
                let used = used(code, b, codes_b, &hubs_b);
                let kept = deleted_but_used(code, Side::A, used, choose);
                if kept {
                    revived.insert(code.to_string(), Side::A);
                }
                kept
            }
            (true, true, false) => {
                let used = used(code, a, codes_a, &hubs_a);
                let kept = deleted_but_used(code, Side::B, used, choose);
                if kept {
                    revived.insert(code.to_string(), Side::B);
                }
                kept
            }
        };
        if !keep {
            continue;
        }
        let hub = merged_hub(code, in_base, in_a, in_b, choose);
        let id = match hubs_a.get(code) {
            Some((id, _)) => *id,
            None => {
                next_id += 1;
                HubId(next_id - 1)
            }
        };
        merged.insert(id, hub);
    }
    (merged, revived)
}

/// A hub deleted on `deleted_on` and used on the other side is a conflict; kept only when the
/// room chooses the side that used it. Not used: deleted.
fn deleted_but_used(code: &str, deleted_on: Side, used: bool, choose: &mut Chooser<'_>) -> bool {
    used && choose(&Conflict::HubDeletedAndUsed {
        code: code.to_string(),
        deleted_on,
    })
    .is_some_and(|side| side != deleted_on)
}

/// One kept hub: its name and colour merged three-way (a rename on both sides asks `choose`).
fn merged_hub(
    code: &str,
    base: Option<&Hub>,
    a: Option<&Hub>,
    b: Option<&Hub>,
    choose: &mut Chooser<'_>,
) -> Hub {
    let (Some(a_hub), Some(b_hub)) = (a, b) else {
        // On one side only (or deleted on the other and kept): that side's hub.
        return a.or(b).or(base).cloned().unwrap_or(Hub {
            code: code.to_string(),
            name: code.to_string(),
            colour: 0,
        });
    };
    let base_name = base.map_or(&a_hub.name, |hub| &hub.name);
    let name = pick(base_name, &a_hub.name, &b_hub.name).unwrap_or_else(|| {
        let conflict = Conflict::HubRenamed {
            code: code.to_string(),
            a: a_hub.name.clone(),
            b: b_hub.name.clone(),
        };
        match choose(&conflict) {
            Some(Side::B) => b_hub.name.clone(),
            _ => a_hub.name.clone(),
        }
    });
    let base_colour = base.map_or(a_hub.colour, |hub| hub.colour);
    let colour = pick(&base_colour, &a_hub.colour, &b_hub.colour).unwrap_or(a_hub.colour);
    Hub {
        code: code.to_string(),
        name,
        colour,
    }
}

/// Reasons three-way per practice; where both sides wrote different reasons, both are kept
/// ("A: …; B: …"), so no one's words are lost.
fn merge_reasons(base: &Snapshot, a: &Snapshot, b: &Snapshot) -> BTreeMap<PracticeId, String> {
    let practices: BTreeSet<PracticeId> = base
        .reasons
        .keys()
        .chain(a.reasons.keys())
        .chain(b.reasons.keys())
        .copied()
        .collect();
    let mut merged = BTreeMap::new();
    for practice in practices {
        let (in_base, in_a, in_b) = (
            base.reasons.get(&practice),
            a.reasons.get(&practice),
            b.reasons.get(&practice),
        );
        let reason = pick(&in_base, &in_a, &in_b)
            .map(|reason| reason.cloned())
            .unwrap_or_else(|| {
                let both = format!(
                    "A: {}; B: {}",
                    in_a.map_or("", String::as_str),
                    in_b.map_or("", String::as_str)
                );
                Some(both.chars().take(MAX_REASON_CHARS).collect())
            });
        if let Some(reason) = reason {
            merged.insert(practice, reason);
        }
    }
    merged
}

/// Why two files are not parts of one workshop.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StartError {
    #[error(
        "{0} has no workshop start: choose File > Start a workshop on the start file and share that file"
    )]
    NoStart(String),
    #[error(
        "the files come from different starts (workshop {a} and workshop {b}): they do not share a start, so they cannot be merged"
    )]
    DifferentWorkshops { a: String, b: String },
    #[error(
        "the files name the same workshop ({0}) but their start snapshots differ: they do not share a start, so they cannot be merged"
    )]
    DifferentStart(String),
    #[error("the files are on different regions ({a} and {b} practices, or other practices)")]
    DifferentRegions { a: usize, b: usize },
}

fn same_region(a: &Scenario, b: &Scenario) -> Result<(), StartError> {
    let (ra, rb) = (a.region(), b.region());
    let same = ra.len() == rb.len()
        && ra
            .practices()
            .iter()
            .zip(rb.practices())
            .all(|(x, y)| x.code == y.code);
    if same {
        Ok(())
    } else {
        Err(StartError::DifferentRegions {
            a: ra.len(),
            b: rb.len(),
        })
    }
}

/// The same option whatever hub ids the two sides gave it: hubs by code and name, practices
/// by the code of their hub.
pub fn same_option(x: &Snapshot, y: &Snapshot) -> bool {
    let hubs = |s: &Snapshot| -> BTreeMap<String, String> {
        s.hubs
            .values()
            .map(|hub| (hub.code.clone(), hub.name.clone()))
            .collect()
    };
    hubs(x) == hubs(y) && codes_of(x) == codes_of(y)
}

fn start_of<'s>(s: &'s Scenario, which: &str) -> Result<(String, &'s Snapshot), StartError> {
    let id = s
        .workshop_id()
        .ok_or_else(|| StartError::NoStart(which.to_string()))?;
    let start = s
        .snapshot(WORKSHOP_START)
        .ok_or_else(|| StartError::NoStart(which.to_string()))?;
    Ok((id.to_string(), start))
}

/// The start to merge the open document `a` with another laptop's file `b` against: `a`'s
/// workshop start, which `b` must share (same workshop id, same start).
pub fn window_merge_base(a: &Scenario, b: &Scenario) -> Result<Snapshot, StartError> {
    same_region(a, b)?;
    let (id_a, start_a) = start_of(a, "the open document")?;
    let (id_b, start_b) = start_of(b, "the other file")?;
    if id_a != id_b {
        return Err(StartError::DifferentWorkshops { a: id_a, b: id_b });
    }
    if !same_option(start_a, start_b) {
        return Err(StartError::DifferentStart(id_a));
    }
    Ok(start_a.clone())
}

/// For `merge BASE A B`: all three on one region, and the workshop ids the files record agree
/// (files from before workshops record none and are taken as BASE says).
pub fn check_merge_inputs(base: &Scenario, a: &Scenario, b: &Scenario) -> Result<(), StartError> {
    same_region(base, a)?;
    same_region(base, b)?;
    let ids: Vec<&str> = [base, a, b]
        .iter()
        .filter_map(|s| s.workshop_id())
        .collect();
    if let Some(first) = ids.first()
        && let Some(other) = ids.iter().find(|id| *id != first)
    {
        return Err(StartError::DifferentWorkshops {
            a: first.to_string(),
            b: other.to_string(),
        });
    }
    Ok(())
}

/// `Practice Meadows Surgery: A moved it to X10001 Riverford Central PCN, B to unassigned`…,
/// for the conflict list on screen and on the command line.
pub fn describe_conflict(conflict: &Conflict, a: &Scenario, b: &Scenario) -> String {
    let hub_label = |code: &Option<String>, scenario: &Scenario| match code {
        Some(code) => scenario
            .hub_by_code(code)
            .and_then(|id| scenario.hub(id))
            .map_or_else(
                || code.clone(),
                |hub| format!("{} ({code})", super::format::title_case(&hub.name)),
            ),
        None => "unassigned".to_string(),
    };
    match conflict {
        Conflict::PracticeMoved {
            practice,
            a: to_a,
            b: to_b,
        } => {
            let name = a.region().practice(*practice).map_or_else(
                || format!("practice {}", practice.0),
                |p| format!("{} ({})", p.display_name(), p.code),
            );
            format!(
                "{name}: A moved it to {}, B to {}",
                hub_label(to_a, a),
                hub_label(to_b, b)
            )
        }
        Conflict::HubRenamed {
            code,
            a: name_a,
            b: name_b,
        } => format!("Hub {code}: A renamed it {name_a:?}, B {name_b:?}"),
        Conflict::HubDeletedAndUsed { code, deleted_on } => {
            let other = match deleted_on {
                Side::A => Side::B,
                Side::B => Side::A,
            };
            format!(
                "Hub {code}: {} deleted it, {} renamed it or moved practices into it",
                deleted_on.label(),
                other.label()
            )
        }
    }
}
