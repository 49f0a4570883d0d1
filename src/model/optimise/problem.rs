//! The search problem built from a scenario: units (a practice, or a group that moves
//! together), hubs with their band and spread limit, and a state that moves units between hubs
//! and says which hubs are out of line.

use super::{Constraints, Options};
use crate::model::hub::{BAND_MAX_PATIENTS, BAND_MIN_PATIENTS, HubId};
use crate::model::practice::{LatLon, PracticeId};
use crate::model::quantity::{Patients, format_patients_whole};
use crate::model::scenario::Scenario;
use std::collections::BTreeMap;

/// Practices that move together.
#[derive(Debug, Clone)]
pub struct Unit {
    pub practices: Vec<PracticeId>,
    /// The practices' codes (for sentences), as `practices`.
    pub codes: Vec<String>,
    /// Registered patients, hundredths.
    pub patients: i64,
    /// `(location, weight)` of the members with coordinates.
    pub points: Vec<(LatLon, f64)>,
    /// The cosine of each point's latitude, as `points` (for [`Problem::spread`], which runs
    /// at every search step).
    pub cos_lats: Vec<f64>,
    /// Each point as a unit vector ([`crate::model::geo::unit_vector`]), as `points` (to
    /// find the farthest without trigonometry).
    pub vectors: Vec<[f64; 3]>,
    /// Hub index today.
    pub home: usize,
    pub movable: bool,
}

/// A hub as the search sees it.
#[derive(Debug, Clone)]
pub struct HubSpec {
    pub id: HubId,
    pub code: String,
    pub min: i64,
    pub max: i64,
    /// The most patients it may hold after a move into it: the top of its band, or its
    /// patients today if it is above its band today (such a hub may shed practices but never
    /// ends further above its band than it is today). See [`Problem::may_take`].
    pub ceiling: i64,
    /// Its spread may not exceed this (km); `None`: no limit.
    pub allowed_spread: Option<f64>,
    /// A locked hub: none of its units leaves and none joins.
    pub closed: bool,
    pub centre_today: Option<LatLon>,
    /// A hub the suggestion would open (not in the scenario yet).
    pub new: Option<crate::model::hub::Hub>,
}

/// Units and hubs.
#[derive(Debug, Clone)]
pub struct Problem {
    pub units: Vec<Unit>,
    pub hubs: Vec<HubSpec>,
    /// The exact search's holding place (a hub without limits, last of `hubs`): a unit moved
    /// there has left its hub and is placed in one later, at no further cost.
    pub pool: Option<usize>,
    /// Index of the first new hub (those that may open, after today's); `hubs.len()` when none.
    pub first_new: usize,
}

/// Which units are where, and the hubs' lists.
#[derive(Debug, Clone)]
pub struct State {
    pub hub_of: Vec<usize>,
    pub members: Vec<Vec<usize>>,
    pub sums: Vec<i64>,
    pub moved: Vec<bool>,
    /// Each hub's spread (km) for its members now, kept up to date by [`Problem::apply`]
    /// (0 for a hub without a spread limit, where it is never asked).
    pub spreads: Vec<f64>,
}

/// How a hub breaks its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Violation {
    Below,
    Above,
    Spread,
}

