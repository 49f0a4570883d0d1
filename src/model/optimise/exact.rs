//! Exact search: iterative deepening on the number of practices moved. At each node a hub that
//! is out of line is chosen; any solution from this node must move a unit into or out of it
//! (its content must change), so branching on those moves is complete, and each unit moves at
//! most once (straight to where it ends). A lower bound (each out-of-band hub needs at least so
//! many units in or out; a move serves at most two hubs) prunes. When the search with one
//! practice fewer is exhausted, the count is proved the fewest.

use super::bound::{Apart, lower_bound, patients_bound, spread_bound};
use super::problem::{Problem, State, Violation};
use super::{Proof, SearchOutcome};
use std::collections::HashSet;

/// Most solutions of the best count kept to break ties.
const MAX_SOLUTIONS: usize = 20_000;
/// Most partial move sets remembered (to skip the same set reached in another order).
const MAX_SEEN: usize = 2_000_000;

struct Search<'a> {
    problem: &'a Problem,
    state: State,
    moves: Vec<(usize, usize)>,
    cost: usize,
    limit: usize,
    solutions: Vec<Vec<(usize, usize)>>,
    /// Patients moved so far, and the best `alternatives` solutions' patients (ascending):
    /// a branch already moving more than the worst kept cannot enter them.
    patients: i64,
    kept_patients: Vec<i64>,
    /// Patients of the smallest movable unit (a bound on what each further move adds).
    smallest_unit: i64,
    alternatives: usize,
    /// Past the proved count, only to fill the alternatives: stop once there are enough.
    fill_only: bool,
    seen: HashSet<Vec<(u32, u32)>>,
    nodes: u64,
    stopped: bool,
    should_stop: &'a (dyn Fn() -> bool + Sync),
    /// Units by size, largest first (for the lower bound of a hub below its band).
    by_size: Vec<usize>,
    /// How far apart each two units are (for the bound that knows spread).
    apart: Apart,
}

pub fn search(
    problem: &Problem,
    alternatives: usize,
    seed: u64,
    should_stop: &(dyn Fn() -> bool + Sync),
) -> SearchOutcome {
    let mut by_size: Vec<usize> = (0..problem.units.len()).collect();
    by_size.sort_by_key(|u| std::cmp::Reverse(problem.units[*u].patients));
    let mut search = Search {
        problem,
        state: problem.start(),
        moves: Vec::new(),
        cost: 0,
        limit: 0,
        solutions: Vec::new(),
        patients: 0,
        kept_patients: Vec::new(),
        smallest_unit: problem
            .units
            .iter()
            .filter(|u| u.movable)
            .map(|u| u.patients)
            .min()
            .unwrap_or(0),
        alternatives,
        fill_only: false,
        seen: HashSet::new(),
        nodes: 0,
        stopped: false,
        should_stop,
        by_size,
        apart: Apart::new(problem),
    };
    let Some(root_bound) = search.lower_bound() else {
        return infeasible(problem, &search.state, 0);
    };
    let most = problem.movable_practices();
    // A quick greedy answer first: an upper bound, and something to show if time runs out.
    // (If it does not put every hub in line it is still the best shown when the search finds
    // nothing in the time: fewer hubs out of line than today.)
    let (greedy, greedy_feasible) = super::repair::repair_part_of(problem, seed, should_stop);
    let incumbent_cost = greedy_feasible.then(|| {
        greedy
            .iter()
            .map(|(u, _)| problem.units[*u].practices.len())
            .sum::<usize>()
    });
    let incumbent = (!greedy.is_empty()).then_some(greedy);
    let mut limit = root_bound;
    let mut found_at = None;
    // The level of the first solutions was searched to the end: the count and the tie-breaks
    // among it are proved.
    let mut proved = false;
    while limit <= most && incumbent_cost.is_none_or(|cost| limit <= cost) {
        search.limit = limit;
        search.fill_only = found_at.is_some();
        search.seen.clear();
        search.dfs();
        if search.stopped {
            break;
        }
        if !search.solutions.is_empty() {
            if found_at.is_none() {
                proved = search.solutions.len() < MAX_SOLUTIONS;
            }
            found_at.get_or_insert(limit);
            // One more level for alternatives when there are too few.
            if search.solutions.len() >= alternatives || limit > found_at.unwrap_or(limit) {
                break;
            }
        }
        limit += 1;
    }
    let nodes = search.nodes;
    let stopped = search.stopped;
    let mut solutions = std::mem::take(&mut search.solutions);
    if solutions.is_empty()
        && let Some(moves) = incumbent
    {
        // Searched to the end with no answer: proved infeasible; the repair is the best shown.
        let proof = if !stopped && limit > most {
            infeasible(problem, &problem.start(), nodes).proof
        } else {
            Proof::BestFound {
                lower_bound: limit.max(root_bound),
            }
        };
        return SearchOutcome {
            solutions: vec![moves],
            proof,
            nodes,
        };
    }
    let score = |moves: &Vec<(usize, usize)>| {
        let practices: usize = moves
            .iter()
            .map(|(u, _)| problem.units[*u].practices.len())
            .sum();
        let patients: i64 = moves.iter().map(|(u, _)| problem.units[*u].patients).sum();
        let mut state = problem.start();
        for (unit, to) in moves {
            problem.apply(&mut state, *unit, *to);
        }
        (practices, patients, problem.total_spread(&state))
    };
    let mut scored: Vec<_> = solutions.drain(..).map(|m| (score(&m), m)).collect();
    scored.sort_by(|a, b| {
        (a.0.0, a.0.1)
            .cmp(&(b.0.0, b.0.1))
            .then(a.0.2.total_cmp(&b.0.2))
            .then(a.1.cmp(&b.1))
    });
    let best: Vec<Vec<(usize, usize)>> = scored
        .into_iter()
        .take(alternatives)
        .map(|(_, moves)| moves)
        .collect();
    let proof = match (found_at, stopped) {
        (Some(_), _) if proved => Proof::Optimal,
        (Some(count), _) => Proof::BestFound {
            lower_bound: count.min(limit),
        },
        (None, false) => return infeasible(problem, &problem.start(), nodes),
        (None, true) => Proof::BestFound { lower_bound: limit },
    };
    SearchOutcome {
        solutions: best,
        proof,
        nodes,
    }
}

