//! Why a hub is still out of line after a suggestion: what binds it (locks, no hub within the
//! spread limit with room for its practices, no hub that can spare one), or that single moves
//! exist and the search found no combination of them in its time.
//!
//! Each reason is checked against every other hub of the problem (not only the neighbours a
//! search tried), so "no hub can take" is a fact about the scenario and the constraints, not
//! about the search.

use super::problem::{Problem, State, Violation};
use crate::model::hub::HubId;
use crate::model::quantity::{Patients, format_patients_whole};

/// One hub still out of line, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct OutOfLine {
    pub hub: HubId,
    pub code: String,
    /// Registered patients after the change.
    pub patients: Patients,
    pub violation: Violation,
    /// Its band.
    pub min: Patients,
    pub max: Patients,
    pub reason: Reason,
}

/// Why a hub stays out of line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The hub is locked (keeps exactly its members) and is out of line as it stands.
    LockedHub,
    /// Above its band, and its locked practices alone already are.
    LockedAbove { locked: Patients },
    /// Above its band (or too spread), and none of its `movable` practices that may move can
    /// join any other hub without taking that hub above its band or past its spread limit.
    NoHubCanTake { movable: usize },
    /// Below its band: no other hub can spare a practice for it (each would fall below its
    /// own band, or the hub would spread too far), and it cannot be emptied either: `locked`
    /// of its practices are locked and `homeless` can join no other hub.
    NoHubCanGive { locked: usize, homeless: usize },
    /// Above its band by `excess`, and the hubs that could take any of its practices (within
    /// their band top and the spread limit) have room for only `room` in all (`hubs` of them).
    NoRoom {
        excess: Patients,
        room: Patients,
        hubs: usize,
        needs_hubs: usize,
    },
    /// Above its band by `excess`; there is room enough further away, but its `near` nearest
    /// hubs (those a search over a large region moves practices between) have room for only
    /// `room`, and no chain of moves through them reached enough of it.
    NoRoomNearby {
        excess: Patients,
        room: Patients,
        near: usize,
        needs_hubs: usize,
    },
    /// One of its practices could move to hub `to` alone and bring both in line; the search
    /// (which, for a large region, tries near hubs only, in parts side by side) did not.
    OneMoveWouldDo { to: String },
    /// Single moves that change it exist (`moves` of them, each keeping the other hub in
    /// line), but none brings it in line alone and the search found no combination.
    NotFound { moves: usize },
}

impl OutOfLine {
    /// One line: the hub, its figure and why.
    pub fn text(&self) -> String {
        let (min, max) = (self.min, self.max);
        let what = match self.violation {
            Violation::Below => format!(
                "{} patients, below {}",
                format_patients_whole(self.patients),
                format_patients_whole(min)
            ),
            Violation::Above => format!(
                "{} patients, above {}",
                format_patients_whole(self.patients),
                format_patients_whole(max)
            ),
            Violation::Spread => "more spread out than allowed".to_string(),
        };
        format!("{} ({what}): {}", self.code, self.reason.text(max))
    }
}

impl Reason {
    /// The reason in words (`max`: the hub's band top).
    pub fn text(&self, max: Patients) -> String {
        match self {
            Self::LockedHub => "the hub is locked as it is".to_string(),
            Self::LockedAbove { locked } => format!(
                "its locked practices alone have {} patients, above {}",
                format_patients_whole(*locked),
                format_patients_whole(max)
            ),
            Self::NoHubCanTake { movable: 0 } => "none of its practices may move".to_string(),
            Self::NoHubCanTake { movable } => format!(
                "none of its {movable} practice(s) that may move can join another hub without taking that hub above its band or past the spread limit"
            ),
            Self::NoHubCanGive { locked, homeless } => {
                let empty = match (locked, homeless) {
                    (0, _) => format!(
                        "{homeless} of its practices can join no other hub, so it cannot be merged away either"
                    ),
                    (_, 0) => format!(
                        "{locked} of its practices are locked, so it cannot be merged away either"
                    ),
                    _ => format!(
                        "{locked} of its practices are locked and {homeless} can join no other hub, so it cannot be merged away either"
                    ),
                };
                format!(
                    "no other hub within the spread limit can spare a practice without falling below its own band; {empty}"
                )
            }
            Self::NoRoom {
                excess,
                room,
                hubs,
                needs_hubs,
            } => format!(
                "it must shed {} patients, but the {hubs} hub(s) that could take any of its practices have room for only {} in all{}",
                format_patients_whole(*excess),
                format_patients_whole(*room),
                new_hubs(*needs_hubs)
            ),
            Self::NoRoomNearby {
                excess,
                room,
                near,
                needs_hubs,
            } => format!(
                "it must shed {} patients, but its {near} nearest hubs have room for only {} in all, and no chain of moves from hub to nearest hub (each hub on the way passing one practice on and ending in its band) reached room enough further away{}",
                format_patients_whole(*excess),
                format_patients_whole(*room),
                new_hubs(*needs_hubs)
            ),
            Self::OneMoveWouldDo { to } => format!(
                "one of its practices could move to {to} alone and bring both in band, but the search (between near hubs only, for a large region) did not find it"
            ),
            Self::NotFound { moves } => format!(
                "{moves} single move(s) in or out keep the other hub in line, but none brings it in line alone and the search found no combination that does"
            ),
        }
    }
}