impl Problem {
    pub fn build(
        scenario: &Scenario,
        constraints: &Constraints,
        options: &Options,
    ) -> Result<Self, String> {
        let region = scenario.region();
        let hub_ids: Vec<HubId> = scenario.hubs().keys().copied().collect();
        let index_of: BTreeMap<HubId, usize> =
            hub_ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let metrics = crate::model::metrics::Metrics::compute(scenario);
        let hubs = hub_ids
            .iter()
            .map(|id| {
                let (min, max) = constraints
                    .bands
                    .get(id)
                    .map_or((BAND_MIN_PATIENTS.0, BAND_MAX_PATIENTS.0), |(a, b)| {
                        (a.0, b.0)
                    });
                let figures = metrics.hubs.get(id);
                let today = figures.and_then(|f| f.spread_km).unwrap_or(0.0);
                HubSpec {
                    id: *id,
                    code: scenario
                        .hub(*id)
                        .map(|h| h.code.clone())
                        .unwrap_or_default(),
                    min,
                    max,
                    // Raised to its patients today below, once the units are known.
                    ceiling: max,
                    allowed_spread: options.max_spread_km.map(|limit| limit.max(today) + 1e-6),
                    closed: constraints.locked_hubs.contains(id),
                    centre_today: figures.and_then(|f| f.centre),
                    new: None,
                }
            })
            .collect::<Vec<_>>();
        let mut hubs = hubs;
        let first_new = hubs.len();
        hubs.extend(new_hubs(scenario, options));
        // Groups first (each practice in at most one), then every other assigned practice.
        let mut unit_of: BTreeMap<PracticeId, usize> = BTreeMap::new();
        let mut units: Vec<Unit> = Vec::new();
        for group in &constraints.groups {
            let members: Vec<PracticeId> = group
                .iter()
                .copied()
                .filter(|p| scenario.hub_of(*p).is_some())
                .collect();
            if members.is_empty() {
                continue;
            }
            let homes: std::collections::BTreeSet<HubId> =
                members.iter().filter_map(|p| scenario.hub_of(*p)).collect();
            if homes.len() > 1 {
                let codes: Vec<String> = homes
                    .iter()
                    .filter_map(|id| scenario.hub(*id).map(|h| h.code.clone()))
                    .collect();
                return Err(format!(
                    "the group {} is split between hubs {} today: put its practices in one hub first",
                    codes_of(scenario, &members),
                    codes.join(" and ")
                ));
            }
            for practice in &members {
                if unit_of.contains_key(practice) {
                    return Err(format!(
                        "practice {} is in more than one group",
                        code_of(scenario, *practice)
                    ));
                }
                unit_of.insert(*practice, units.len());
            }
            let home = homes
                .iter()
                .next()
                .and_then(|id| index_of.get(id))
                .copied()
                .unwrap_or(0);
            units.push(Unit {
                codes: members.iter().map(|p| code_of(scenario, *p)).collect(),
                practices: members,
                patients: 0,
                points: Vec::new(),
                cos_lats: Vec::new(),
                vectors: Vec::new(),
                home,
                movable: true,
            });
        }
        for id in region.practice_ids() {
            let Some(hub) = scenario.hub_of(id) else {
                continue;
            };
            if let std::collections::btree_map::Entry::Vacant(entry) = unit_of.entry(id) {
                entry.insert(units.len());
                units.push(Unit {
                    codes: vec![code_of(scenario, id)],
                    practices: vec![id],
                    patients: 0,
                    points: Vec::new(),
                    cos_lats: Vec::new(),
                    vectors: Vec::new(),
                    home: index_of.get(&hub).copied().unwrap_or(0),
                    movable: true,
                });
            }
        }
        for unit in &mut units {
            for practice in &unit.practices {
                let Some(data) = region.practice(*practice) else {
                    continue;
                };
                unit.patients += data.registered_patients.0;
                if let Some(location) = data.location {
                    unit.points
                        .push((location, data.registered_patients.as_f64().max(1.0)));
                    unit.cos_lats.push(location.lat.to_radians().cos());
                    unit.vectors.push(crate::model::geo::unit_vector(location));
                }
                if constraints.locked_practices.contains(practice) {
                    unit.movable = false;
                }
            }
            if hubs[unit.home].closed {
                unit.movable = false;
            }
        }
        let mut today = vec![0i64; hubs.len()];
        for unit in &units {
            today[unit.home] += unit.patients;
        }
        for (hub, patients) in hubs.iter_mut().zip(today) {
            hub.ceiling = hub.ceiling.max(patients);
        }
        Ok(Self {
            units,
            hubs,
            pool: None,
            first_new,
        })
    }

    pub fn movable_practices(&self) -> usize {
        self.units
            .iter()
            .filter(|u| u.movable)
            .map(|u| u.practices.len())
            .sum()
    }

    pub fn start(&self) -> State {
        let mut members = vec![Vec::new(); self.hubs.len()];
        let mut sums = vec![0; self.hubs.len()];
        for (index, unit) in self.units.iter().enumerate() {
            members[unit.home].push(index);
            sums[unit.home] += unit.patients;
        }
        let spreads = (0..self.hubs.len())
            .map(|hub| self.limited_spread(&members, hub))
            .collect();
        State {
            hub_of: self.units.iter().map(|u| u.home).collect(),
            members,
            sums,
            moved: vec![false; self.units.len()],
            spreads,
        }
    }

    /// The spread of `hub` with `members` if the hub has a spread limit (else 0).
    fn limited_spread(&self, members: &[Vec<usize>], hub: usize) -> f64 {
        if self.hubs[hub].allowed_spread.is_some() {
            self.spread(&members[hub])
        } else {
            0.0
        }
    }