fn infeasible(problem: &Problem, state: &State, nodes: u64) -> SearchOutcome {
    // Name the hub that is hardest to fix: out of band with the fewest ways to change.
    let reason = (0..problem.hubs.len())
        .find_map(|hub| {
            let violation = problem.violation(state, hub)?;
            let spec = &problem.hubs[hub];
            let patients = crate::model::quantity::format_patients_whole(
                crate::model::quantity::Patients(state.sums[hub]),
            );
            Some(match violation {
                Violation::Below => format!(
                    "hub {} ({patients} patients) cannot reach its band with the practices that may move there",
                    spec.code
                ),
                Violation::Above => format!(
                    "hub {} ({patients} patients) cannot shed enough practices that may move elsewhere",
                    spec.code
                ),
                Violation::Spread => format!(
                    "hub {} cannot meet its spread limit with the practices that may move",
                    spec.code
                ),
            })
        })
        .unwrap_or_else(|| "no assignment meets every constraint".to_string());
    SearchOutcome {
        solutions: Vec::new(),
        proof: Proof::Infeasible(reason),
        nodes,
    }
}

impl Search<'_> {
    fn dfs(&mut self) {
        self.nodes += 1;
        if self.nodes.is_multiple_of(1024) && (self.should_stop)() {
            self.stopped = true;
        }
        if self.stopped || (self.fill_only && self.solutions.len() >= self.alternatives) {
            return;
        }
        let Some(bound) = self.lower_bound() else {
            return;
        };
        if self.cost + bound > self.limit {
            return;
        }
        if self.kept_patients.len() >= self.alternatives
            && self
                .kept_patients
                .last()
                // Each move still needed moves at least the smallest movable unit's patients,
                // and the excess of the hubs above their band must leave them.
                .is_some_and(|worst| {
                    self.patients
                        + (bound as i64 * self.smallest_unit)
                            .max(patients_bound(self.problem, &self.state))
                        > *worst
                })
        {
            return;
        }
        let Some((hub, violation)) = self.pick_hub() else {
            if self.solutions.len() < MAX_SOLUTIONS {
                let mut moves = self.moves.clone();
                moves.sort_unstable();
                self.solutions.push(moves);
                let at = self.kept_patients.partition_point(|p| *p <= self.patients);
                self.kept_patients.insert(at, self.patients);
                self.kept_patients.truncate(self.alternatives);
            }
            return;
        };
        if self.cost >= self.limit {
            return;
        }
        for (unit, to) in self.branches(hub, violation) {
            let cost = self.problem.units[unit].practices.len();
            if self.cost + cost > self.limit {
                continue;
            }
            let from = self.problem.apply(&mut self.state, unit, to);
            self.moves.push((unit, to));
            self.cost += cost;
            let patients = self.problem.units[unit].patients;
            self.patients += patients;
            if self.first_visit() {
                self.dfs();
            }
            self.patients -= patients;
            self.cost -= cost;
            self.moves.pop();
            self.problem.apply(&mut self.state, unit, from);
            self.state.moved[unit] = false;
            if self.stopped {
                return;
            }
        }
    }

    /// True the first time this set of moves is reached (in any order).
    fn first_visit(&mut self) -> bool {
        if self.seen.len() >= MAX_SEEN {
            return true;
        }
        let mut key: Vec<(u32, u32)> = self
            .moves
            .iter()
            .map(|(u, t)| (*u as u32, *t as u32))
            .collect();
        key.sort_unstable();
        self.seen.insert(key)
    }

    /// The hub to branch on: above its band first (fewest branches), then below, then spread.
    fn pick_hub(&self) -> Option<(usize, Violation)> {
        let mut best: Option<(usize, Violation, usize)> = None;
        for hub in 0..self.problem.hubs.len() {
            let Some(violation) = self.problem.violation(&self.state, hub) else {
                continue;
            };
            let rank = match violation {
                Violation::Above => 0,
                Violation::Below => 1,
                Violation::Spread => 2,
            };
            if best.is_none_or(|(_, _, r)| rank < r) {
                best = Some((hub, violation, rank));
            }
        }
        best.map(|(hub, violation, _)| (hub, violation))
    }

    /// Moves that change `hub`, the most promising first.
    fn branches(&self, hub: usize, violation: Violation) -> Vec<(usize, usize)> {
        let problem = self.problem;
        let state = &self.state;
        let spec = &problem.hubs[hub];
        let mut out: Vec<(f64, usize, usize)> = Vec::new();
        let distance = |unit: usize, target: usize| match (
            problem.units[unit].points.first(),
            problem.hubs[target].centre_today,
        ) {
            (Some((point, _)), Some(centre)) => crate::model::geo::distance_km(*point, centre),
            _ => 0.0,
        };
        // Out of this hub, to any other.
        if violation != Violation::Below || !state.members[hub].is_empty() {
            for unit in state.members[hub].iter().copied() {
                for target in 0..problem.hubs.len() {
                    if target == hub || !problem.can_move(state, unit, target) {
                        continue;
                    }
                    let after = state.sums[target] + problem.units[unit].patients;
                    let target_spec = &problem.hubs[target];
                    // Targets that end in band first, then by distance.
                    let fits = after >= target_spec.min && after <= target_spec.max;
                    let need = match violation {
                        Violation::Above => {
                            (state.sums[hub] - problem.units[unit].patients - spec.max).abs()
                        }
                        _ => 0,
                    };
                    let score = if fits { 0.0 } else { 1.0e9 }
                        + need as f64 / 100.0
                        + distance(unit, target);
                    out.push((score, unit, target));
                }
            }
        }
        // Into this hub, from any other.
        if matches!(violation, Violation::Below | Violation::Spread) {
            for unit in 0..problem.units.len() {
                if state.hub_of[unit] == hub || !problem.can_move(state, unit, hub) {
                    continue;
                }
                let source = state.hub_of[unit];
                let source_after = state.sums[source] - problem.units[unit].patients;
                let source_spec = &problem.hubs[source];
                let source_fine = source_after == 0
                    || (source_after >= source_spec.min && source_after <= source_spec.max);
                let score = if source_fine { 0.0 } else { 1.0e9 } + distance(unit, hub);
                out.push((score, unit, hub));
            }
        }
        out.sort_by(|a, b| a.0.total_cmp(&b.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        out.into_iter()
            .map(|(_, unit, target)| (unit, target))
            .collect()
    }

    fn lower_bound(&self) -> Option<usize> {
        let plain = lower_bound(self.problem, &self.state, &self.by_size)?;
        let spread = spread_bound(self.problem, &self.state, &self.by_size, &self.apart)?;
        Some(plain.max(spread))
    }
}