fn new_hubs(needs: usize) -> String {
    if needs > 1 {
        format!("; its patients alone would fill {needs} hubs, so a new hub could take the rest")
    } else {
        String::new()
    }
}

/// The hubs out of line in `state`, each with its reason, in hub order. `near_only`: the
/// search moved practices between near hubs only (a large region's repair), so "no room
/// among the near hubs" is a reason too.
pub fn explain(problem: &Problem, state: &State, near_only: bool) -> Vec<OutOfLine> {
    (0..problem.hubs.len())
        .filter(|hub| Some(*hub) != problem.pool)
        .filter_map(|hub| {
            let violation = problem.violation(state, hub)?;
            Some(OutOfLine {
                hub: problem.hubs[hub].id,
                code: problem.hubs[hub].code.clone(),
                patients: Patients(state.sums[hub]),
                violation,
                min: Patients(problem.hubs[hub].min),
                max: Patients(problem.hubs[hub].max),
                reason: reason(problem, state, hub, violation, near_only),
            })
        })
        .collect()
}

/// Would `target` stay in line (in band or empty, within its spread) with `unit` joining?
fn takes(problem: &Problem, state: &State, unit: usize, target: usize) -> bool {
    let spec = &problem.hubs[target];
    if spec.closed || Some(target) == problem.pool || state.hub_of[unit] == target {
        return false;
    }
    let sum = state.sums[target] + problem.units[unit].patients;
    let single = state.members[target].is_empty() && problem.units[unit].practices.len() == 1;
    if sum < spec.min || (sum > spec.max && !single) {
        return false;
    }
    within_spread(problem, state, target, Some(unit), None)
}

/// Would `source` stay in line (in band, empty, within its spread) with `unit` leaving?
fn spares(problem: &Problem, state: &State, unit: usize, source: usize) -> bool {
    let spec = &problem.hubs[source];
    let sum = state.sums[source] - problem.units[unit].patients;
    let left = state.members[source].len() - 1;
    if left == 0 {
        return true;
    }
    let single = left == 1
        && state.members[source]
            .iter()
            .find(|u| **u != unit)
            .is_some_and(|u| problem.units[*u].practices.len() == 1);
    if sum < spec.min || (sum > spec.max && !single) {
        return false;
    }
    within_spread(problem, state, source, None, Some(unit))
}

/// The spread of `hub` with `join` added and `leave` taken out, within its limit?
pub(super) fn within_spread(
    problem: &Problem,
    state: &State,
    hub: usize,
    join: Option<usize>,
    leave: Option<usize>,
) -> bool {
    let Some(limit) = problem.hubs[hub].allowed_spread else {
        return true;
    };
    let members: Vec<usize> = state.members[hub]
        .iter()
        .copied()
        .filter(|u| Some(*u) != leave)
        .chain(join)
        .collect();
    problem.spread(&members) <= limit
}

