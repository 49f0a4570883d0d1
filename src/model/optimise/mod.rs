//! Suggest configurations: the fewest practice moves that bring every hub into its band,
//! respecting locks, groups that move together and a limit on each hub's spread.
//!
//! The problem is built from a scenario ([`problem`]); a region of up to a few hundred
//! practices is searched exactly ([`exact`]: iterative deepening on the number of practices
//! moved, branching on a hub that is out of band, pruned by a lower bound), which proves the
//! optimum when the search at one move fewer is exhausted; larger inputs (England) are repaired
//! greedily ([`repair`]) and reported with the lower bound. The result is one batch of
//! [`Action::MovePractice`] per alternative, so applying one is one undo step.
//!
//! Nothing here knows the time: the caller passes `should_stop`, which a command line checks
//! against a clock and the window against its cancel button and clock.

pub mod arrange;
pub mod bound;
pub mod chains;
pub mod exact;
pub mod explain;
pub mod feasible;
pub mod local;
pub mod others;
pub mod placement;
pub mod problem;
pub mod repair;
pub mod split;

use super::action::Action;
use super::hub::HubId;
use super::practice::PracticeId;
use super::quantity::Patients;
use super::scenario::Scenario;
use std::collections::BTreeSet;

pub use super::constraints::{Constraints, MAX_GROUP_PRACTICES, MAX_GROUPS};
pub use explain::{OutOfLine, Reason};
pub use problem::{Problem, Violation};

/// Checks constraints against a scenario: practices and hubs exist, groups hold 2 to 50
/// practices each and no practice twice, bands run from a minimum up to a maximum.
pub fn validate_constraints(scenario: &Scenario, constraints: &Constraints) -> Result<(), String> {
    let region = scenario.region();
    let practice = |id: &PracticeId| {
        region
            .practice(*id)
            .map(|_| ())
            .ok_or_else(|| format!("there is no practice number {}", id.0))
    };
    for id in &constraints.locked_practices {
        practice(id)?;
    }
    for id in constraints
        .locked_hubs
        .iter()
        .chain(constraints.bands.keys())
    {
        if scenario.hub(*id).is_none() {
            return Err(format!("there is no hub number {}", id.0));
        }
    }
    if constraints.groups.len() > MAX_GROUPS {
        return Err(format!("at most {MAX_GROUPS} groups"));
    }
    let mut seen = BTreeSet::new();
    for group in &constraints.groups {
        if !(2..=MAX_GROUP_PRACTICES).contains(&group.len()) {
            return Err(format!(
                "a group holds 2 to {MAX_GROUP_PRACTICES} practices, not {}",
                group.len()
            ));
        }
        for id in group {
            practice(id)?;
            if !seen.insert(*id) {
                return Err(format!(
                    "practice {} is in more than one group",
                    region
                        .practice(*id)
                        .map_or_else(String::new, |p| p.code.clone())
                ));
            }
        }
    }
    for (min, max) in constraints.bands.values() {
        if min.0 < 0 || max.0 < min.0 || max.0 > Patients(10_000_000 * 100).0 {
            return Err(format!(
                "a band runs from a minimum up to a maximum, not {min} to {max}"
            ));
        }
    }
    Ok(())
}

/// New hubs a region may open when the user allows them (`suggest --allow-new-hubs`, the
/// window's *Allow new hubs*).
pub const NEW_HUBS_ALLOWED: usize = 3;

