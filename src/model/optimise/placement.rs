//! Can what must still move find room? A check for the exact search's nodes that have no
//! move to spare: when the practices still to move equal what the hubs above their band must
//! shed at least, every remaining move takes a unit out of such a hub (into the pool) and no
//! other unit leaves its hub. Then every unit in the pool, and at least the excess of every
//! hub still above its band, must land in hubs with room (never back home), next to members
//! that all stay, and every hub below its band must be filled by what lands there. Whether
//! patients can flow so (as a transport problem with fractions allowed, which any real
//! placement is one case of) is a flow with bounds; if none exists, neither does a placement.

use super::bound::{Apart, removals_needed, shed_least};
use super::problem::{Problem, State, Violation};
use crate::model::practice::LatLon;

/// Past this many units and hubs the check is skipped (it says "may fit").
const MOST_NODES: usize = 2_000;

/// False when no placement can exist in `state` with exactly the removals that the hubs above
/// their band still need (the caller knows no other move may be made). True when one may.
pub fn may_fit(problem: &Problem, state: &State, apart: &Apart) -> bool {
    let hubs = problem.hubs.len();
    let pool = problem.pool;
    let above: Vec<usize> = (0..hubs)
        .filter(|h| problem.violation(state, *h) == Some(Violation::Above))
        .collect();
    let mut is_above = vec![false; hubs];
    for hub in &above {
        is_above[*hub] = true;
    }
    let free = |u: usize| problem.units[u].movable && !state.moved[u];
    // Room left in each hub, and the least it must gain (below its band, it cannot be emptied
    // when none of its units may leave).
    let biggest_single = problem
        .units
        .iter()
        .filter(|u| u.practices.len() == 1)
        .map(|u| u.patients)
        .max()
        .unwrap_or(0);
    let mut room = vec![0i64; hubs];
    let mut gain = vec![0i64; hubs];
    // What each hub above its band sheds at most (its needed count of its largest units).
    let mut shed_most = vec![0i64; hubs];
    for hub in 0..hubs {
        if Some(hub) == pool || problem.hubs[hub].closed {
            continue;
        }
        let spec = &problem.hubs[hub];
        let sum = state.sums[hub];
        if is_above[hub] {
            // It sheds its needed count of units, at most its largest ones.
            let Some(count) = removals_needed(problem, state, hub) else {
                return false;
            };
            let mut sizes: Vec<i64> = state.members[hub]
                .iter()
                .filter(|u| free(**u))
                .map(|u| problem.units[*u].patients)
                .collect();
            sizes.sort_unstable_by(|a, b| b.cmp(a));
            let most: i64 = sizes.iter().take(count).sum();
            shed_most[hub] = most;
            room[hub] = (spec.max - (sum - most)).max(0);
        } else if state.members[hub].is_empty() {
            // An empty hub may take one practice that alone is above the band.
            room[hub] = spec.max.max(biggest_single);
        } else {
            room[hub] = (spec.max - sum).max(0);
            if !state.members[hub].is_empty() && sum < spec.min {
                gain[hub] = spec.min - sum;
            }
        }
    }
    // Members that stay: all of a hub not above its band; of one above, those that may not
    // leave.
    let stays = |hub: usize, u: usize| !is_above[hub] || !free(u);
    let fits_beside = |unit: usize, hub: usize| {
        state.members[hub]
            .iter()
            .all(|m| !stays(hub, *m) || apart.together(problem, hub, *m, unit))
    };
    // Where each hub's members that all stay have their centre, and their weight.
    let centres: Vec<Option<(LatLon, f64)>> = (0..hubs)
        .map(|hub| {
            let members = &state.members[hub];
            if Some(hub) == pool || members.is_empty() || is_above[hub] {
                return None;
            }
            centre_of(problem, members)
        })
        .collect();
    let near_centre = |unit: usize, hub: usize| {
        let (Some((centre, weight)), Some(limit)) =
            (centres[hub], problem.hubs[hub].allowed_spread)
        else {
            return true;
        };
        let spec = &problem.units[unit];
        if spec.points.is_empty() {
            return true;
        }
        let reach = within_reach(limit, weight, room[hub]);
        spec.points
            .iter()
            .all(|(point, _)| crate::model::geo::within_km(centre, *point, reach))
    };
    // (Whether a new hub may open yet is not asked: another may open first.)
    let can_land = |unit: usize, hub: usize| {
        let spec = &problem.units[unit];
        Some(hub) != pool
            && !problem.hubs[hub].closed
            && hub != spec.home
            && hub != state.hub_of[unit]
            && spec.movable
            && (Some(state.hub_of[unit]) == pool || !state.moved[unit])
            && room[hub] >= spec.patients
            && fits_beside(unit, hub)
            && near_centre(unit, hub)
    };
    // Items: each unit in the pool (whole), each hub above its band (its least shed).
    let mut items: Vec<Item> = Vec::new();
    if let Some(pool) = pool {
        for unit in state.members[pool].iter().copied() {
            let targets: Vec<usize> = (0..hubs).filter(|h| can_land(unit, *h)).collect();
            if targets.is_empty() {
                return false;
            }
            let size = problem.units[unit].patients;
            items.push(Item {
                least: size,
                most: size,
                targets,
            });
        }
    }
    for hub in above.iter().copied() {
        let leaving: Vec<usize> = state.members[hub]
            .iter()
            .copied()
            .filter(|u| free(*u))
            .collect();
        let targets: Vec<usize> = (0..hubs)
            .filter(|h| *h != hub && leaving.iter().any(|u| can_land(*u, *h)))
            .collect();
        let need = shed_least(problem, state, hub);
        // A hub left as one practice above the band sheds what it sheds; it still lands.
        if need > 0 && targets.is_empty() {
            return false;
        }
        if need > 0 {
            items.push(Item {
                least: need,
                most: shed_most[hub].max(need),
                targets,
            });
        }
    }
    if items.len() + hubs > MOST_NODES {
        return true;
    }
    feasible_flow(&items, &room, &gain)
}

