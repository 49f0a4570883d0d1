//! From a feasible arrangement ([`super::feasible`]) to few moves: the feasibility search
//! knows which units end together but not which hub each group should be called, so the groups
//! are matched to hubs (an assignment problem: most practices, then most patients, left at
//! home; a group only to a hub whose band and spread limit it meets), and then moves are
//! undone where every hub stays in line without them (one unit home, or two home for one other
//! move).

use super::problem::{Problem, State};

/// Moves `(unit, hub)` that put every hub of `problem` in line, from `assignment` (a hub
/// index for every unit, every hub in line), relabelled and thinned for fewest practices
/// moved; `None` if no relabelling keeps every hub in line (it always can: the assignment as
/// given is one).
pub fn fewest_moves(
    problem: &Problem,
    assignment: &[usize],
    should_stop: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<(usize, usize)>> {
    let hubs = problem.hubs.len();
    // The groups: the units of each hub of the assignment.
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); hubs];
    for (unit, hub) in assignment.iter().enumerate() {
        groups.get_mut(*hub)?.push(unit);
    }
    let groups: Vec<Vec<usize>> = groups.into_iter().filter(|g| !g.is_empty()).collect();
    // One state to score every group in every hub (each alone in it, then put back).
    let mut scratch = problem.start();
    let table: Vec<Vec<Option<i64>>> = groups
        .iter()
        .map(|group| {
            (0..hubs)
                .map(|hub| score(problem, &mut scratch, group, hub))
                .collect()
        })
        .collect();
    let labels = best_assignment(&table)?;
    let moves: Vec<(usize, usize)> = groups
        .iter()
        .zip(&labels)
        .flat_map(|(group, hub)| group.iter().map(move |unit| (*unit, *hub)))
        .filter(|(unit, hub)| problem.units[*unit].home != *hub)
        .collect();
    let mut state = problem.state_after(&moves);
    if !problem.all_in_line(&state) {
        return None;
    }
    Some(thinned(problem, &mut state, should_stop))
}

/// What leaving `group` alone in `hub` scores (most practices at home, then most patients), or
/// `None` where it may not be (a unit that may not move away from home, a hub out of line).
/// `scratch` is a state of today, left as it was.
fn score(problem: &Problem, scratch: &mut State, group: &[usize], hub: usize) -> Option<i64> {
    for unit in group {
        let spec = &problem.units[*unit];
        // Units that may not move stay home; a closed hub keeps its own.
        if (!spec.movable || problem.hubs[spec.home].closed || problem.hubs[hub].closed)
            && spec.home != hub
        {
            return None;
        }
    }
    let kept = (
        std::mem::replace(&mut scratch.members[hub], group.to_vec()),
        scratch.sums[hub],
        scratch.spreads[hub],
    );
    scratch.sums[hub] = group.iter().map(|u| problem.units[*u].patients).sum();
    scratch.spreads[hub] = problem.spread(&scratch.members[hub]);
    let fits = problem.violation(scratch, hub).is_none();
    (
        scratch.members[hub],
        scratch.sums[hub],
        scratch.spreads[hub],
    ) = kept;
    if !fits {
        return None;
    }
    let (mut practices, mut patients) = (0i64, 0i64);
    for unit in group {
        let spec = &problem.units[*unit];
        if spec.home == hub {
            practices += spec.practices.len() as i64;
            patients += spec.patients;
        }
    }
    Some(practices * 1_000_000_000_000 + patients)
}

/// `state` (every hub in line) with moves undone while every hub stays in line: one unit
/// home where nothing needs it there, or two home for one other move; the moves that remain.
pub fn thinned(
    problem: &Problem,
    state: &mut State,
    should_stop: &(dyn Fn() -> bool + Sync),
) -> Vec<(usize, usize)> {
    undo_what_is_not_needed(problem, state);
    while two_for_one(problem, state, should_stop) {
        undo_what_is_not_needed(problem, state);
    }
    problem.moves_of(state)
}

