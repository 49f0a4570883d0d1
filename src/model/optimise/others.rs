//! Other answers near the best found, for when the exact search stopped before it could list
//! its own alternatives (it finds the best `k` only at a count it searched to the end).
//!
//! Two kinds, each putting every hub in line:
//! - the same practices moved, one of them to another hub;
//! - one practice of the best left at home (as if it were locked), the rest mended by a short
//!   local search ([`super::local`]) and thinned ([`super::arrange::thinned`]).
//!
//! The work is bounded by steps, not by the clock (the caller's time is usually up when it is
//! asked), so it is the same for the same seed and takes a few tens of milliseconds on a region.

use super::problem::{Problem, State};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};

/// Moves `(unit, hub)`.
type Moves = Vec<(usize, usize)>;

/// `(practices moved, patients moved, total spread)`.
type Score = (usize, i64, f64);

/// Steps of the local search that mends the best with one move left undone.
const MEND_STEPS: u64 = 20_000;

/// Times the thinning may ask whether to stop before it is told to (each time is one pass over
/// a moved unit's pairs).
const THIN_POLLS: u64 = 32;

/// At most this many moves of the best are each left undone in turn (the largest first).
const MOST_UNDONE: usize = 24;

/// How hard [`others`] looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// Both kinds (tens of milliseconds on a region).
    Thorough,
    /// Mends only until there are `wanted` (a few milliseconds to a few tens): for when the
    /// time is up and only alternatives are asked for.
    Quick,
}

/// Up to `wanted` sets of moves other than `best` (every hub of `problem` in line in `best`),
/// each putting every hub in line, best first by practices moved, then patients moved, then
/// total spread; none the same as `best` or as another. `should_stop` is asked between mends
/// when [`Effort::Thorough`] (a quick look is not stopped: it is short).
pub fn others(
    problem: &Problem,
    best: &[(usize, usize)],
    wanted: usize,
    seed: u64,
    effort: Effort,
    should_stop: &(dyn Fn() -> bool + Sync),
) -> Vec<Vec<(usize, usize)>> {
    if wanted == 0 || best.is_empty() || !problem.all_in_line(&problem.state_after(best)) {
        return Vec::new();
    }
    let mut seen: BTreeSet<Vec<(usize, usize)>> = BTreeSet::from([sorted(best.to_vec())]);
    let mut found: Vec<Vec<(usize, usize)>> = elsewhere(problem, best)
        .into_iter()
        .map(sorted)
        .filter(|moves| seen.insert(moves.clone()))
        .collect();
    if effort == Effort::Quick && found.len() >= wanted {
        return best_of(problem, found, Vec::new(), wanted);
    }
    let hubs: Vec<usize> = (0..problem.hubs.len()).collect();
    let near = super::arrange::nearest_first(problem);
    let mut undone: Vec<usize> = (0..best.len()).collect();
    undone.sort_by_key(|i| (std::cmp::Reverse(problem.units[best[*i].0].patients), *i));
    // One copy of the problem: the unit left at home is made immovable in it for its mend only.
    let mut frozen = problem.clone();
    for (round, index) in undone.into_iter().take(MOST_UNDONE).enumerate() {
        let enough_found = effort == Effort::Quick && found.len() >= wanted;
        if enough_found || (effort == Effort::Thorough && should_stop()) {
            break;
        }
        let kept_home = best[index].0;
        frozen.units[kept_home].movable = false;
        let start: Vec<(usize, usize)> = best
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .map(|(_, m)| *m)
            .collect();
        let never = || false;
        let mended = super::local::improve(
            &frozen,
            &hubs,
            &near,
            &start,
            seed.wrapping_add(round as u64 + 1),
            MEND_STEPS,
            &never,
        );
        let mut state = frozen.state_after(&mended);
        if frozen.all_in_line(&state) {
            let polls = AtomicU64::new(0);
            let enough = || polls.fetch_add(1, Ordering::Relaxed) >= THIN_POLLS;
            let moves = sorted(super::arrange::thinned(&frozen, &mut state, &enough));
            if seen.insert(moves.clone()) {
                found.push(moves);
            }
        }
        frozen.units[kept_home].movable = problem.units[kept_home].movable;
    }
    best_of(problem, found, Vec::new(), wanted)
}

/// `moves` (every hub in line) made better where [`others`] finds a better answer near it
/// (fewer practices moved, then fewer patients, then less spread), again from that one, until
/// none is better, `should_stop` says so (asked between rounds) or `MOST_ROUNDS` rounds.
pub fn polished(
    problem: &Problem,
    moves: Vec<(usize, usize)>,
    seed: u64,
    should_stop: &(dyn Fn() -> bool + Sync),
) -> Vec<(usize, usize)> {
    let mut best = sorted(moves);
    let mut best_score = score(problem, &best);
    for round in 0..MOST_ROUNDS {
        if should_stop() {
            break;
        }
        let Some(next) = others(
            problem,
            &best,
            1,
            seed.wrapping_add(round * 1_000),
            Effort::Thorough,
            should_stop,
        )
        .into_iter()
        .next() else {
            break;
        };
        let next_score = score(problem, &next);
        if better(next_score, best_score) {
            (best, best_score) = (next, next_score);
        } else {
            break;
        }
    }
    best
}

