//! Greedy repair for inputs too large to search exactly (all of England): again and again, of
//! the moves into or out of a hub that is out of line (to or from its nearest hubs), make the
//! one that reduces the total shortfall the most, until every hub is in line or no move helps.
//! No move puts a practice into a hub that it leaves above its band ([`Problem::may_take`]):
//! a hub already above its band sheds practices and takes none while it stays above.
//! The hubs are split into parts by longitude, repaired side by side (moves stay inside a part).
//! The lower bound of the exact search is reported beside the count.

use super::bound::lower_bound;
use super::problem::{Problem, State, Violation};
use super::{Proof, SearchOutcome};

/// Hubs a unit may move to: this many nearest (by today's centre).
pub const NEIGHBOURS: usize = 12;
/// The same for the ripples, the last step for hubs still above their band (England, 15 km:
/// 1,250 hubs in band in 3.3 s with 24, against 1,241 with 12 and 1,246 in 3.9 s with 48).
pub const RIPPLE_NEIGHBOURS: usize = 24;

pub fn repair(
    problem: &Problem,
    threads: usize,
    seed: u64,
    should_stop: &(dyn Fn() -> bool + Sync),
) -> SearchOutcome {
    let start = problem.start();
    let mut by_size: Vec<usize> = (0..problem.units.len()).collect();
    by_size.sort_by_key(|u| std::cmp::Reverse(problem.units[*u].patients));
    let bound = lower_bound(problem, &start, &by_size).unwrap_or(0);
    let parts = split(problem, threads);
    let results: Vec<Vec<(usize, usize)>> = if parts.len() > 1 && cfg!(not(target_arch = "wasm32"))
    {
        std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .iter()
                .map(|part| {
                    scope.spawn(|| {
                        repair_and_improve(problem, part, seed, LARGE_STEPS_PER_UNIT, should_stop)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| handle.join().unwrap_or_default())
                .collect()
        })
    } else {
        parts
            .iter()
            .map(|part| repair_and_improve(problem, part, seed, LARGE_STEPS_PER_UNIT, should_stop))
            .collect()
    };
    let mut moves: Vec<(usize, usize)> = results.into_iter().flatten().collect();
    if parts.len() > 1 {
        moves = across_parts(problem, &moves);
    }
    let all: Vec<usize> = (0..problem.hubs.len()).collect();
    let near = neighbours(problem, &all);
    moves = super::chains::shed_by_chains(problem, &moves, &near, should_stop);
    let wide = nearest_of(problem, &all, RIPPLE_NEIGHBOURS);
    moves = super::chains::shed_by_ripples(problem, &moves, &wide, should_stop);
    moves.sort_unstable();
    let nodes = moves.len() as u64;
    SearchOutcome {
        solutions: vec![moves],
        proof: Proof::BestFound { lower_bound: bound },
        nodes,
        fewest_patients_proved: false,
    }
}

/// Steps of the local search per unit of a part (and at least [`LEAST_STEPS`]), for the
/// quick answer the exact search starts from.
const STEPS_PER_UNIT: u64 = 1_500;
/// The same for a region too large for the exact search (England), where the local search's
/// answer is the one shown: since no hub may take practices while it stays above its band,
/// chains of moves matter more. The ripples run before it as well as after, so more steps put
/// few more hubs in band (England, no limit: 1,263 in band with 4,000 or 8,000 steps a unit,
/// in 1.9 s or 2.8 s).
const LARGE_STEPS_PER_UNIT: u64 = 4_000;
const LEAST_STEPS: u64 = 300_000;

/// The greedy answer of a part, improved by the seeded local search.
fn repair_and_improve(
    problem: &Problem,
    part: &[usize],
    seed: u64,
    steps_per_unit: u64,
    should_stop: &(dyn Fn() -> bool + Sync),
) -> Vec<(usize, usize)> {
    let mut greedy = repair_part(problem, part, should_stop);
    if steps_per_unit == LARGE_STEPS_PER_UNIT {
        // England: the ripples before the local search too, so that a short time limit,
        // which cuts the local search, still has them.
        let mut wide = vec![Vec::new(); problem.hubs.len()];
        for (hub, near) in part
            .iter()
            .zip(nearest_of(problem, part, RIPPLE_NEIGHBOURS))
        {
            wide[*hub] = near;
        }
        greedy = super::chains::shed_by_ripples(problem, &greedy, &wide, should_stop);
    }
    let near = neighbours(problem, part);
    let units = part
        .iter()
        .map(|h| problem.units.iter().filter(|u| u.home == *h).count() as u64)
        .sum::<u64>();
    // Each part its own stream of random choices, the same for the same seed.
    let part_seed = seed
        ^ part
            .first()
            .map_or(0, |h| *h as u64)
            .wrapping_mul(0x100_0000_01B3);
    super::local::improve(
        problem,
        part,
        &near,
        &greedy,
        part_seed,
        (units * steps_per_unit).max(LEAST_STEPS),
        should_stop,
    )
}

/// The greedy answer for the whole problem as one part, improved by the local search, and
/// whether it puts every hub in line.
pub fn repair_part_of(
    problem: &Problem,
    seed: u64,
    should_stop: &(dyn Fn() -> bool + Sync),
) -> (Vec<(usize, usize)>, bool) {
    let all: Vec<usize> = (0..problem.hubs.len()).collect();
    let moves = repair_and_improve(problem, &all, seed, STEPS_PER_UNIT, should_stop);
    let feasible = problem.all_in_line(&problem.state_after(&moves));
    (moves, feasible)
}

/// Last, across the parts (each part's moves stay inside it): each hub still out of line that
/// one move to or from one of its nearest hubs, of any part, brings in line together with the
/// other hub gets that move (the one that moves the fewest patients), hub by hub in order.
fn across_parts(problem: &Problem, moves: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let all: Vec<usize> = (0..problem.hubs.len()).collect();
    let near = neighbours(problem, &all);
    let mut state = problem.start();
    for (unit, to) in moves {
        problem.apply(&mut state, *unit, *to);
    }
    for hub in all.iter().copied() {
        if problem.violation(&state, hub).is_none() {
            continue;
        }
        let mut best: Option<(i64, usize, usize)> = None;
        for other in near[hub].iter().copied() {
            for (unit, from, to) in candidates(problem, &state, hub, other) {
                problem.apply(&mut state, unit, to);
                let both = problem.violation(&state, from).is_none()
                    && problem.violation(&state, to).is_none();
                problem.apply(&mut state, unit, from);
                let patients = problem.units[unit].patients;
                if both && best.is_none_or(|(p, _, _)| patients < p) {
                    best = Some((patients, unit, to));
                }
            }
        }
        if let Some((_, unit, to)) = best {
            problem.apply(&mut state, unit, to);
        }
    }
    (0..problem.units.len())
        .filter(|u| state.hub_of[*u] != problem.units[*u].home)
        .map(|u| (u, state.hub_of[u]))
        .collect()
}

/// Hub indices in `threads` parts of about equal size, west to east (deterministic).
fn split(problem: &Problem, threads: usize) -> Vec<Vec<usize>> {
    let mut hubs: Vec<usize> = (0..problem.hubs.len()).collect();
    hubs.sort_by(|a, b| {
        let lon = |h: usize| problem.hubs[h].centre_today.map_or(0.0, |c| c.lon);
        lon(*a).total_cmp(&lon(*b)).then(a.cmp(b))
    });
    let size = hubs.len().div_ceil(threads.max(1)).max(1);
    hubs.chunks(size).map(<[usize]>::to_vec).collect()
}

/// Out of line counts first (a hub out of line weighs more than any distance), then how far
/// a hub is from its limits (hundredths of patients; spread counts 1,000 a km): a move that
/// puts one hub in line never puts another out.
const OUT_OF_LINE: i64 = 1 << 40;

fn shortfall(problem: &Problem, state: &State, hub: usize) -> i64 {
    let spec = &problem.hubs[hub];
    let Some(violation) = problem.violation(state, hub) else {
        return 0;
    };
    OUT_OF_LINE
        + match violation {
            Violation::Below => spec.min - state.sums[hub],
            Violation::Above => state.sums[hub] - spec.max,
            Violation::Spread => {
                let over = state.spreads[hub] - spec.allowed_spread.unwrap_or(0.0);
                (over * 100_000.0) as i64 + 1
            }
        }
}

fn repair_part(
    problem: &Problem,
    part: &[usize],
    should_stop: &(dyn Fn() -> bool + Sync),
) -> Vec<(usize, usize)> {
    let mut state = problem.start();
    let near = neighbours(problem, part);
    let mut moves = Vec::new();
    let mut rounds = 0u64;
    loop {
        rounds += 1;
        if rounds.is_multiple_of(16) && should_stop() {
            break;
        }
        // The hub furthest out of line that some move helps, and its best move.
        let mut out_of_line: Vec<(i64, usize)> = part
            .iter()
            .copied()
            .enumerate()
            .filter_map(|(position, hub)| {
                let short = shortfall(problem, &state, hub);
                (short > 0).then_some((short, position))
            })
            .collect();
        out_of_line.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut chosen = None;
        for (_, position) in out_of_line {
            let hub = part[position];
            let mut best: Option<(i64, i64, usize, usize)> = None;
            for other in near[position].iter().copied() {
                for (unit, from, to) in candidates(problem, &state, hub, other) {
                    let gain = gain(problem, &mut state, unit, from, to);
                    let patients = problem.units[unit].patients;
                    if gain > 0 && best.is_none_or(|(g, p, _, _)| (gain, -patients) > (g, -p)) {
                        best = Some((gain, patients, unit, to));
                    }
                }
            }
            if let Some((_, _, unit, to)) = best {
                chosen = Some(vec![(unit, to)]);
                break;
            }
            // A hub below its band that no single move helps: share all its practices out
            // among its neighbours (merge it away), if that leaves less out of line.
            if problem.violation(&state, hub) == Some(Violation::Below)
                && let Some(empty) =
                    empty_into_neighbours(problem, &mut state, hub, &near[position])
            {
                chosen = Some(empty);
                break;
            }
        }
        let Some(step) = chosen else {
            break;
        };
        for (unit, to) in step {
            problem.apply(&mut state, unit, to);
            moves.push((unit, to));
        }
    }
    // A unit moved twice ends where it ends: keep its last move only (and none if home again).
    let mut last = std::collections::BTreeMap::new();
    for (unit, to) in moves {
        last.insert(unit, to);
    }
    last.into_iter()
        .filter(|(unit, to)| problem.units[*unit].home != *to)
        .collect()
}

/// Every unit of `hub` to the neighbour where it leaves the least out of line (and that may
/// take it, [`Problem::may_take`]), one after the other; `None` unless the hub can be emptied and the shortfall of all hubs touched falls.
fn empty_into_neighbours(
    problem: &Problem,
    state: &mut State,
    hub: usize,
    near: &[usize],
) -> Option<Vec<(usize, usize)>> {
    let units = state.members[hub].clone();
    if units.is_empty()
        || problem.hubs[hub].closed
        || units.iter().any(|u| !problem.units[*u].movable)
    {
        return None;
    }
    let open: Vec<usize> = near
        .iter()
        .copied()
        .filter(|t| !problem.hubs[*t].closed)
        .collect();
    if open.is_empty() {
        return None;
    }
    let touched = |state: &State| -> i64 {
        shortfall(problem, state, hub)
            + open
                .iter()
                .map(|t| shortfall(problem, state, *t))
                .sum::<i64>()
    };
    let before = touched(state);
    let mut step = Vec::new();
    for unit in units {
        let mut best: Option<(i64, usize)> = None;
        for target in open.iter().copied() {
            if !problem.may_take(state, unit, target) {
                continue;
            }
            problem.apply(state, unit, target);
            let after = touched(state);
            problem.apply(state, unit, hub);
            if best.is_none_or(|(b, _)| after < b) {
                best = Some((after, target));
            }
        }
        if let Some((_, target)) = best {
            problem.apply(state, unit, target);
            step.push((unit, target));
        }
    }
    let after = touched(state);
    // Put the hub back as it was; the caller applies the step if it is chosen.
    for (unit, _) in step.iter().rev() {
        problem.apply(state, *unit, hub);
    }
    for (unit, _) in &step {
        state.moved[*unit] = false;
    }
    (after < before).then_some(step)
}

/// Moves between a hub out of line and a neighbour: its units out, the neighbour's units in;
/// none that leaves the hub it goes to further above its band than today
/// ([`Problem::may_take`]).
fn candidates(
    problem: &Problem,
    state: &State,
    hub: usize,
    other: usize,
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for unit in state.members[hub].iter().copied() {
        if problem.units[unit].movable
            && !problem.hubs[other].closed
            && problem.may_take(state, unit, other)
        {
            out.push((unit, hub, other));
        }
    }
    if !problem.hubs[hub].closed {
        for unit in state.members[other].iter().copied() {
            if problem.units[unit].movable && problem.may_take(state, unit, hub) {
                out.push((unit, other, hub));
            }
        }
    }
    out
}

/// How much the two hubs' shortfall falls if `unit` moves from `from` to `to`.
fn gain(problem: &Problem, state: &mut State, unit: usize, from: usize, to: usize) -> i64 {
    let before = shortfall(problem, state, from) + shortfall(problem, state, to);
    problem.apply(state, unit, to);
    let after = shortfall(problem, state, from) + shortfall(problem, state, to);
    problem.apply(state, unit, from);
    before - after
}

/// For each hub of the part, its nearest hubs of the same part.
fn neighbours(problem: &Problem, part: &[usize]) -> Vec<Vec<usize>> {
    nearest_of(problem, part, NEIGHBOURS)
}

/// For each hub of the part, its `count` nearest hubs of the same part.
fn nearest_of(problem: &Problem, part: &[usize], count: usize) -> Vec<Vec<usize>> {
    part.iter()
        .map(|hub| {
            let Some(centre) = problem.hubs[*hub].centre_today else {
                return Vec::new();
            };
            let mut others: Vec<(f64, usize)> = part
                .iter()
                .copied()
                .filter(|other| other != hub)
                .filter_map(|other| {
                    let c = problem.hubs[other].centre_today?;
                    Some((crate::model::geo::distance_km(centre, c), other))
                })
                .collect();
            others.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            others.truncate(count);
            others.into_iter().map(|(_, other)| other).collect()
        })
        .collect()
}