/// The list-weighted centre of `members` and their weight (patients), as [`Problem::spread`]
/// weighs them; `None` when one of them has no location (then nothing is assumed).
fn centre_of(problem: &Problem, members: &[usize]) -> Option<(LatLon, f64)> {
    let (mut lat, mut lon, mut weight) = (0.0, 0.0, 0.0);
    for unit in members {
        let spec = &problem.units[*unit];
        if spec.points.len() != spec.practices.len() {
            return None;
        }
        for (point, w) in &spec.points {
            lat += point.lat * w;
            lon += point.lon * w;
            weight += w;
        }
    }
    (weight > 0.0).then(|| {
        (
            LatLon {
                lat: lat / weight,
                lon: lon / weight,
            },
            weight,
        )
    })
}

/// How far (km) from the centre of members that all stay (weight `weight` patients) a
/// practice may be and still end within `limit` of the hub's centre, when at most `room`
/// (hundredths) joins. The centre moves at most `limit × joining / weight`: it is the
/// weighted mean of the members' centre and the joiners', and the joiners' centre lies within
/// `limit` of the new centre. With a margin for measuring along the sphere (the centre is a
/// mean of latitudes and longitudes).
pub fn within_reach(limit: f64, weight: f64, room: i64) -> f64 {
    let joining = room as f64 / 100.0 + 1.0;
    let shift = limit * joining / weight;
    (limit + shift) * 1.03 + 0.2
}

