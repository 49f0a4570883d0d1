//! Splitting a hub far above its band into new hubs, for a region too large for the exact
//! search (England) when new hubs may open: after the repair, each hub still above its band
//! whose practices may all move has them cut, along the longer of its two axes (north-south or
//! east-west), into the fewest runs of neighbours that each fit the band and the spread limit;
//! a practice above the band alone is a run of its own; the run with the most practices
//! stays, the others open new hubs. A hub that cannot be cut
//! so is left as it is (and its explanation says why).

use super::problem::{Problem, new_hub_specs};
use crate::model::hub::{BAND_MAX_PATIENTS, BAND_MIN_PATIENTS};
use crate::model::scenario::Scenario;

/// The repair's `moves` with the splits added; new hubs are appended to `problem.hubs`.
pub fn split_over(
    problem: &mut Problem,
    scenario: &Scenario,
    max_spread_km: Option<f64>,
    moves: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let mut state = problem.start();
    for (unit, to) in moves {
        problem.apply(&mut state, *unit, *to);
    }
    // Each hub's runs (units), decided first; the new hubs are made for them after.
    let mut plans: Vec<(usize, Vec<Vec<usize>>)> = Vec::new();
    for hub in 0..problem.hubs.len() {
        if problem.violation(&state, hub) != Some(super::problem::Violation::Above) {
            continue;
        }
        let members = state.members[hub].clone();
        if problem.hubs[hub].closed
            || members.iter().any(|u| !problem.units[*u].movable)
            || members.iter().any(|u| problem.units[*u].points.is_empty())
        {
            continue;
        }
        // A practice above the band on its own is a hub of its own; the rest are cut.
        let giant = |u: &usize| {
            problem.units[*u].practices.len() == 1
                && problem.units[*u].patients > problem.hubs[hub].max.min(BAND_MAX_PATIENTS.0)
        };
        let giants: Vec<Vec<usize>> = members
            .iter()
            .copied()
            .filter(giant)
            .map(|u| vec![u])
            .collect();
        let rest: Vec<usize> = members.iter().copied().filter(|u| !giant(u)).collect();
        let runs = if rest.is_empty() {
            Some(Vec::new())
        } else {
            cut(problem, hub, &rest, max_spread_km)
        };
        if let Some(mut runs) = runs {
            runs.extend(giants);
            if runs.len() > 1 {
                plans.push((hub, runs));
            }
        }
    }
    let needed: usize = plans.iter().map(|(_, runs)| runs.len() - 1).sum();
    let first = problem.hubs.len();
    problem
        .hubs
        .extend(new_hub_specs(scenario, max_spread_km, needed));
    let mut out: std::collections::BTreeMap<usize, usize> = moves.iter().copied().collect();
    let mut next = first;
    for (_, mut runs) in plans {
        // The run with the most practices (then the first) stays.
        let stay = (0..runs.len())
            .max_by_key(|r| (runs[*r].len(), std::cmp::Reverse(*r)))
            .unwrap_or(0);
        runs.remove(stay);
        for run in runs {
            for unit in run {
                out.insert(unit, next);
            }
            next += 1;
        }
    }
    out.into_iter()
        .filter(|(unit, to)| problem.units[*unit].home != *to)
        .collect()
}

/// `members` of `hub` in the fewest runs (from as many as the band needs, up to 4 more) that
/// each fit the band and the spread limit, or `None`.
fn cut(
    problem: &Problem,
    hub: usize,
    members: &[usize],
    max_spread_km: Option<f64>,
) -> Option<Vec<Vec<usize>>> {
    let spec = &problem.hubs[hub];
    let total: i64 = members.iter().map(|u| problem.units[*u].patients).sum();
    let first_point = |u: usize| problem.units[u].points[0].0;
    let (lat0, lon0) = members.iter().fold((0.0, 0.0), |(a, b), u| {
        let p = first_point(*u);
        (a + p.lat, b + p.lon)
    });
    let n = members.len() as f64;
    let (lat0, lon0) = (lat0 / n, lon0 / n);
    let km = |u: usize| {
        let p = first_point(u);
        (
            (p.lat - lat0) * 111.2,
            (p.lon - lon0) * 111.2 * lat0.to_radians().cos(),
        )
    };
    let (mut north, mut east) = (0.0f64, 0.0f64);
    for u in members {
        let (y, x) = km(*u);
        north = north.max(y.abs());
        east = east.max(x.abs());
    }
    let mut order: Vec<usize> = members.to_vec();
    order.sort_by(|a, b| {
        let key = |u: usize| if north >= east { km(u).0 } else { km(u).1 };
        key(*a).total_cmp(&key(*b)).then(a.cmp(b))
    });
    let least = usize::try_from((total + spec.max - 1) / spec.max.max(1)).unwrap_or(2);
    for parts in least.max(1)..=least.max(1) + 4 {
        let mut runs: Vec<Vec<usize>> = Vec::new();
        let mut sum = 0i64;
        let mut run = Vec::new();
        for unit in order.iter().copied() {
            let size = problem.units[unit].patients;
            let target = total * (runs.len() as i64 + 1) / parts as i64;
            if !run.is_empty() && runs.len() + 1 < parts && sum + size / 2 > target {
                runs.push(std::mem::take(&mut run));
            }
            run.push(unit);
            sum += size;
        }
        runs.push(run);
        // Each run must fit whichever hub it ends in: the band of both (the default band for
        // a new hub) and the spread limit itself.
        let (min, max) = (
            spec.min.max(BAND_MIN_PATIENTS.0),
            spec.max.min(BAND_MAX_PATIENTS.0),
        );
        let fits = runs.len() == parts
            && runs.iter().all(|run| {
                let patients: i64 = run.iter().map(|u| problem.units[*u].patients).sum();
                let single = run.len() == 1 && problem.units[run[0]].practices.len() == 1;
                patients >= min
                    && (patients <= max || single)
                    && max_spread_km.is_none_or(|limit| problem.spread(run) <= limit)
            });
        if fits {
            return Some(runs);
        }
    }
    None
}