/// `moves` (every hub in line) improved by the seeded local search ([`super::local`]) over
/// all hubs, each hub's neighbours every other hub nearest first: kept only if every hub stays
/// in line with fewer practices moved (or as many, fewer patients).
pub fn improve(
    problem: &Problem,
    moves: Vec<(usize, usize)>,
    seed: u64,
    should_stop: &(dyn Fn() -> bool + Sync),
) -> Vec<(usize, usize)> {
    let hubs: Vec<usize> = (0..problem.hubs.len()).collect();
    let near = nearest_first(problem);
    let before = super::local::score(problem, &moves);
    let better = super::local::improve(
        problem,
        &hubs,
        &near,
        &moves,
        seed,
        IMPROVE_STEPS,
        should_stop,
    );
    let after = super::local::score(problem, &better);
    let kept = if after.0 == 0 && (after.1, after.2) < (before.1, before.2) {
        better
    } else {
        moves
    };
    // The local search may open the way for more to be undone.
    thinned(problem, &mut problem.state_after(&kept), should_stop)
}

/// For every hub, every other hub nearest first (by today's centres; a hub without one last).
pub fn nearest_first(problem: &Problem) -> Vec<Vec<usize>> {
    let hubs = problem.hubs.len();
    let distance =
        |a: usize, b: usize| match (problem.hubs[a].centre_today, problem.hubs[b].centre_today) {
            (Some(p), Some(q)) => crate::model::geo::distance_km(p, q),
            _ => f64::MAX,
        };
    (0..hubs)
        .map(|a| {
            let mut others: Vec<usize> = (0..hubs).filter(|b| *b != a).collect();
            others.sort_by(|x, y| distance(a, *x).total_cmp(&distance(a, *y)).then(x.cmp(y)));
            others
        })
        .collect()
}

/// Steps of the local search after a feasible arrangement is found.
const IMPROVE_STEPS: u64 = 200_000;

/// Sends moved units home, the largest first, where every hub stays in line; again until
/// none can go.
fn undo_what_is_not_needed(problem: &Problem, state: &mut State) {
    loop {
        let mut moved: Vec<usize> = (0..problem.units.len())
            .filter(|u| state.hub_of[*u] != problem.units[*u].home)
            .collect();
        moved.sort_by_key(|u| {
            (
                std::cmp::Reverse(problem.units[*u].practices.len()),
                std::cmp::Reverse(problem.units[*u].patients),
                *u,
            )
        });
        let mut changed = false;
        for unit in moved {
            let at = state.hub_of[unit];
            let home = problem.units[unit].home;
            problem.apply(state, unit, home);
            if problem.violation(state, at).is_none() && problem.violation(state, home).is_none() {
                changed = true;
            } else {
                problem.apply(state, unit, at);
            }
        }
        if !changed {
            return;
        }
    }
}

/// Practices moved in `state`.
fn practices_moved(problem: &Problem, state: &State) -> usize {
    (0..problem.units.len())
        .filter(|u| state.hub_of[*u] != problem.units[*u].home)
        .map(|u| problem.units[u].practices.len())
        .sum()
}

/// Sends two moved units home and makes one other move (any unit to any hub) instead, if then
/// every hub is in line with fewer practices moved; true when it found such a change (made).
/// A move changes two hubs, so a pair whose return puts more than two hubs out of line is
/// skipped, and the one move must touch a hub out of line.
fn two_for_one(
    problem: &Problem,
    state: &mut State,
    should_stop: &(dyn Fn() -> bool + Sync),
) -> bool {
    let before = practices_moved(problem, state);
    let moved: Vec<usize> = (0..problem.units.len())
        .filter(|u| state.hub_of[*u] != problem.units[*u].home)
        .collect();
    let size = |u: usize| problem.units[u].practices.len();
    for (i, a) in moved.iter().copied().enumerate() {
        if should_stop() {
            return false;
        }
        for b in moved[i + 1..].iter().copied() {
            let (at_a, at_b) = (state.hub_of[a], state.hub_of[b]);
            problem.apply(state, a, problem.units[a].home);
            problem.apply(state, b, problem.units[b].home);
            let out: Vec<usize> = (0..problem.hubs.len())
                .filter(|h| problem.violation(state, *h).is_some())
                .collect();
            if out.is_empty() {
                return true;
            }
            if out.len() <= 2
                && one_move_mends(problem, state, &out, before - size(a) - size(b), before)
            {
                return true;
            }
            problem.apply(state, b, at_b);
            problem.apply(state, a, at_a);
        }
    }
    false
}