/// How to search.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// No hub may spread further (km from its list-weighted centre to its furthest member)
    /// than the larger of this and its spread today; `None` switches the limit off.
    pub max_spread_km: Option<f64>,
    /// Distinct alternatives wanted (the best first).
    pub alternatives: usize,
    /// Inputs up to this many movable practices are searched exactly.
    pub exact_up_to: usize,
    /// Split a large input into this many parts searched side by side (1 on the web).
    pub threads: usize,
    /// Starts the local search that improves the greedy answer ([`local`]): the same seed
    /// gives the same suggestions (unless the time limit cuts the search short); another seed
    /// may find other ones. The exact search and its proof do not depend on it.
    pub seed: u64,
    /// New hubs that may open (empty at first, the default band, no spread today); 0: none.
    /// For a region searched exactly, at most this many; for a larger one (England) any
    /// number above 0 lets each hub still above its band after the repair split
    /// ([`split`]) into as many as it needs.
    pub new_hubs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            max_spread_km: Some(15.0),
            alternatives: 3,
            exact_up_to: 400,
            threads: 1,
            seed: 0,
            new_hubs: 0,
        }
    }
}

/// One suggested change.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The moves as one batch (one undo step).
    pub action: Action,
    pub moves: Vec<Move>,
    pub practices_moved: usize,
    pub patients_moved: Patients,
    /// Sum of every non-empty hub's spread after the change, km.
    pub total_spread_km: f64,
    pub hubs_in_band_before: usize,
    pub hubs_in_band_after: usize,
    pub hubs_after: usize,
    /// Every hub meets its band and spread after the change.
    pub feasible: bool,
    /// Each hub still out of line after the change, and why (empty when `feasible`).
    pub out_of_line: Vec<OutOfLine>,
    /// The new hubs it opens (created first in `action`), with their codes.
    pub new_hubs: Vec<(HubId, String)>,
}

/// One practice's move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub practice: PracticeId,
    pub from: Option<HubId>,
    pub to: HubId,
}

/// How sure the answer is.
#[derive(Debug, Clone, PartialEq)]
pub enum Proof {
    /// No change with fewer practices moved exists, and among those with this many the first
    /// moves the fewest patients, then opens the fewest new hubs (when they may open), then
    /// has the least spread.
    Optimal,
    /// The best found before the search stopped, with a lower bound on the practices to move.
    BestFound { lower_bound: usize },
    /// No assignment meets every constraint; the sentence names the one that binds.
    Infeasible(String),
}

/// The answer: up to `alternatives` suggestions, best first, and the proof.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub suggestions: Vec<Suggestion>,
    pub proof: Proof,
    /// No change that moves as few practices as the first moves fewer patients (true when
    /// [`Proof::Optimal`]; it may be true without, when only the spread among changes moving
    /// as many is not compared to the end).
    pub fewest_patients_proved: bool,
    /// Search nodes visited (for the record).
    pub nodes: u64,
}

impl Outcome {
    /// Not proved optimal, but the first suggestion puts every hub in line with as few
    /// practices moved as the lower bound: the count is the fewest; only which of the changes
    /// with that count moves the fewest patients (and the ties after) is not proved.
    pub fn count_proved(&self) -> bool {
        match (&self.proof, self.suggestions.first()) {
            (Proof::BestFound { lower_bound }, Some(first)) => {
                first.feasible && first.practices_moved == *lower_bound
            }
            _ => false,
        }
    }
}

