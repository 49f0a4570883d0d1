//! A lower bound on the practices still to move: what the exact search prunes with and what a
//! repaired (not proved) suggestion reports beside its count.

use super::problem::{Problem, State, Violation};

/// Moves still needed at least, or `None` when some hub can no longer be fixed. `by_size`
/// lists the units largest first.
pub fn lower_bound(problem: &Problem, state: &State, by_size: &[usize]) -> Option<usize> {
    let mut removals = 0usize;
    let mut total = 0usize;
    for hub in 0..problem.hubs.len() {
        let Some(violation) = problem.violation(state, hub) else {
            continue;
        };
        let spec = &problem.hubs[hub];
        match violation {
            Violation::Above => {
                let mut sizes: Vec<i64> = state.members[hub]
                    .iter()
                    .filter(|u| problem.units[**u].movable && !state.moved[**u])
                    .map(|u| problem.units[*u].patients)
                    .collect();
                sizes.sort_unstable_by(|a, b| b.cmp(a));
                let excess = state.sums[hub] - spec.max;
                let mut shed = 0;
                let mut count = None;
                for (index, size) in sizes.iter().enumerate() {
                    shed += size;
                    if shed >= excess {
                        count = Some(index + 1);
                        break;
                    }
                }
                // Down to one practice that alone exceeds the band is allowed too.
                let keep_one = state.members[hub].len().saturating_sub(1).max(1);
                let needed = match count {
                    Some(count) => count.min(keep_one),
                    None if sizes.len() + 1 >= state.members[hub].len() => keep_one,
                    None => return None,
                };
                removals += needed;
                total += needed;
            }
            Violation::Below => {
                let deficit = spec.min - state.sums[hub];
                let own: Vec<usize> = state.members[hub].clone();
                let can_empty = own
                    .iter()
                    .all(|u| problem.units[*u].movable && !state.moved[*u]);
                let mut added = 0;
                let mut count = None;
                if !spec.closed {
                    for (index, unit) in by_size
                        .iter()
                        .filter(|u| problem.can_move(state, **u, hub))
                        .enumerate()
                    {
                        added += problem.units[*unit].patients;
                        if added >= deficit {
                            count = Some(index + 1);
                            break;
                        }
                    }
                }
                let needed = match (count, can_empty) {
                    (Some(count), true) => count.min(own.len()),
                    (Some(count), false) => count,
                    (None, true) => own.len(),
                    (None, false) => return None,
                };
                total += needed;
            }
            Violation::Spread => total += 1,
        }
    }
    Some(removals.max(total.div_ceil(2)))
}
