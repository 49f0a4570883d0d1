//! Chains of moves for hubs still above their band after the repair (England): when none of a
//! hub's nearest hubs has room for one of its practices, one of them may take it and pass one
//! of its own on to a hub of its own nearest, and so on, up to [`LONGEST`] moves, each hub on
//! the way ending in line. So a big hub sheds into hubs further away without any hub becoming
//! a dumping ground (every hub it passes through ends within its band, none grows above it).
//! The shortest chain is tried first; a hub's chains are kept only if together they bring it
//! into its band (else they would cost moves and put no hub in band).

use super::explain::within_spread;
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

/// After [`shed_by_chains`], for every hub still above its band (the smallest excess first, so
/// that the room left puts as many hubs in band as it can): chains of any length, found
/// breadth first from hub to nearest hub, so the excess ripples out to wherever there is room.
/// Each hub on a chain takes one practice and passes one of its own on, ending within its band
/// and spread limit; the last has room. A hub's chains are kept only if together they bring it
/// into its band.
pub fn shed_by_ripples(
    problem: &Problem,
    moves: &[(usize, usize)],
    near: &[Vec<usize>],
    should_stop: &(dyn Fn() -> bool + Sync),
) -> Vec<(usize, usize)> {
    let mut state = problem.state_after(moves);
    let mut above: Vec<(i64, usize)> = (0..problem.hubs.len())
        .filter(|h| problem.violation(&state, *h) == Some(Violation::Above))
        .map(|h| (state.sums[h] - problem.hubs[h].max, h))
        .collect();
    above.sort_unstable();
    'hubs: for (_, hub) in above {
        let before = state.clone();
        while problem.violation(&state, hub) == Some(Violation::Above) {
            if should_stop() {
                state = before;
                break 'hubs;
            }
            let Some(chain) = ripple(problem, &state, hub, near) else {
                state = before;
                break;
            };
            for (unit, to) in chain {
                problem.apply(&mut state, unit, to);
            }
        }
    }
    problem.moves_of(&state)
}

/// Arrivals kept at most per hub in one search: a hub reached by a practice too large for it
/// to pass on a practice of its own may pass one on if a smaller practice reaches it.
const ARRIVALS_PER_HUB: usize = 8;

/// One step of a chain in the search: `unit` reached `hub` from the step `from` (the first
/// hub's steps have none).
struct Step {
    hub: usize,
    unit: usize,
    from: Option<usize>,
}