/// Finds the suggestions for a scenario. `should_stop` is polled now and then; when it says
/// yes the best found so far is returned.
pub fn suggest(
    scenario: &Scenario,
    constraints: &Constraints,
    options: &Options,
    should_stop: &(dyn Fn() -> bool + Sync),
) -> Outcome {
    let problem = match Problem::build(scenario, constraints, options) {
        Ok(problem) => problem,
        Err(reason) => {
            return Outcome {
                suggestions: Vec::new(),
                proof: Proof::Infeasible(reason),
                fewest_patients_proved: false,
                nodes: 0,
            };
        }
    };
    if let Some(reason) = problem.binding_constraint() {
        return Outcome {
            suggestions: Vec::new(),
            proof: Proof::Infeasible(reason),
            fewest_patients_proved: false,
            nodes: 0,
        };
    }
    let mut capacity = problem.capacity_shortfall();
    let exact = problem.movable_practices() <= options.exact_up_to && capacity.is_none();
    let mut problem = problem;
    if !exact && options.new_hubs > 0 {
        // The repair (England) moves practices between today's hubs only.
        let today_only = Options {
            new_hubs: 0,
            ..options.clone()
        };
        if let Ok(without) = Problem::build(scenario, constraints, &today_only) {
            problem = without;
            capacity = problem.capacity_shortfall();
        }
    }
    let mut outcome = if exact {
        exact::search(
            &problem,
            options.alternatives.max(1),
            options.seed,
            should_stop,
        )
    } else {
        repair::repair(&problem, options.threads.max(1), options.seed, should_stop)
    };
    if !exact && options.new_hubs > 0 {
        // New hubs may open: hubs still far above their band split into them.
        for moves in &mut outcome.solutions {
            *moves = split::split_over(&mut problem, scenario, options.max_spread_km, moves);
        }
    } else if let Some(reason) = capacity {
        // The best that can be done is shown, and why it cannot be every hub.
        outcome.proof = Proof::Infeasible(reason);
    }
    let suggestions = outcome
        .solutions
        .iter()
        .map(|moves| suggestion_of(&problem, moves, !exact))
        .collect();
    Outcome {
        suggestions,
        fewest_patients_proved: outcome.fewest_patients_proved
            && matches!(outcome.proof, Proof::Optimal | Proof::BestFound { .. }),
        proof: outcome.proof,
        nodes: outcome.nodes,
    }
}

/// What a search returns: the move sets (unit, target hub index), best first.
#[derive(Debug, Clone)]
pub struct SearchOutcome {
    pub solutions: Vec<Vec<(usize, usize)>>,
    pub proof: Proof,
    /// As [`Outcome::fewest_patients_proved`].
    pub fewest_patients_proved: bool,
    pub nodes: u64,
}

/// The suggestion of a set of moves `(unit, hub index)`, with its figures and, for each hub
/// still out of line, why (`near_only`: found by a search between near hubs only).
fn suggestion_of(problem: &Problem, moves: &[(usize, usize)], near_only: bool) -> Suggestion {
    let mut state = problem.start();
    let before = problem.in_band(&state);
    let mut list = Vec::new();
    let mut patients = 0;
    for (unit, to) in moves {
        let from = problem.apply(&mut state, *unit, *to);
        for practice in &problem.units[*unit].practices {
            list.push(Move {
                practice: *practice,
                from: Some(problem.hubs[from].id),
                to: problem.hubs[*to].id,
            });
        }
        patients += problem.units[*unit].patients;
    }
    list.sort_by_key(|m| m.practice);
    // The new hubs that end with members are created first (empty), then the moves.
    let opened: Vec<usize> = (0..problem.hubs.len())
        .filter(|h| problem.hubs[*h].new.is_some() && !state.members[*h].is_empty())
        .collect();
    let action = Action::Batch(
        opened
            .iter()
            .filter_map(|h| {
                Some(Action::CreateHub {
                    id: problem.hubs[*h].id,
                    hub: problem.hubs[*h].new.clone()?,
                    members: Vec::new(),
                })
            })
            .chain(list.iter().map(|m| Action::MovePractice {
                practice: m.practice,
                to: Some(m.to),
            }))
            .collect(),
    );
    Suggestion {
        action,
        practices_moved: list.len(),
        moves: list,
        patients_moved: Patients(patients),
        total_spread_km: problem.total_spread(&state),
        hubs_in_band_before: before,
        hubs_in_band_after: problem.in_band(&state),
        hubs_after: state.members.iter().filter(|m| !m.is_empty()).count(),
        feasible: problem.all_in_line(&state),
        out_of_line: explain::explain(problem, &state, near_only),
        new_hubs: opened
            .iter()
            .map(|h| (problem.hubs[*h].id, problem.hubs[*h].code.clone()))
            .collect(),
    }
}