    /// May `unit` go to `hub` (it is movable, not moved yet, the hub is open and not its own)?
    pub fn can_move(&self, state: &State, unit: usize, hub: usize) -> bool {
        let spec = &self.units[unit];
        spec.movable
            && !state.moved[unit]
            && !self.hubs[hub].closed
            && state.hub_of[unit] != hub
            && self.may_open(state, hub)
    }

    /// May `unit` join `hub`? Only if that leaves the hub within its band's top, or, going
    /// back home, no larger than today ([`HubSpec::ceiling`]). So a hub above its band may shed
    /// practices but never grows, takes none while it stays above its band (it is never a
    /// dumping ground, nor a relay that takes one hub's practice and passes its own on), and no
    /// hub is pushed above its band. The one exception: a practice that alone is above the
    /// band may be a hub of its own (joining an empty hub).
    pub fn may_take(&self, state: &State, unit: usize, hub: usize) -> bool {
        let spec = &self.units[unit];
        let top = if hub == spec.home {
            self.hubs[hub].ceiling
        } else {
            self.hubs[hub].max
        };
        state.sums[hub] + spec.patients <= top
            || (state.members[hub].is_empty() && spec.practices.len() == 1)
    }

    /// Does `hub` stand further above its band in `state` than today (a hub of one practice
    /// excepted)? No search or repair ever makes a move after which one does.
    pub fn over_ceiling(&self, state: &State, hub: usize) -> bool {
        let members = &state.members[hub];
        state.sums[hub] > self.hubs[hub].ceiling
            && !(members.len() == 1 && self.units[members[0]].practices.len() == 1)
    }

    /// No hub stands further above its band in `state` than today ([`Self::over_ceiling`]).
    pub fn within_ceilings(&self, state: &State) -> bool {
        (0..self.hubs.len()).all(|hub| !self.over_ceiling(state, hub))
    }

    /// New hubs are alike, so they open in order: a new hub may take a unit only once the
    /// one before it has members (or if it has some itself).
    pub fn may_open(&self, state: &State, hub: usize) -> bool {
        hub <= self.first_new
            || self.hubs[hub].new.is_none()
            || !state.members[hub].is_empty()
            || !state.members[hub - 1].is_empty()
    }

    /// May `unit` end in `hub`: moved there now, or placed there from the pool?
    pub fn can_join(&self, state: &State, unit: usize, hub: usize) -> bool {
        // Never back home from the pool: that would be no move at the cost of one.
        let from_pool = self.pool.is_some_and(|pool| {
            state.hub_of[unit] == pool && hub != pool && hub != self.units[unit].home
        });
        self.can_move(state, unit, hub)
            || (from_pool && !self.hubs[hub].closed && self.may_open(state, hub))
    }

    /// Units waiting in the pool, and their patients.
    pub fn pooled(&self, state: &State) -> (usize, i64) {
        self.pool
            .map_or((0, 0), |pool| (state.members[pool].len(), state.sums[pool]))
    }

    /// Spread of a hub's current members (km), as the metrics compute it.
    pub fn spread(&self, members: &[usize]) -> f64 {
        let (mut lat, mut lon, mut weight) = (0.0, 0.0, 0.0);
        for unit in members {
            for (point, w) in &self.units[*unit].points {
                lat += point.lat * w;
                lon += point.lon * w;
                weight += w;
            }
        }
        if weight <= 0.0 {
            return 0.0;
        }
        let centre = LatLon {
            lat: lat / weight,
            lon: lon / weight,
        };
        crate::model::geo::farthest_km_of(centre, || {
            members.iter().flat_map(|unit| {
                let unit = &self.units[*unit];
                unit.points
                    .iter()
                    .zip(&unit.cos_lats)
                    .zip(&unit.vectors)
                    .map(|(((point, _), cos), vector)| (*point, *cos, *vector))
            })
        })
    }

    /// How hub `hub` breaks its limits in `state`, if it does.
    pub fn violation(&self, state: &State, hub: usize) -> Option<Violation> {
        let members = &state.members[hub];
        if members.is_empty() {
            return None;
        }
        let spec = &self.hubs[hub];
        let sum = state.sums[hub];
        // A hub of one practice that alone exceeds the band is allowed.
        let single = members.len() == 1 && self.units[members[0]].practices.len() == 1;
        if sum < spec.min {
            return Some(Violation::Below);
        }
        if sum > spec.max && !single {
            return Some(Violation::Above);
        }
        match spec.allowed_spread {
            Some(limit) if state.spreads[hub] > limit => Some(Violation::Spread),
            _ => None,
        }
    }