/// Is there a flow in which each item sends between its least and its most to its targets,
/// and each hub takes at most `room` and at least `gain`?
fn feasible_flow(items: &[Item], room: &[i64], gain: &[i64]) -> bool {
    let hubs = room.len();
    let least_sent: i64 = items.iter().map(|item| item.least).sum();
    let most_sent: i64 = items.iter().map(|item| item.most).sum();
    let least_taken: i64 = gain.iter().sum();
    if least_sent > room.iter().sum::<i64>() || least_taken > most_sent {
        return false;
    }
    if gain.iter().zip(room).any(|(g, r)| g > r) {
        return false;
    }
    // Nodes: source, items, hubs, sink; the lower bounds by the usual reduction (a super
    // source and sink, and the sink joined back to the source).
    let source = 0;
    let first_item = 1;
    let first_hub = first_item + items.len();
    let sink = first_hub + hubs;
    let super_source = sink + 1;
    let super_sink = sink + 2;
    let edges = items
        .iter()
        .map(|item| item.targets.len() + 2)
        .sum::<usize>()
        + 3 * hubs
        + 2;
    let mut flow = Flow::new(sink + 3, edges);
    let big = most_sent + least_taken + 1;
    for (i, item) in items.iter().enumerate() {
        // Source to the item: at least `least`, at most `most`.
        if item.most > item.least {
            flow.add(source, first_item + i, item.most - item.least);
        }
        if item.least > 0 {
            flow.add(super_source, first_item + i, item.least);
        }
        for hub in &item.targets {
            flow.add(first_item + i, first_hub + hub, big);
        }
    }
    if least_sent > 0 {
        flow.add(source, super_sink, least_sent);
    }
    // Each hub to the sink: at least gain, at most room.
    for hub in 0..hubs {
        if room[hub] > gain[hub] {
            flow.add(first_hub + hub, sink, room[hub] - gain[hub]);
        }
        if gain[hub] > 0 {
            flow.add(first_hub + hub, super_sink, gain[hub]);
            flow.add(super_source, sink, gain[hub]);
        }
    }
    flow.add(sink, source, big);
    flow.max_flow(super_source, super_sink) == least_sent + least_taken
}

/// Patients that must land somewhere: a unit in the pool (`least` = `most`, its size), or
/// what a hub above its band sheds (at least its excess, at most its largest units).
struct Item {
    least: i64,
    most: i64,
    targets: Vec<usize>,
}

/// A small max-flow (Dinic) on integer capacities. Edges are kept in flat lists, each node's
/// as a chain through `next` (no list per node: the check runs at every search node).
struct Flow {
    /// Each node's last edge added (`NONE`: none).
    first: Vec<usize>,
    /// The edge added before this one from the same node.
    next: Vec<usize>,
    to: Vec<usize>,
    cap: Vec<i64>,
}

const NONE: usize = usize::MAX;

impl Flow {
    fn new(nodes: usize, edges: usize) -> Self {
        Self {
            first: vec![NONE; nodes],
            next: Vec::with_capacity(2 * edges),
            to: Vec::with_capacity(2 * edges),
            cap: Vec::with_capacity(2 * edges),
        }
    }

    fn add(&mut self, from: usize, to: usize, cap: i64) {
        for (a, b, c) in [(from, to, cap), (to, from, 0)] {
            self.next.push(self.first[a]);
            self.first[a] = self.to.len();
            self.to.push(b);
            self.cap.push(c);
        }
    }

    fn max_flow(&mut self, source: usize, sink: usize) -> i64 {
        let nodes = self.first.len();
        let mut total = 0;
        let mut level = vec![usize::MAX; nodes];
        let mut queue = Vec::with_capacity(nodes);
        let mut current = vec![NONE; nodes];
        loop {
            // Levels by breadth first.
            level.fill(usize::MAX);
            level[source] = 0;
            queue.clear();
            queue.push(source);
            let mut at = 0;
            while let Some(node) = queue.get(at).copied() {
                at += 1;
                let mut edge = self.first[node];
                while edge != NONE {
                    let next = self.to[edge];
                    if self.cap[edge] > 0 && level[next] == usize::MAX {
                        level[next] = level[node] + 1;
                        queue.push(next);
                    }
                    edge = self.next[edge];
                }
            }
            if level[sink] == usize::MAX {
                return total;
            }
            current.copy_from_slice(&self.first);
            loop {
                let pushed = self.push(source, sink, i64::MAX, &level, &mut current);
                if pushed == 0 {
                    break;
                }
                total += pushed;
            }
        }
    }