/// Makes one move that puts the hubs `out` (all those out of line) in line with fewer than
/// `most` practices moved (`now` are moved), if there is one; true when made.
fn one_move_mends(
    problem: &Problem,
    state: &mut State,
    out: &[usize],
    now: usize,
    most: usize,
) -> bool {
    for unit in 0..problem.units.len() {
        let spec = &problem.units[unit];
        let from = state.hub_of[unit];
        if !spec.movable || problem.hubs[from].closed {
            continue;
        }
        for hub in 0..problem.hubs.len() {
            if hub == from
                || problem.hubs[hub].closed
                || !(out.contains(&from) || out.contains(&hub))
            {
                continue;
            }
            let count = if from == spec.home {
                now + spec.practices.len()
            } else if hub == spec.home {
                now - spec.practices.len()
            } else {
                now
            };
            if count >= most {
                continue;
            }
            problem.apply(state, unit, hub);
            let mended = out
                .iter()
                .chain([&from, &hub])
                .all(|h| problem.violation(state, *h).is_none());
            if mended {
                return true;
            }
            problem.apply(state, unit, from);
        }
    }
    false
}

/// The column for each row that maximises the total of `table` (`None`: not allowed), each
/// column used once; `None` when no full assignment exists. Rows at most columns. (The
/// Hungarian method on costs, shortest augmenting paths, O(rows² × columns).)
fn best_assignment(table: &[Vec<Option<i64>>]) -> Option<Vec<usize>> {
    let rows = table.len();
    let columns = table.first().map_or(0, Vec::len);
    if rows == 0 {
        return Some(Vec::new());
    }
    if rows > columns {
        return None;
    }
    let top = table.iter().flatten().flatten().copied().max().unwrap_or(0);
    // Costs: what a cell gives up against the best cell; forbidden cells cost more than any
    // full assignment of allowed ones.
    let forbidden = (top + 1).saturating_mul(rows as i64 + 1).max(1);
    let cost = |r: usize, c: usize| table[r][c].map_or(forbidden, |v| top - v);
    // 1-based potentials, as in the classic formulation.
    let mut u = vec![0i64; rows + 1];
    let mut v = vec![0i64; columns + 1];
    let mut owner = vec![0usize; columns + 1];
    let mut way = vec![0usize; columns + 1];
    for row in 1..=rows {
        owner[0] = row;
        let mut column0 = 0usize;
        let mut least = vec![i64::MAX; columns + 1];
        let mut used = vec![false; columns + 1];
        loop {
            used[column0] = true;
            let row0 = owner[column0];
            let mut delta = i64::MAX;
            let mut column1 = 0usize;
            for column in 1..=columns {
                if used[column] {
                    continue;
                }
                let reduced = cost(row0 - 1, column - 1) - u[row0] - v[column];
                if reduced < least[column] {
                    least[column] = reduced;
                    way[column] = column0;
                }
                if least[column] < delta {
                    delta = least[column];
                    column1 = column;
                }
            }
            for column in 0..=columns {
                if used[column] {
                    u[owner[column]] += delta;
                    v[column] -= delta;
                } else {
                    least[column] -= delta;
                }
            }
            column0 = column1;
            if owner[column0] == 0 {
                break;
            }
        }
        loop {
            let column1 = way[column0];
            owner[column0] = owner[column1];
            column0 = column1;
            if column0 == 0 {
                break;
            }
        }
    }
    let mut labels = vec![0usize; rows];
    for column in 1..=columns {
        if owner[column] > 0 {
            labels[owner[column] - 1] = column - 1;
        }
    }
    // Every row on an allowed cell, or there is no assignment.
    labels
        .iter()
        .enumerate()
        .all(|(r, c)| table[r][*c].is_some())
        .then_some(labels)
}

#[cfg(test)]
mod tests {
    use super::best_assignment;

    #[test]
    fn the_best_assignment_takes_the_largest_total_and_avoids_forbidden_cells() {
        // Row 0 likes column 1 best, row 1 too, but 5 + 4 beats 6 + 1.
        let table = vec![
            vec![Some(5), Some(6), Some(0)],
            vec![Some(1), Some(4), None],
        ];
        assert_eq!(best_assignment(&table), Some(vec![0, 1]));
        // Only column 0 is allowed for both rows: no assignment.
        let table = vec![vec![Some(1), None], vec![Some(2), None]];
        assert_eq!(best_assignment(&table), None);
        assert_eq!(best_assignment(&[]), Some(vec![]));
    }
}
