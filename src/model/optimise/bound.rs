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
                let needed = removals_needed(problem, state, hub)?;
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
                        .filter(|u| problem.can_join(state, **u, hub))
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
    Some(still(problem, state, removals, total))
}

/// Units that the hubs above their band must still shed at least, in all; `None` when one
/// cannot get in line.
pub fn removals(problem: &Problem, state: &State) -> Option<usize> {
    (0..problem.hubs.len())
        .filter(|h| problem.violation(state, *h) == Some(Violation::Above))
        .map(|h| removals_needed(problem, state, h))
        .sum()
}

/// Units that hub `hub`, above its band, must still shed at least: the fewest of its largest
/// units that may leave covering its excess, or all but one practice that may stay alone.
/// `None` when it cannot get in line.
pub fn removals_needed(problem: &Problem, state: &State, hub: usize) -> Option<usize> {
    let spec = &problem.hubs[hub];
    let mut sizes: Vec<i64> = state.members[hub]
        .iter()
        .filter(|u| problem.units[**u].movable && !state.moved[**u])
        .map(|u| problem.units[*u].patients)
        .collect();
    let count = largest_covering(&mut sizes, state.sums[hub] - spec.max);
    // Down to one practice that alone exceeds the band is allowed too.
    let keep_one = state.members[hub].len().saturating_sub(1).max(1);
    match count {
        Some(count) => Some(count.min(keep_one)),
        None if sizes.len() + 1 >= state.members[hub].len() => Some(keep_one),
        None => None,
    }
}

/// The fewest of `sizes` (sorted here, largest first) whose patients reach `excess`; `None`
/// when all of them together fall short.
pub fn largest_covering(sizes: &mut [i64], excess: i64) -> Option<usize> {
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    let mut shed = 0;
    sizes
        .iter()
        .position(|size| {
            shed += size;
            shed >= excess
        })
        .map(|index| index + 1)
}

/// Moves still needed when hubs out of line need `removals` units out and `total` units in
/// or out: each move takes one unit out and puts it in elsewhere (two of `total`), while a
/// unit waiting in the pool goes in at no cost (one of `total`).
fn still(problem: &Problem, state: &State, removals: usize, total: usize) -> usize {
    let (pooled, _) = problem.pooled(state);
    removals.max(total.saturating_sub(pooled).div_ceil(2))
}

/// The furthest distance (km) between any point of one unit and any point of another, for
/// every pair of units: two units whose distance exceeds twice a hub's allowed spread can
/// never end in that hub together (each is within the spread of the hub's centre, and the
/// great-circle distance obeys the triangle inequality). Built only for the exact search
/// (units squared).
pub struct Apart {
    units: usize,
    km: Vec<f32>,
}

impl Apart {
    pub fn new(problem: &Problem) -> Self {
        let units = problem.units.len();
        let mut km = vec![0.0f32; units * units];
        for a in 0..units {
            for b in (a + 1)..units {
                let mut far = 0.0f64;
                for (p, _) in &problem.units[a].points {
                    for (q, _) in &problem.units[b].points {
                        far = far.max(crate::model::geo::distance_km(*p, *q));
                    }
                }
                // Rounded down (f32) so that the test below never wrongly says "too far".
                let rounded = (far as f32).min(f32::MAX);
                let down = if f64::from(rounded) > far {
                    f32::from_bits(rounded.to_bits().saturating_sub(1))
                } else {
                    rounded
                };
                km[a * units + b] = down;
                km[b * units + a] = down;
            }
        }
        Self { units, km }
    }

    /// The furthest distance (km, rounded down) between a point of `a` and one of `b`.
    pub fn km(&self, a: usize, b: usize) -> f64 {
        f64::from(self.km[a * self.units + b])
    }

    /// May units `a` and `b` end together in `hub`?
    pub fn together(&self, problem: &Problem, hub: usize, a: usize, b: usize) -> bool {
        match problem.hubs[hub].allowed_spread {
            None => true,
            Some(limit) => f64::from(self.km[a * self.units + b]) <= 2.0 * limit + 1e-6,
        }
    }
}

