//! Chains of moves for hubs still above their band after the repair (England): when none of a
//! hub's nearest hubs has room for one of its practices, one of them may take it and pass one
//! of its own on to a hub of its own nearest, and so on, up to [`LONGEST`] moves, each hub on
//! the way ending in line. So a big hub sheds into hubs further away without any hub becoming
//! a dumping ground (every hub it passes through ends within its band, none grows above it).
//! The shortest chain is tried first; a hub's chains are kept only if together they bring it
//! into its band (else they would cost moves and put no hub in band).

use super::problem::{Problem, State, Violation};

/// Moves in one chain at most.
pub const LONGEST: usize = 4;

/// `moves` (after the repair) with chains added for every hub still above its band, while
/// some chain helps; `near[h]`: hub `h`'s nearest hubs.
pub fn shed_by_chains(
    problem: &Problem,
    moves: &[(usize, usize)],
    near: &[Vec<usize>],
    should_stop: &(dyn Fn() -> bool + Sync),
) -> Vec<(usize, usize)> {
    let mut state = problem.state_after(moves);
    let above: Vec<usize> = (0..problem.hubs.len())
        .filter(|h| problem.violation(&state, *h) == Some(Violation::Above))
        .collect();
    'hubs: for hub in above {
        // Chains that leave the hub above its band anyway are taken back: they would cost
        // moves and put no hub in band.
        let before = state.clone();
        while problem.violation(&state, hub) == Some(Violation::Above) {
            if should_stop() {
                state = before;
                break 'hubs;
            }
            let found = (1..=LONGEST).any(|length| {
                let mut chain = Chain {
                    problem,
                    near,
                    path: vec![hub],
                    tries: 0,
                };
                chain.from(&mut state, hub, None, length)
            });
            if !found {
                state = before;
                break;
            }
        }
    }
    problem.moves_of(&state)
}

struct Chain<'a> {
    problem: &'a Problem,
    near: &'a [Vec<usize>],
    /// Hubs the chain has passed (none twice).
    path: Vec<usize>,
    /// Moves tried for this hub so far (the search gives up past [`MOST_TRIES`]).
    tries: usize,
}

/// Moves tried at most for one hub's chain (a hub with no chain would otherwise be searched
/// to the end, all 12 nearest hubs of all 12 nearest hubs of its nearest).
const MOST_TRIES: usize = 20_000;

impl Chain<'_> {
    /// A quick look before trying a move: the unit lies within twice the hub's spread limit of
    /// its centre today (further, it would stretch the hub past the limit almost surely).
    fn near_enough(&self, unit: usize, hub: usize) -> bool {
        let spec = &self.problem.hubs[hub];
        let (Some(limit), Some(centre)) = (spec.allowed_spread, spec.centre_today) else {
            return true;
        };
        self.problem.units[unit]
            .points
            .iter()
            .all(|(point, _)| crate::model::geo::distance_km(*point, centre) <= 2.0 * limit)
    }

    /// Moves one unit out of `holder` (the first hub, or one that a unit `arrived` has just
    /// put above its band) to one of its nearest hubs, and on from there with at most `left`
    /// moves in all; true (the moves made) when every hub touched ends in line, the first
    /// nearer its band.
    fn from(
        &mut self,
        state: &mut State,
        holder: usize,
        arrived: Option<usize>,
        left: usize,
    ) -> bool {
        let problem = self.problem;
        let first = arrived.is_none();
        let spec = &problem.hubs[holder];
        let mut leaving: Vec<usize> = state.members[holder]
            .iter()
            .copied()
            .filter(|u| Some(*u) != arrived && problem.units[*u].movable)
            .filter(|u| {
                let after = state.sums[holder] - problem.units[*u].patients;
                // The first hub may stay above its band (nearer it); the others end in it.
                after >= spec.min && (first || after <= spec.max)
            })
            .collect();
        // The largest first: fewest moves for the first hub's excess.
        leaving.sort_by_key(|u| (std::cmp::Reverse(problem.units[*u].patients), *u));
        let Some(targets) = self.near.get(holder) else {
            return false;
        };
        for unit in leaving {
            for to in targets.iter().copied() {
                let target = &problem.hubs[to];
                let after = state.sums[to] + problem.units[unit].patients;
                if self.path.contains(&to)
                    || target.closed
                    || target.new.is_some()
                    // Never into a hub above its band, nor one it would leave below it, nor
                    // above it with no move left to mend that.
                    || state.sums[to] > target.max
                    || after < target.min
                    || (after > target.max && left == 1)
                    || !self.near_enough(unit, to)
                {
                    continue;
                }
                self.tries += 1;
                if self.tries > MOST_TRIES {
                    return false;
                }
                problem.apply(state, unit, to);
                let holder_fine = match problem.violation(state, holder) {
                    None => true,
                    Some(Violation::Above) => first,
                    Some(_) => false,
                };
                if holder_fine {
                    match problem.violation(state, to) {
                        None => return true,
                        Some(Violation::Above) if left > 1 => {
                            self.path.push(to);
                            if self.from(state, to, Some(unit), left - 1) {
                                return true;
                            }
                            self.path.pop();
                        }
                        _ => {}
                    }
                }
                problem.apply(state, unit, holder);
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::shed_by_chains;
    use crate::model::optimise::problem::{Problem, hand_made};
    use crate::model::practice::LatLon;

    /// Units of `(thousands of patients, home hub)`, no locations, hubs of 30,000–50,000.
    fn problem(units: &[(i64, usize)], hubs: usize) -> Problem {
        let units: Vec<(i64, Option<LatLon>, usize)> =
            units.iter().map(|(t, home)| (*t, None, *home)).collect();
        hand_made(&units, hubs, None)
    }

    #[test]
    fn a_hub_above_its_band_sheds_through_a_full_neighbour_to_one_with_room() {
        // H0 [20, 20, 20] = 60k; its one neighbour H1 [25, 20] = 45k has room for 5k only;
        // H1's neighbour H2 [30] has room for 20k. H0's 20 to H1, H1's 20 on to H2: all in band.
        let p = problem(&[(20, 0), (20, 0), (20, 0), (25, 1), (20, 1), (30, 2)], 3);
        let near = vec![vec![1], vec![2], vec![]];
        let moves = shed_by_chains(&p, &[], &near, &|| false);
        assert_eq!(moves.len(), 2, "{moves:?}");
        let mut state = p.start();
        for (unit, to) in &moves {
            p.apply(&mut state, *unit, *to);
        }
        assert!((0..3).all(|h| p.violation(&state, h).is_none()));
        assert_eq!(state.sums, vec![4_000_000, 4_500_000, 5_000_000]);
        // With H2 full too (H2 [50]), no chain brings H0 in band: nothing is moved.
        let p = problem(&[(20, 0), (20, 0), (20, 0), (25, 1), (20, 1), (50, 2)], 3);
        assert!(shed_by_chains(&p, &[], &near, &|| false).is_empty());
    }
}
