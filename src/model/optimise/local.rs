//! Seeded local search (simulated annealing) that starts from a greedy answer and looks for
//! one with fewer hubs out of line, then fewer practices moved: a unit moves between a hub and
//! one of its nearest hubs, or goes home; a worse step is taken now and then (less and less
//! often), which lets chains of moves (one practice out so that another fits) appear. Every
//! step keeps to [`Problem::may_take`]: no practice joins a hub that it leaves above its band,
//! and none goes home to a hub that would then be larger than today.
//!
//! Deterministic for a given seed and number of steps: the seed only decides the random
//! choices of this search (which hub, which neighbour, which unit, whether a worse step is
//! taken). `should_stop` can end it early, and then the answer depends on when.

use super::problem::{Problem, State, Violation};

/// A small, fast, seeded generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % (n.max(1) as u64)) as usize
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// What one hub out of line costs to the annealing, plus how far out it is (thousands of
/// patients; km of spread); the best kept is compared by hubs out of line first, then
/// practices moved. (Measured on 70F at 15 km: a small cost per hub out of line, letting the
/// search pass through such states, found worse answers than this large one.)
const OUT_OF_LINE: f64 = 1_000.0;
const PER_KM: f64 = 1.0;
/// What one practice moved costs.
const PER_PRACTICE: f64 = 1.0;

fn hub_cost(problem: &Problem, state: &State, hub: usize) -> f64 {
    let spec = &problem.hubs[hub];
    match problem.violation(state, hub) {
        None => 0.0,
        Some(Violation::Below) => OUT_OF_LINE + (spec.min - state.sums[hub]) as f64 / 100_000.0,
        Some(Violation::Above) => OUT_OF_LINE + (state.sums[hub] - spec.max) as f64 / 100_000.0,
        Some(Violation::Spread) => {
            OUT_OF_LINE + PER_KM * (state.spreads[hub] - spec.allowed_spread.unwrap_or(0.0))
        }
    }
}

fn move_cost(problem: &Problem, unit: usize, at: usize) -> f64 {
    if problem.units[unit].home == at {
        0.0
    } else {
        PER_PRACTICE * problem.units[unit].practices.len() as f64
    }
}

/// `(hubs out of line, practices moved, patients moved)` of a set of moves: smaller is better.
pub fn score(problem: &Problem, moves: &[(usize, usize)]) -> (usize, usize, i64) {
    let mut state = problem.start();
    for (unit, to) in moves {
        problem.apply(&mut state, *unit, *to);
    }
    let out = (0..problem.hubs.len())
        .filter(|h| problem.violation(&state, *h).is_some())
        .count();
    let practices = moves
        .iter()
        .map(|(u, _)| problem.units[*u].practices.len())
        .sum();
    let patients = moves.iter().map(|(u, _)| problem.units[*u].patients).sum();
    (out, practices, patients)
}