/// A second lower bound that knows spread: for each hub out of line, either every member it
/// may lose leaves, or some member `a` stays (then every member too far from `a`, or from a
/// unit already fixed there, must leave, and only units near enough may join); the cheapest of
/// these is what the hub needs at least. `None` when no case is possible.
pub fn spread_bound(
    problem: &Problem,
    state: &State,
    by_size: &[usize],
    apart: &Apart,
) -> Option<usize> {
    let mut removals = 0usize;
    let mut total = 0usize;
    for hub in 0..problem.hubs.len() {
        if problem.violation(state, hub).is_none() {
            continue;
        }
        let (out, all) = hub_needs(problem, state, by_size, apart, hub)?;
        removals += out;
        total += all;
    }
    Some(still(problem, state, removals, total))
}

/// `(removals, removals + additions)` that hub `hub` needs at least, each the least over the
/// cases (so each is a lower bound on its own).
fn hub_needs(
    problem: &Problem,
    state: &State,
    by_size: &[usize],
    apart: &Apart,
    hub: usize,
) -> Option<(usize, usize)> {
    let spec = &problem.hubs[hub];
    let members = &state.members[hub];
    let free = |u: usize| problem.units[u].movable && !state.moved[u];
    // Fixed here: cannot leave (locked, or moved here already).
    let fixed: Vec<usize> = members.iter().copied().filter(|u| !free(*u)).collect();
    let loose: Vec<usize> = members.iter().copied().filter(|u| free(*u)).collect();
    for (i, a) in fixed.iter().enumerate() {
        for b in &fixed[i + 1..] {
            if !apart.together(problem, hub, *a, *b) {
                return None;
            }
        }
    }
    let mut best: Option<(usize, usize)> = None;
    let mut consider = |out: usize, all: usize| {
        best = Some(match best {
            None => (out, all),
            Some((o, a)) => (o.min(out), a.min(all)),
        });
    };
    // The kept set: the fixed units, plus `anchor` (a loose member that stays) if any.
    let case = |anchor: Option<usize>| -> Option<(usize, usize)> {
        let core: Vec<usize> = fixed.iter().copied().chain(anchor).collect();
        let fits = |u: usize| {
            core.iter()
                .all(|c| *c == u || apart.together(problem, hub, *c, u))
        };
        let mut kept_sum: i64 = core.iter().map(|u| problem.units[*u].patients).sum();
        let mut forced = 0usize;
        let mut others: Vec<i64> = Vec::new();
        for u in &loose {
            if Some(*u) == anchor {
                continue;
            }
            if anchor.is_some() && fits(*u) {
                kept_sum += problem.units[*u].patients;
                others.push(problem.units[*u].patients);
            } else {
                // No anchor: every loose member leaves. Otherwise too far from the core.
                forced += 1;
            }
        }
        if core.is_empty() {
            return Some((forced, forced));
        }
        let single = core.len() == 1 && problem.units[core[0]].practices.len() == 1;
        if kept_sum > spec.max {
            others.sort_unstable_by(|a, b| b.cmp(a));
            let mut shed = 0usize;
            for size in &others {
                if kept_sum <= spec.max {
                    break;
                }
                kept_sum -= size;
                shed += 1;
            }
            if kept_sum > spec.max && !single {
                return None;
            }
            let out = forced + shed;
            return Some((out, out.max(1)));
        }
        if kept_sum < spec.min {
            if spec.closed {
                return None;
            }
            let deficit = spec.min - kept_sum;
            let mut added = 0;
            let mut count = None;
            for (index, unit) in by_size
                .iter()
                .copied()
                .filter(|u| state.hub_of[*u] != hub && problem.can_join(state, *u, hub) && fits(*u))
                .enumerate()
            {
                added += problem.units[unit].patients;
                if added >= deficit {
                    count = Some(index + 1);
                    break;
                }
            }
            return count.map(|count| (forced, (forced + count).max(1)));
        }
        // In band: the hub is out of line today, so something changes.
        Some((forced, forced.max(1)))
    };
    if let Some((out, all)) = case(None) {
        consider(out, all);
    }
    for anchor in &loose {
        if let Some((out, all)) = case(Some(*anchor)) {
            consider(out, all);
        }
    }
    best
}