    pub fn apply(&self, state: &mut State, unit: usize, to: usize) -> usize {
        let from = state.hub_of[unit];
        if let Some(position) = state.members[from].iter().position(|u| *u == unit) {
            state.members[from].swap_remove(position);
        }
        state.members[to].push(unit);
        state.sums[from] -= self.units[unit].patients;
        state.sums[to] += self.units[unit].patients;
        state.hub_of[unit] = to;
        state.moved[unit] = to != self.units[unit].home;
        state.spreads[from] = self.limited_spread(&state.members, from);
        state.spreads[to] = self.limited_spread(&state.members, to);
        from
    }

    /// More patients than today's hubs can hold at their band's top, in words: no moves can
    /// put every hub in band (new hubs would have to open). The search still makes as many
    /// hubs as it can meet their band.
    pub fn capacity_shortfall(&self) -> Option<String> {
        let patients: i64 = self.units.iter().map(|u| u.patients).sum();
        let capacity: i64 = self.hubs.iter().map(|h| h.max).sum();
        let widest = self.hubs.iter().map(|h| h.max).max().unwrap_or(1).max(1);
        (patients > capacity && !self.hubs.is_empty()).then(|| {
            format!(
                "{} registered patients in hubs need at least {} hubs of at most {}; there are {}, so some hub must stay above its band unless new hubs open",
                whole(patients),
                (patients + widest - 1) / widest,
                whole(widest),
                self.hubs.len()
            )
        })
    }

    /// A constraint no search can meet, in words (checked before searching).
    pub fn binding_constraint(&self) -> Option<String> {
        let start = self.start();
        for (index, hub) in self.hubs.iter().enumerate() {
            let fixed: Vec<usize> = start.members[index]
                .iter()
                .copied()
                .filter(|u| !self.units[*u].movable)
                .collect();
            let fixed_sum: i64 = fixed.iter().map(|u| self.units[*u].patients).sum();
            let fixed_practices: usize = fixed.iter().map(|u| self.units[*u].practices.len()).sum();
            if hub.closed
                && let Some(violation) = self.violation(&start, index)
            {
                let what = match violation {
                    Violation::Below => format!("below its band's {}", whole(hub.min)),
                    Violation::Above => format!("above its band's {}", whole(hub.max)),
                    Violation::Spread => "more spread out than allowed".to_string(),
                };
                return Some(format!(
                    "the locked hub {} alone has {} patients, {what}",
                    hub.code,
                    whole(start.sums[index])
                ));
            }
            if fixed_practices > 1 && fixed_sum > hub.max {
                return Some(format!(
                    "the locked practices of hub {} alone have {} patients, above its band's {}",
                    hub.code,
                    whole(fixed_sum),
                    whole(hub.max)
                ));
            }
        }
        let widest = self.hubs.iter().map(|h| h.max).max().unwrap_or(0);
        for unit in &self.units {
            if unit.practices.len() > 1 && unit.patients > widest {
                return Some(format!(
                    "the group of {} practices has {} patients, more than any hub may hold ({})",
                    unit.practices.len(),
                    whole(unit.patients),
                    whole(widest)
                ));
            }
        }
        None
    }

    /// The state after `moves` `(unit, hub)` from today.
    pub fn state_after(&self, moves: &[(usize, usize)]) -> State {
        let mut state = self.start();
        for (unit, to) in moves {
            self.apply(&mut state, *unit, *to);
        }
        state
    }

    /// The moves `(unit, hub)` that lead from today to `state`, by unit.
    pub fn moves_of(&self, state: &State) -> Vec<(usize, usize)> {
        self.moves_to(&state.hub_of)
    }

    /// The moves `(unit, hub)` that lead from today to `hub_of` (a hub for every unit), by
    /// unit.
    pub fn moves_to(&self, hub_of: &[usize]) -> Vec<(usize, usize)> {
        (0..self.units.len())
            .filter(|u| hub_of[*u] != self.units[*u].home)
            .map(|u| (u, hub_of[u]))
            .collect()
    }