/// Improves `start` (moves inside `part`, whose hubs' nearest hubs of the part are `near`) by
/// `steps` steps of annealing from `seed`; returns the best moves found (sorted), never worse
/// than `start` by [`score`].
pub fn improve(
    problem: &Problem,
    part: &[usize],
    near: &[Vec<usize>],
    start: &[(usize, usize)],
    seed: u64,
    steps: u64,
    should_stop: &(dyn Fn() -> bool + Sync),
) -> Vec<(usize, usize)> {
    let mut state = problem.start();
    for (unit, to) in start {
        problem.apply(&mut state, *unit, *to);
    }
    let mut position = vec![usize::MAX; problem.hubs.len()];
    for (index, hub) in part.iter().enumerate() {
        position[*hub] = index;
    }
    let mut costs: Vec<f64> = (0..problem.hubs.len())
        .map(|h| {
            if position[h] == usize::MAX {
                0.0
            } else {
                hub_cost(problem, &state, h)
            }
        })
        .collect();
    let units_here: Vec<usize> = (0..problem.units.len())
        .filter(|u| position[problem.units[*u].home] != usize::MAX && problem.units[*u].movable)
        .collect();
    if part.is_empty() || units_here.is_empty() {
        return sorted(start.to_vec());
    }
    let mut total: f64 = costs.iter().sum::<f64>()
        + units_here
            .iter()
            .map(|u| move_cost(problem, *u, state.hub_of[*u]))
            .sum::<f64>();
    let mut out = part.iter().filter(|h| costs[**h] > 0.0).count();
    let mut practices: usize = units_here
        .iter()
        .filter(|u| state.hub_of[**u] != problem.units[**u].home)
        .map(|u| problem.units[*u].practices.len())
        .sum();
    let mut best = (out, practices, total);
    let mut best_at: Vec<usize> = state.hub_of.clone();
    let mut rng = Rng::new(seed);
    let mut bad: Vec<usize> = Vec::new();
    let (hot, cold) = (3.0f64, 0.05f64);
    let cooling = (cold / hot).powf(1.0 / steps.max(1) as f64);
    let mut temperature = hot;
    for step in 0..steps {
        if step.is_multiple_of(4096) && should_stop() {
            break;
        }
        if step.is_multiple_of(32) {
            bad.clear();
            bad.extend(part.iter().copied().filter(|h| costs[*h] > 0.0));
        }
        temperature *= cooling;
        // Propose: a unit between an out-of-line hub and a neighbour, or a unit home.
        let (unit, to) = if bad.is_empty() || rng.below(8) == 0 {
            let unit = units_here[rng.below(units_here.len())];
            let home = problem.units[unit].home;
            if state.hub_of[unit] == home {
                let at = position[home];
                if near[at].is_empty() {
                    continue;
                }
                (unit, near[at][rng.below(near[at].len())])
            } else {
                (unit, home)
            }
        } else {
            let hub = bad[rng.below(bad.len())];
            let at = position[hub];
            if near[at].is_empty() {
                continue;
            }
            let other = near[at][rng.below(near[at].len())];
            let (from, into) = if rng.below(2) == 0 {
                (hub, other)
            } else {
                (other, hub)
            };
            let members = &state.members[from];
            if members.is_empty() {
                continue;
            }
            (members[rng.below(members.len())], into)
        };
        let from = state.hub_of[unit];
        if !problem.units[unit].movable
            || problem.hubs[to].closed
            || problem.hubs[from].closed
            || to == from
            || position[to] == usize::MAX
            || !problem.may_take(&state, unit, to)
        {
            continue;
        }
        let before = costs[from] + costs[to] + move_cost(problem, unit, from);
        problem.apply(&mut state, unit, to);
        let (cost_from, cost_to) = (
            hub_cost(problem, &state, from),
            hub_cost(problem, &state, to),
        );
        let after = cost_from + cost_to + move_cost(problem, unit, to);
        let delta = after - before;
        if delta <= 0.0 || rng.unit() < (-delta / temperature).exp() {
            let was_out = usize::from(costs[from] > 0.0) + usize::from(costs[to] > 0.0);
            let now_out = usize::from(cost_from > 0.0) + usize::from(cost_to > 0.0);
            out = out + now_out - was_out;
            let size = problem.units[unit].practices.len();
            if from == problem.units[unit].home {
                practices += size;
            }
            if to == problem.units[unit].home {
                practices -= size;
            }
            costs[from] = cost_from;
            costs[to] = cost_to;
            total += delta;
            if (out, practices) < (best.0, best.1)
                || ((out, practices) == (best.0, best.1) && total < best.2 - 1e-9)
            {
                best = (out, practices, total);
                best_at.clone_from(&state.hub_of);
            }
        } else {
            problem.apply(&mut state, unit, from);
        }
    }
    // Last, every unit moved that can go home without putting more hubs out of line does
    // (a practice shed by a hub that stays above its band anyway is a move for nothing), in
    // rounds until none can (one going home may let another).
    let mut state = problem.start();
    for (unit, at) in best_at.iter().enumerate() {
        if *at != problem.units[unit].home {
            problem.apply(&mut state, unit, *at);
        }
    }
    for _ in 0..4 {
        let mut changed = false;
        for unit in units_here.iter().copied() {
            let (at, home) = (state.hub_of[unit], problem.units[unit].home);
            if at == home || problem.hubs[home].closed {
                continue;
            }
            let out_before = usize::from(problem.violation(&state, at).is_some())
                + usize::from(problem.violation(&state, home).is_some());
            problem.apply(&mut state, unit, home);
            let out_after = usize::from(problem.violation(&state, at).is_some())
                + usize::from(problem.violation(&state, home).is_some());
            if out_after > out_before || problem.over_ceiling(&state, home) {
                problem.apply(&mut state, unit, at);
            } else {
                best_at[unit] = home;
                changed = true;
            }
        }
        // Then pairs: a practice that went from H to T and one of T's that went on elsewhere
        // (to make room) go home together when that puts no more hubs out of line.
        for unit in units_here.iter().copied() {
            let (at, home) = (state.hub_of[unit], problem.units[unit].home);
            if at == home || problem.hubs[home].closed || problem.hubs[at].closed {
                continue;
            }
            let partners: Vec<usize> = state.members[..]
                .iter()
                .flatten()
                .copied()
                .filter(|w| {
                    problem.units[*w].home == at
                        && state.hub_of[*w] != at
                        && problem.units[*w].movable
                        && !problem.hubs[state.hub_of[*w]].closed
                })
                .collect();
            for partner in partners {
                let away = state.hub_of[partner];
                let mut touched = vec![home, at, away];
                touched.sort_unstable();
                touched.dedup();
                let out = |state: &State| {
                    touched
                        .iter()
                        .filter(|h| problem.violation(state, **h).is_some())
                        .count()
                };
                let before = out(&state);
                problem.apply(&mut state, unit, home);
                problem.apply(&mut state, partner, at);
                if out(&state) > before
                    || problem.over_ceiling(&state, home)
                    || problem.over_ceiling(&state, at)
                {
                    problem.apply(&mut state, partner, away);
                    problem.apply(&mut state, unit, at);
                } else {
                    best_at[unit] = home;
                    best_at[partner] = at;
                    changed = true;
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let found: Vec<(usize, usize)> = sorted(
        (0..problem.units.len())
            .filter(|u| best_at[*u] != problem.units[*u].home)
            .map(|u| (u, best_at[u]))
            .collect(),
    );
    if score(problem, &found) <= score(problem, start) {
        found
    } else {
        sorted(start.to_vec())
    }
}

fn sorted(mut moves: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    moves.sort_unstable();
    moves
}