    fn push(
        &mut self,
        node: usize,
        sink: usize,
        limit: i64,
        level: &[usize],
        current: &mut [usize],
    ) -> i64 {
        if node == sink {
            return limit;
        }
        while current[node] != NONE {
            let edge = current[node];
            let next = self.to[edge];
            if self.cap[edge] > 0 && level[next] == level[node] + 1 {
                let pushed = self.push(next, sink, limit.min(self.cap[edge]), level, current);
                if pushed > 0 {
                    self.cap[edge] -= pushed;
                    self.cap[edge ^ 1] += pushed;
                    return pushed;
                }
            }
            current[node] = self.next[edge];
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::{Item, feasible_flow};

    #[test]
    fn a_flow_meets_rooms_and_gains_or_says_it_cannot() {
        let exact = |size: i64, targets: Vec<usize>| Item {
            least: size,
            most: size,
            targets,
        };
        // Two items of 5 and 3; hub 0 takes at most 4, hub 1 at most 6.
        let items = vec![exact(5, vec![0, 1]), exact(3, vec![0])];
        assert!(feasible_flow(&items, &[4, 6], &[0, 0]));
        // Hub 1 must gain 6: only the first item reaches it, with 5.
        assert!(!feasible_flow(&items, &[4, 6], &[0, 6]));
        // Hub 1 must gain 5: item one all there, item two in hub 0 (3 of 4).
        assert!(feasible_flow(&items, &[4, 6], &[0, 5]));
        // Too little room for the second item's 3 beside 2 of the first: 5 + 3 > 4 + 3.
        assert!(!feasible_flow(&items, &[4, 3], &[0, 0]));
        // Hub 0 must gain 4 and can: 3 from item two, 1 from item one.
        assert!(feasible_flow(&items, &[4, 6], &[4, 0]));
        // A hub sheds at least 5 and at most 25; another must gain 25: it can.
        let shed = vec![Item {
            least: 5,
            most: 25,
            targets: vec![0],
        }];
        assert!(feasible_flow(&shed, &[45], &[25]));
        assert!(!feasible_flow(&shed, &[45], &[26]));
        assert!(!feasible_flow(&shed, &[4], &[0]));
    }
}

#[cfg(test)]
mod reach {
    use super::within_reach;
    use crate::model::geo::distance_km;
    use crate::model::practice::LatLon;
    use proptest::prelude::*;

    fn centre(points: &[(LatLon, f64)]) -> LatLon {
        let weight: f64 = points.iter().map(|(_, w)| w).sum();
        LatLon {
            lat: points.iter().map(|(p, w)| p.lat * w).sum::<f64>() / weight,
            lon: points.iter().map(|(p, w)| p.lon * w).sum::<f64>() / weight,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { max_global_rejects: 1_000_000, ..ProptestConfig::default() })]

        /// Whenever members that stay and practices that join end within `limit` of their
        /// centre, each joiner is within `within_reach` of the staying members' centre (so
        /// the check never rules out a placement that exists). Around 50°N to 55°N.
        #[test]
        fn a_joiner_of_a_hub_in_its_limit_is_within_reach(
            base_lat in 50.0f64..55.0,
            staying in prop::collection::vec((-1.0f64..1.0, -1.0f64..1.0, 1_000.0f64..30_000.0), 1..5),
            joining in prop::collection::vec((-1.0f64..1.0, -1.0f64..1.0, 1_000.0f64..20_000.0), 1..4),
            limit in 2.0f64..40.0,
        ) {
            // Points up to 1.1 times the limit north or south, east or west, of one place.
            let km_lat = 111.2;
            let km_lon = km_lat * base_lat.to_radians().cos();
            let at = |(y, x, w): (f64, f64, f64)| {
                let lat = base_lat + y * 1.1 * limit / km_lat;
                (LatLon { lat, lon: -2.0 + x * 1.1 * limit / km_lon }, w)
            };
            let staying: Vec<(LatLon, f64)> = staying.into_iter().map(at).collect();
            let joining: Vec<(LatLon, f64)> = joining.into_iter().map(at).collect();
            let all: Vec<(LatLon, f64)> = staying.iter().chain(&joining).copied().collect();
            let middle = centre(&all);
            let spread = all.iter().map(|(p, _)| distance_km(middle, *p)).fold(0.0, f64::max);
            prop_assume!(spread <= limit);
            let weight: f64 = staying.iter().map(|(_, w)| w).sum();
            let room = (joining.iter().map(|(_, w)| w).sum::<f64>() * 100.0).ceil() as i64;
            let reach = within_reach(limit, weight, room);
            let staying_centre = centre(&staying);
            for (point, _) in &joining {
                prop_assert!(distance_km(staying_centre, *point) <= reach);
            }
        }
    }
}