/// Patients (hundredths) still to move at least. Each hub out of band has patients that must
/// pass through it: a hub above its band sheds whole units covering its excess (or all but one
/// practice that may stay alone), a hub below gains at least its deficit and at least one unit
/// that may join (or is emptied). A move leaves one hub and joins one, so what leaves the hubs
/// above is moved, and half of what passes through any hub out of band is.
pub fn patients_bound(problem: &Problem, state: &State) -> i64 {
    let mut shed = 0i64;
    let mut touch = 0i64;
    let free = |u: usize| problem.units[u].movable && !state.moved[u];
    for hub in 0..problem.hubs.len() {
        let spec = &problem.hubs[hub];
        let sum = state.sums[hub];
        let members = &state.members[hub];
        match problem.violation(state, hub) {
            Some(Violation::Above) => {
                let need = shed_least(problem, state, hub);
                shed += need;
                touch += need;
            }
            Some(Violation::Below) => {
                let deficit = spec.min - sum;
                let smallest_joining = if spec.closed {
                    None
                } else {
                    problem
                        .units
                        .iter()
                        .enumerate()
                        .filter(|(u, _)| {
                            state.hub_of[*u] != hub && problem.can_join(state, *u, hub)
                        })
                        .map(|(_, unit)| unit.patients)
                        .min()
                };
                let mut need = smallest_joining.map_or(i64::MAX, |s| deficit.max(s));
                if members.iter().all(|u| free(*u)) {
                    need = need.min(sum);
                }
                if need < i64::MAX {
                    touch += need.max(0);
                }
            }
            _ => {}
        }
    }
    // What waits in the pool was counted when it left its hub.
    let (_, pooled) = problem.pooled(state);
    shed.max((touch - pooled).max(0).div_euclid(2))
}

/// Patients (hundredths) that hub `hub`, above its band, sheds at least: the smallest sum of
/// units that may leave covering its excess, or all but one single practice that may stay
/// alone above the band.
pub fn shed_least(problem: &Problem, state: &State, hub: usize) -> i64 {
    let spec = &problem.hubs[hub];
    let sum = state.sums[hub];
    let members = &state.members[hub];
    let free = |u: usize| problem.units[u].movable && !state.moved[u];
    let mut sizes: Vec<i64> = members
        .iter()
        .filter(|u| free(**u))
        .map(|u| problem.units[*u].patients)
        .collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    let excess = sum - spec.max;
    let mut need = min_cover(&sizes, excess).unwrap_or(i64::MAX);
    // Or all but one single practice, which may stay alone above the band.
    if sizes.len() == members.len() {
        for unit in members {
            if problem.units[*unit].practices.len() == 1 {
                need = need.min(sum - problem.units[*unit].patients);
            }
        }
    }
    if need == i64::MAX { excess } else { need }
}

/// The smallest sum of some of `sizes` (largest first) that reaches `target`, or `None` when
/// all of them do not; past a budget of steps, `target` itself (still a lower bound).
fn min_cover(sizes: &[i64], target: i64) -> Option<i64> {
    if target <= 0 {
        return Some(0);
    }
    let total: i64 = sizes.iter().sum();
    if total < target {
        return None;
    }
    let mut suffix = vec![0i64; sizes.len() + 1];
    for i in (0..sizes.len()).rev() {
        suffix[i] = suffix[i + 1] + sizes[i];
    }
    let mut best = total;
    let mut steps = 0u32;
    // Depth first: take or skip each size in turn.
    fn walk(
        sizes: &[i64],
        suffix: &[i64],
        at: usize,
        sum: i64,
        target: i64,
        best: &mut i64,
        steps: &mut u32,
    ) {
        *steps += 1;
        if sum >= target {
            *best = (*best).min(sum);
            return;
        }
        if at == sizes.len() || sum + suffix[at] < target || sum >= *best || *steps > 4_000 {
            return;
        }
        walk(sizes, suffix, at + 1, sum + sizes[at], target, best, steps);
        walk(sizes, suffix, at + 1, sum, target, best, steps);
    }
    walk(sizes, &suffix, 0, 0, target, &mut best, &mut steps);
    Some(if steps > 4_000 { target } else { best })
}

#[cfg(test)]
mod tests {
    use super::min_cover;

    #[test]
    fn the_smallest_cover_of_a_target_is_found() {
        // 9 + 4 = 13 is the least reaching 12 (9 + 6 = 15, 6 + 4 = 10 falls short).
        assert_eq!(min_cover(&[9, 6, 4], 12), Some(13));
        assert_eq!(min_cover(&[9, 6, 4], 20), None);
        assert_eq!(min_cover(&[9, 6, 4], 0), Some(0));
        assert_eq!(min_cover(&[9, 6, 4], 5), Some(6));
    }
}