/// A shortest chain of moves (fewest hubs) out of `source`, found breadth first: `(unit, to)`
/// from the first move outwards; `None` if no hub within reach has room.
fn ripple(
    problem: &Problem,
    state: &State,
    source: usize,
    near: &[Vec<usize>],
) -> Option<Vec<(usize, usize)>> {
    let hubs = &problem.hubs;
    let units = &problem.units;
    let mut steps: Vec<Step> = Vec::new();
    let mut arrivals = vec![0usize; hubs.len()];
    // Hubs on the chain up to a step (each hub once on a chain).
    let on_chain = |steps: &[Step], mut at: Option<usize>, hub: usize| {
        while let Some(step) = at {
            if steps[step].hub == hub {
                return true;
            }
            at = steps[step].from;
        }
        hub == source
    };
    // The frontier: steps (or the first hub, `None`) to go on from.
    let mut frontier: Vec<Option<usize>> = vec![None];
    let mut first = true;
    while !frontier.is_empty() {
        // Every move out of the frontier: (unit, from step, from hub, to).
        let mut edges: Vec<(usize, Option<usize>, usize, usize)> = Vec::new();
        for at in frontier.iter().copied() {
            let (x, arrived) = at.map_or((source, None), |s| (steps[s].hub, Some(steps[s].unit)));
            let sum = state.sums[x] + arrived.map_or(0, |u| units[u].patients);
            let spec = &hubs[x];
            for unit in state.members[x].iter().copied() {
                if !units[unit].movable {
                    continue;
                }
                let after = sum - units[unit].patients;
                // The first hub may stay above its band (nearer it); the others end in it.
                if after < spec.min || (x != source && after > spec.max) {
                    continue;
                }
                if !within_spread(problem, state, x, arrived, Some(unit)) {
                    continue;
                }
                for to in near.get(x).into_iter().flatten().copied() {
                    edges.push((unit, at, x, to));
                }
            }
        }
        // From the first hub the largest practice first (fewest chains); further out the
        // smallest (the least passed on).
        edges.sort_by_key(|(unit, _, from, to)| {
            let patients = units[*unit].patients;
            (if first { -patients } else { patients }, *from, *to)
        });
        first = false;
        let mut next = Vec::new();
        for (unit, at, _, to) in edges {
            let target = &hubs[to];
            if arrivals[to] >= ARRIVALS_PER_HUB
                || target.closed
                || target.new.is_some()
                || Some(to) == problem.pool
                || state.sums[to] > target.max
                || on_chain(&steps, at, to)
            {
                continue;
            }
            let after = state.sums[to] + units[unit].patients;
            if after < target.min {
                continue;
            }
            if after <= target.max {
                if !within_spread(problem, state, to, Some(unit), None) {
                    continue;
                }
                // Room: the chain ends here.
                let mut chain = vec![(unit, to)];
                let mut step = at;
                while let Some(s) = step {
                    chain.push((steps[s].unit, steps[s].hub));
                    step = steps[s].from;
                }
                chain.reverse();
                return Some(chain);
            }
            arrivals[to] += 1;
            steps.push(Step {
                hub: to,
                unit,
                from: at,
            });
            next.push(Some(steps.len() - 1));
        }
        frontier = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{shed_by_chains, shed_by_ripples};
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

    #[test]
    fn a_hub_above_its_band_sheds_along_a_ripple_longer_than_any_chain() {
        // H0 [20, 20, 20] = 60k; H1 to H4 [25, 20] = 45k each, room for 5k only; H5 [30] has
        // room for 20k; each hub's one neighbour is the next. H0's 20 goes to H1, each of H1 to
        // H4 passes its own 20 on: 5 moves, past the longest chain (4), every hub in band.
        let mut units = vec![(20, 0), (20, 0), (20, 0)];
        for hub in 1..=4 {
            units.extend([(25, hub), (20, hub)]);
        }
        units.push((30, 5));
        let p = problem(&units, 6);
        let near: Vec<Vec<usize>> = (0..6)
            .map(|h| if h < 5 { vec![h + 1] } else { vec![] })
            .collect();
        assert!(shed_by_chains(&p, &[], &near, &|| false).is_empty());
        let moves = shed_by_ripples(&p, &[], &near, &|| false);
        assert_eq!(moves.len(), 5, "{moves:?}");
        let state = p.state_after(&moves);
        assert!((0..6).all(|h| p.violation(&state, h).is_none()));
        assert_eq!(
            state.sums,
            vec![
                4_000_000, 4_500_000, 4_500_000, 4_500_000, 4_500_000, 5_000_000
            ]
        );
        // A hub whose relays are all too small to pass anything on: H1 [45] takes H0's 20
        // (65k) but cannot give its 45 (leaving 20k, below its band): nothing is moved.
        let p = problem(&[(20, 0), (20, 0), (20, 0), (45, 1), (10, 2)], 3);
        let near = vec![vec![1], vec![2], vec![]];
        assert!(shed_by_ripples(&p, &[], &near, &|| false).is_empty());
        // With room for one chain but a hub needing two, nothing is kept: H0 [20, 20, 20, 15]
        // = 75k must shed 25k; H1 [30] has room for 20k only.
        let p = problem(&[(20, 0), (20, 0), (20, 0), (15, 0), (30, 1)], 2);
        let near = vec![vec![1], vec![]];
        assert!(shed_by_ripples(&p, &[], &near, &|| false).is_empty());
    }

    #[test]
    fn a_ripple_keeps_every_hub_it_passes_within_its_spread_limit() {
        use crate::model::optimise::problem::hand_made;
        // H0 [20, 20, 20] at 52.0 N, H1 [25, 20] at 52.01, H2 [30] at 52.02 and H3 [30] far
        // away at 53.0; H0's neighbours are H1 then H3, H1's are H2 then H3. With a limit of
        // 2 km, nothing may go to H3 (60 km off): the ripple goes H0 -> H1 -> H2.
        let at = |lat: f64| Some(LatLon { lat, lon: 0.0 });
        let units = [
            (20, at(52.0), 0),
            (20, at(52.0), 0),
            (20, at(52.0), 0),
            (25, at(52.01), 1),
            (20, at(52.01), 1),
            (30, at(52.02), 2),
            (30, at(53.0), 3),
        ];
        let p = hand_made(&units, 4, Some(2.0));
        let near = vec![vec![3, 1], vec![3, 2], vec![], vec![]];
        let moves = shed_by_ripples(&p, &[], &near, &|| false);
        let state = p.state_after(&moves);
        assert!(
            (0..4).all(|h| p.violation(&state, h).is_none()),
            "{moves:?}"
        );
        assert_eq!(state.sums[3], 3_000_000, "nothing went 60 km away");
        assert_eq!(moves.len(), 2, "{moves:?}");
        // Without the limit H3 takes H0's 20: one move, the shortest chain.
        let p = hand_made(&units, 4, None);
        let moves = shed_by_ripples(&p, &[], &near, &|| false);
        assert_eq!(moves.len(), 1, "{moves:?}");
        assert_eq!(p.state_after(&moves).sums[3], 5_000_000);
    }
}