    /// New hubs with members in `state`.
    pub fn opened(&self, state: &State) -> usize {
        (self.first_new..self.hubs.len())
            .filter(|h| self.hubs[*h].new.is_some() && !state.members[*h].is_empty())
            .count()
    }

    /// Every hub meets its band and spread in `state`.
    pub fn all_in_line(&self, state: &State) -> bool {
        (0..self.hubs.len()).all(|hub| self.violation(state, hub).is_none())
    }

    /// Non-empty hubs that meet their band and spread.
    pub fn in_band(&self, state: &State) -> usize {
        (0..self.hubs.len())
            .filter(|h| !state.members[*h].is_empty() && self.violation(state, *h).is_none())
            .count()
    }

    pub fn total_spread(&self, state: &State) -> f64 {
        state.members.iter().map(|m| self.spread(m)).sum()
    }
}

/// The hubs that may open: fresh ids and codes (`NEW1`, `NEW2`, … that no hub has), the
/// default band, the spread limit itself (no spread today), no centre yet.
fn new_hubs(scenario: &Scenario, options: &Options) -> Vec<HubSpec> {
    new_hub_specs(scenario, options.max_spread_km, options.new_hubs)
}

/// `count` hubs that may open: fresh ids and codes, the default band, the spread limit
/// `max_spread_km` itself, no centre yet.
pub fn new_hub_specs(
    scenario: &Scenario,
    max_spread_km: Option<f64>,
    count: usize,
) -> Vec<HubSpec> {
    let first_id = scenario.next_hub_id().0;
    let colour = scenario.least_used_colour(crate::model::palette::HUB_PALETTE_LEN);
    let mut codes = (1..)
        .map(|n| format!("NEW{n}"))
        .filter(|c| scenario.hub_by_code(c).is_none());
    (0..count)
        .map(|j| {
            let code = codes.next().unwrap_or_default();
            HubSpec {
                id: HubId(first_id + j as u32),
                code: code.clone(),
                min: BAND_MIN_PATIENTS.0,
                max: BAND_MAX_PATIENTS.0,
                ceiling: BAND_MAX_PATIENTS.0,
                allowed_spread: max_spread_km.map(|limit| limit + 1e-6),
                closed: false,
                centre_today: None,
                new: Some(crate::model::hub::Hub {
                    name: format!("New hub {code}"),
                    code,
                    colour: (colour + j as u16) % crate::model::palette::HUB_PALETTE_LEN,
                }),
            }
        })
        .collect()
}

fn whole(hundredths: i64) -> String {
    format_patients_whole(Patients(hundredths))
}

fn code_of(scenario: &Scenario, practice: PracticeId) -> String {
    scenario
        .region()
        .practice(practice)
        .map_or_else(|| format!("#{}", practice.0), |p| p.code.clone())
}

fn codes_of(scenario: &Scenario, practices: &[PracticeId]) -> String {
    practices
        .iter()
        .map(|p| code_of(scenario, *p))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A hand-made problem for unit tests: units of `(thousands of patients, location, home hub)`
/// (one practice each, codes `P0`, `P1`, …), `hubs` hubs `H0`, `H1`, … of 30,000–50,000 with the
/// spread limit `allowed_spread`.
#[cfg(test)]
pub fn hand_made(
    units: &[(i64, Option<LatLon>, usize)],
    hubs: usize,
    allowed_spread: Option<f64>,
) -> Problem {
    Problem {
        units: units
            .iter()
            .enumerate()
            .map(|(i, (thousands, at, home))| Unit {
                practices: vec![PracticeId(i as u32)],
                codes: vec![format!("P{i}")],
                patients: thousands * 100_000,
                points: at
                    .iter()
                    .map(|point| (*point, *thousands as f64 * 1_000.0))
                    .collect(),
                cos_lats: at
                    .iter()
                    .map(|point| point.lat.to_radians().cos())
                    .collect(),
                vectors: at
                    .iter()
                    .map(|point| crate::model::geo::unit_vector(*point))
                    .collect(),
                home: *home,
                movable: true,
            })
            .collect(),
        hubs: (0..hubs)
            .map(|h| HubSpec {
                id: HubId(h as u32),
                code: format!("H{h}"),
                min: BAND_MIN_PATIENTS.0,
                max: BAND_MAX_PATIENTS.0,
                ceiling: BAND_MAX_PATIENTS.0,
                allowed_spread,
                closed: false,
                centre_today: None,
                new: None,
            })
            .collect(),
        pool: None,
        first_new: hubs,
    }
}