fn reason(
    problem: &Problem,
    state: &State,
    hub: usize,
    violation: Violation,
    near_only: bool,
) -> Reason {
    let spec = &problem.hubs[hub];
    if spec.closed {
        return Reason::LockedHub;
    }
    let members = &state.members[hub];
    let movable: Vec<usize> = members
        .iter()
        .copied()
        .filter(|u| problem.units[*u].movable)
        .collect();
    let locked_patients: i64 = members
        .iter()
        .filter(|u| !problem.units[**u].movable)
        .map(|u| problem.units[*u].patients)
        .sum();
    let locked_count: usize = members
        .iter()
        .filter(|u| !problem.units[**u].movable)
        .map(|u| problem.units[*u].practices.len())
        .sum();
    if violation == Violation::Above && locked_patients > spec.max && locked_count > 1 {
        return Reason::LockedAbove {
            locked: Patients(locked_patients),
        };
    }
    let others = || (0..problem.hubs.len()).filter(move |h| *h != hub && Some(*h) != problem.pool);
    // Single moves out that leave the other hub in line.
    let outs = movable
        .iter()
        .map(|u| others().filter(|t| takes(problem, state, *u, *t)).count())
        .collect::<Vec<usize>>();
    let out_moves: usize = outs.iter().sum();
    // Single moves in from a hub that can spare the practice and stays in line.
    let in_moves = || {
        (0..problem.units.len())
            .filter(|u| {
                let from = state.hub_of[*u];
                from != hub
                    && Some(from) != problem.pool
                    && problem.units[*u].movable
                    && !problem.hubs[from].closed
                    && spares(problem, state, *u, from)
                    && within_spread(problem, state, hub, Some(*u), None)
            })
            .count()
    };
    match violation {
        Violation::Above => {
            if out_moves == 0 {
                return Reason::NoHubCanTake {
                    movable: movable
                        .iter()
                        .map(|u| problem.units[*u].practices.len())
                        .sum(),
                };
            }
            let excess = state.sums[hub] - spec.max;
            let widest = spec.max.max(1);
            let needs_hubs = usize::try_from((state.sums[hub] + widest - 1) / widest).unwrap_or(0);
            // Room (up to the band top) in each hub that could take one of its practices.
            let room_of = |target: usize| -> Option<i64> {
                let room = problem.hubs[target].max - state.sums[target];
                (!problem.hubs[target].closed
                    && movable.iter().any(|u| {
                        problem.units[*u].patients <= room
                            && within_spread(problem, state, target, Some(*u), None)
                    }))
                .then_some(room)
            };
            let rooms: Vec<(usize, i64)> = others()
                .filter_map(|t| room_of(t).map(|room| (t, room)))
                .collect();
            let room: i64 = rooms.iter().map(|(_, r)| r).sum();
            if room < excess {
                return Reason::NoRoom {
                    excess: Patients(excess),
                    room: Patients(room),
                    hubs: rooms.len(),
                    needs_hubs,
                };
            }
            let near = if near_only {
                nearest(problem, hub)
            } else {
                Vec::new()
            };
            let near_room: i64 = rooms
                .iter()
                .filter(|(t, _)| near.contains(t))
                .map(|(_, r)| r)
                .sum();
            if !near.is_empty() && near.len() < rooms.len() && near_room < excess {
                return Reason::NoRoomNearby {
                    excess: Patients(excess),
                    room: Patients(near_room),
                    near: near.len(),
                    needs_hubs,
                };
            }
            // The nearest such hub (by today's centres; the first found without them).
            let apart = |t: usize| match (spec.centre_today, problem.hubs[t].centre_today) {
                (Some(a), Some(b)) => crate::model::geo::distance_km(a, b),
                _ => f64::INFINITY,
            };
            let mut nearest_fix: Option<(f64, usize)> = None;
            for unit in &movable {
                if !spares(problem, state, *unit, hub) {
                    continue;
                }
                for to in others().filter(|t| takes(problem, state, *unit, *t)) {
                    let km = apart(to);
                    if nearest_fix.is_none_or(|(best, _)| km < best) {
                        nearest_fix = Some((km, to));
                    }
                }
            }
            if let Some((_, to)) = nearest_fix {
                return Reason::OneMoveWouldDo {
                    to: problem.hubs[to].code.clone(),
                };
            }
            Reason::NotFound { moves: out_moves }
        }
        Violation::Below => {
            let ins = in_moves();
            let homeless = outs.iter().filter(|n| **n == 0).count();
            if ins == 0 && (locked_count > 0 || homeless > 0) {
                Reason::NoHubCanGive {
                    locked: locked_count,
                    homeless,
                }
            } else {
                Reason::NotFound {
                    moves: ins + out_moves,
                }
            }
        }
        Violation::Spread => {
            let ins = in_moves();
            if out_moves == 0 && ins == 0 {
                Reason::NoHubCanTake {
                    movable: movable
                        .iter()
                        .map(|u| problem.units[*u].practices.len())
                        .sum(),
                }
            } else {
                Reason::NotFound {
                    moves: ins + out_moves,
                }
            }
        }
    }
}

/// The hubs nearest `hub` by today's centre (as many as a large region's search tries).
fn nearest(problem: &Problem, hub: usize) -> Vec<usize> {
    let Some(centre) = problem.hubs[hub].centre_today else {
        return Vec::new();
    };
    let mut others: Vec<(f64, usize)> = (0..problem.hubs.len())
        .filter(|h| *h != hub && Some(*h) != problem.pool)
        .filter_map(|h| {
            let c = problem.hubs[h].centre_today?;
            Some((crate::model::geo::distance_km(centre, c), h))
        })
        .collect();
    others.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    others.truncate(super::repair::NEIGHBOURS);
    others.into_iter().map(|(_, h)| h).collect()
}