/// Rounds of [`polished`] at most.
const MOST_ROUNDS: u64 = 16;

/// Is `a` better than `b` (fewer practices, then fewer patients, then less spread)?
fn better(a: Score, b: Score) -> bool {
    (a.0, a.1) < (b.0, b.1) || ((a.0, a.1) == (b.0, b.1) && a.2 < b.2 - 1e-9)
}

/// `found` and `more` together, each once, best first by practices moved, then patients moved,
/// then new hubs opened, then total spread (the order of `found` kept among equals), the first
/// `wanted`.
pub fn best_of(
    problem: &Problem,
    found: Vec<Vec<(usize, usize)>>,
    more: Vec<Vec<(usize, usize)>>,
    wanted: usize,
) -> Vec<Vec<(usize, usize)>> {
    let mut seen = BTreeSet::new();
    let mut all: Vec<((Score, usize), Moves)> = found
        .into_iter()
        .chain(more)
        .filter(|moves| seen.insert(sorted(moves.clone())))
        .map(|moves| {
            let state = problem.state_after(&moves);
            let opened = problem.opened(&state);
            ((score_in(problem, &moves, &state), opened), moves)
        })
        .collect();
    all.sort_by(|((a, a_opened), _), ((b, b_opened), _)| {
        (a.0, a.1, a_opened)
            .cmp(&(b.0, b.1, b_opened))
            .then(a.2.total_cmp(&b.2))
    });
    all.into_iter()
        .take(wanted)
        .map(|(_, moves)| moves)
        .collect()
}

/// The best's practices, one of them to another hub, wherever every hub stays in line.
fn elsewhere(problem: &Problem, best: &[(usize, usize)]) -> Vec<Vec<(usize, usize)>> {
    let mut state = problem.state_after(best);
    let mut found = Vec::new();
    for (index, (unit, to)) in best.iter().copied().enumerate() {
        let home = problem.units[unit].home;
        for hub in 0..problem.hubs.len() {
            let opens = hub >= problem.first_new && state.members[hub].is_empty();
            if hub == to
                || hub == home
                || Some(hub) == problem.pool
                || problem.hubs[hub].closed
                || opens
                || !problem.may_take(&state, unit, hub)
            {
                continue;
            }
            problem.apply(&mut state, unit, hub);
            let fine = problem.violation(&state, to).is_none()
                && problem.violation(&state, hub).is_none()
                && !problem.over_ceiling(&state, hub);
            problem.apply(&mut state, unit, to);
            if fine {
                let mut moves = best.to_vec();
                moves[index] = (unit, hub);
                found.push(moves);
            }
        }
    }
    found
}

/// `(practices moved, patients moved, total spread)`: smaller is better.
fn score(problem: &Problem, moves: &[(usize, usize)]) -> Score {
    score_in(problem, moves, &problem.state_after(moves))
}

/// As [`score`], `state` being the state after `moves`.
fn score_in(problem: &Problem, moves: &[(usize, usize)], state: &State) -> Score {
    let practices = moves
        .iter()
        .map(|(u, _)| problem.units[*u].practices.len())
        .sum();
    let patients = moves.iter().map(|(u, _)| problem.units[*u].patients).sum();
    (practices, patients, problem.total_spread(state))
}

fn sorted(mut moves: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    moves.sort_unstable();
    moves
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(problem: &Problem, best: &[(usize, usize)]) -> BTreeSet<Vec<(usize, usize)>> {
        assert!(problem.all_in_line(&problem.state_after(best)));
        let found = others(problem, best, 5, 0, Effort::Thorough, &|| false);
        for moves in &found {
            assert_ne!(moves, best);
            assert!(
                problem.all_in_line(&problem.state_after(moves)),
                "{moves:?}"
            );
        }
        let set: BTreeSet<_> = found.iter().cloned().collect();
        assert_eq!(set.len(), found.len(), "each once");
        set
    }

    /// A has 20k and 40k (60k), B and C 30k each (bands 30k–50k). The best moves the 20k to
    /// B; the other answer sends it to C. Leaving it at home has no mend (the 40k fits nowhere).
    #[test]
    fn the_same_practice_to_another_hub() {
        let problem = super::super::problem::hand_made(
            &[(20, None, 0), (40, None, 0), (30, None, 1), (30, None, 2)],
            3,
            None,
        );
        assert_eq!(answers(&problem, &[(0, 1)]), BTreeSet::from([vec![(0, 2)]]));
    }

    /// A has two of 30k (60k), B 20k.
    fn two_of_thirty_beside_twenty() -> Problem {
        super::super::problem::hand_made(&[(30, None, 0), (30, None, 0), (20, None, 1)], 2, None)
    }

    /// The best moves the first 30k to B; left at home, the mend moves the second instead.
    #[test]
    fn one_move_left_undone_and_mended() {
        let problem = two_of_thirty_beside_twenty();
        assert_eq!(answers(&problem, &[(0, 1)]), BTreeSet::from([vec![(1, 1)]]));
    }

    #[test]
    fn nothing_when_the_best_is_not_in_line() {
        let problem = two_of_thirty_beside_twenty();
        assert!(others(&problem, &[(2, 0)], 3, 0, Effort::Thorough, &|| false).is_empty());
        assert!(others(&problem, &[], 3, 0, Effort::Thorough, &|| false).is_empty());
    }
}
