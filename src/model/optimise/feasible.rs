//! Whether any final arrangement meets every hub's band and spread, whatever the number of
//! practices moved: a depth-first search over final assignments of units to hubs.
//!
//! For feasibility alone a hub is its band and its allowed spread, so empty hubs alike are
//! interchangeable (only one of them is tried for a unit). Units are placed in order along the
//! region's longer side (the hubs behind become final soon) or, in restarts that alternate with
//! it, the unit with the fewest possible hubs first; a failure of what is left to decide is
//! remembered across them. A unit may join a hub only if it lies within twice the hub's allowed
//! spread of every member (each member is within the spread of the hub's centre), the hub stays
//! within its band's top, and the members with the units that could still join can reach its
//! band's bottom, and its list-weighted centre can still move near enough to every member (by
//! at most the joining weight's share of the way to the candidates). The patients left must fill every started hub to its bottom and fit in what
//! the hubs can still hold. A hub no unit can join any more is final and checked exactly
//! ([`Problem::violation`]). So "infeasible" is a proof: every pruning is a relaxation.

// Hubs and units are indices into several parallel tables here.
#![allow(clippy::needless_range_loop)]

use super::bound::Apart;
use super::problem::{Problem, State};
use crate::model::quantity::{Patients, format_patients_whole};
use std::collections::HashSet;

/// The answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Feasibility {
    /// A hub index for every unit (`problem.units` order) with every hub in line.
    Feasible(Vec<usize>),
    /// No arrangement exists; the sentence names what binds.
    Infeasible(String),
    /// The search stopped before it could tell.
    Unknown,
}

/// The answer and the search nodes visited.
#[derive(Debug, Clone, PartialEq)]
pub struct FeasibleOutcome {
    pub answer: Feasibility,
    pub nodes: u64,
}

const NONE: usize = usize::MAX;

/// Decides whether every hub of `problem` can be in line at once (its band, or one practice
/// alone above it, and its allowed spread), by any number of moves. Locked units stay home, a
/// closed hub keeps exactly its own units, the exact search's pool (if any) is never used.
/// `should_stop` is polled every 256 nodes; when it says yes the answer is
/// [`Feasibility::Unknown`].
pub fn feasibility(problem: &Problem, should_stop: &dyn Fn() -> bool) -> FeasibleOutcome {
    let mut search = Search::new(problem, None, should_stop);
    let answer = search.run();
    FeasibleOutcome {
        answer,
        nodes: search.nodes,
    }
}

/// The most an arrangement may move from today: practices, and patients (hundredths).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub practices: usize,
    pub patients: i64,
}

/// As [`feasibility`], among the arrangements that move no more than `budget` from today.
/// [`Feasibility::Infeasible`] then proves that putting every hub in line needs more (its
/// sentence is not meant for the user).
pub fn within_budget(
    problem: &Problem,
    budget: Budget,
    should_stop: &dyn Fn() -> bool,
) -> FeasibleOutcome {
    let mut search = Search::new(problem, Some(budget), should_stop);
    let answer = search.run();
    FeasibleOutcome {
        answer,
        nodes: search.nodes,
    }
}

/// What [`every_within_budget`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum Listing {
    /// Every arrangement (a hub index for every unit, as [`Feasibility::Feasible`]).
    Complete(Vec<Vec<usize>>),
    /// There are more than the most asked for.
    TooMany,
    /// `should_stop` said stop first.
    Stopped,
}

/// Every arrangement that moves no more than `budget` from today, if there are at most `most`,
/// with the nodes visited.
pub fn every_within_budget(
    problem: &Problem,
    budget: Budget,
    most: usize,
    should_stop: &dyn Fn() -> bool,
) -> (Listing, u64) {
    let mut search = Search::new(problem, Some(budget), should_stop);
    search.collected = Some(Vec::new());
    search.collect_most = most;
    let answer = search.run();
    let collected = search.collected.take().unwrap_or_default();
    let listing = match answer {
        Feasibility::Unknown if collected.len() >= most => Listing::TooMany,
        Feasibility::Unknown => Listing::Stopped,
        _ => Listing::Complete(collected),
    };
    (listing, search.nodes)
}

/// A set of units, one bit each.
type Bits = Vec<u64>;

fn has(bits: &[u64], i: usize) -> bool {
    bits[i / 64] >> (i % 64) & 1 == 1
}

fn set(bits: &mut [u64], i: usize, on: bool) {
    if on {
        bits[i / 64] |= 1 << (i % 64);
    } else {
        bits[i / 64] &= !(1 << (i % 64));
    }
}

fn ones(bits: &[u64]) -> impl Iterator<Item = usize> + '_ {
    bits.iter().enumerate().flat_map(|(w, word)| {
        let mut word = *word;
        std::iter::from_fn(move || {
            (word != 0).then(|| {
                let bit = word.trailing_zeros() as usize;
                word &= word - 1;
                w * 64 + bit
            })
        })
    })
}

/// Why a branch failed, kept from the first level (for the sentence).
#[derive(Debug, Clone)]
enum Failure {
    /// This unit can be in no hub.
    Homeless(usize),
    /// This started hub cannot reach its band's bottom.
    Short(usize),
    /// This hub is final and out of line.
    OutOfLine(usize),
    /// The patients left cannot fill the started hubs, or do not fit.
    Totals,
    /// This many units too far apart to share a hub need more hubs than there are, or more
    /// patients than there are to fill them.
    Apart(usize),
    /// The units that cannot stay home need more moves than the budget.
    Budget,
}

struct Search<'a> {
    problem: &'a Problem,
    should_stop: &'a dyn Fn() -> bool,
    units: usize,
    hubs: usize,
    /// May unit `u` end in hub `h`: `allowed[h]` has bit `u`.
    allowed: Vec<Bits>,
    /// Interchangeable hubs share a class (`NONE`: never used).
    class_of: Vec<usize>,
    classes: usize,
    /// Radius index of each hub (`radii[r]`), and `near[r * units + u]`: the units that may
    /// share a hub of that radius with `u` (itself included).
    radius_of: Vec<usize>,
    near: Vec<Bits>,
    /// The least band top of any usable hub (what a unit above it uses at least).
    least_max: i64,
    state: State,
    /// Per hub, the units compatible with every member and allowed there.
    fit: Vec<Bits>,
    free: Bits,
    nodes: u64,
    stopped: bool,
    /// Why each branch at the root failed (the first failure below it).
    failure: Option<Failure>,
    /// What is left to decide, where it failed.
    failed: HashSet<Bits>,
    /// Whether a unit's possible hubs are tested for their centre too (the restarts
    /// alternate: the test prunes more but costs more and changes the order).
    centre_check: bool,
    /// The node count at which this run stops (then one with another order starts).
    run_limit: u64,
    /// Place units in order along the region's longer side (hubs behind are then final
    /// soon), not the one with the fewest hubs first.
    sweep: bool,
    sweep_rank: Vec<usize>,
    /// The unit the search branched on first.
    root_unit: Option<usize>,
    /// The most the arrangement may move, if limited, and what the units placed away from
    /// home move (practices, patients).
    budget: Option<Budget>,
    spent: (usize, i64),
    /// Every arrangement found is kept here and the search goes on, when collecting
    /// ([`every_within_budget`]); at most `collect_most`.
    collected: Option<Vec<Vec<usize>>>,
    collect_most: usize,
    /// Each unit's [`Spot`].
    spots: Vec<Spot>,
    /// Hubs whose `state.spreads` entry is out of date (it is brought up to date only when
    /// a hub is checked: most placements are undone before).
    stale: Vec<bool>,
}

/// What must still move away from home at least, besides the units that cannot stay home
/// (see `Search::still_to_move`).
#[derive(Debug, Default)]
struct StillToMove {
    /// Units that may stay home but some of which must leave, and their patients.
    leaving: usize,
    leaving_patients: i64,
    /// Started hubs that must take a unit from elsewhere, and the patients they lack.
    joining: usize,
    joining_patients: i64,
}

/// A unit's points summed for the centre test: their weighted latitudes and longitudes and
/// weight, the weight above its patients (a weight is patients / 100, or 1 at least), and the
/// box around them (lowest, highest).
#[derive(Debug, Clone, Copy)]
struct Spot {
    lat_weight: f64,
    lon_weight: f64,
    weight: f64,
    extra: f64,
    lat: (f64, f64),
    lon: (f64, f64),
}

impl Spot {
    fn of(unit: &super::problem::Unit) -> Self {
        let mut spot = Spot {
            lat_weight: 0.0,
            lon_weight: 0.0,
            weight: 0.0,
            extra: 0.0,
            lat: (f64::INFINITY, f64::NEG_INFINITY),
            lon: (f64::INFINITY, f64::NEG_INFINITY),
        };
        for (point, w) in &unit.points {
            spot.lat_weight += point.lat * w;
            spot.lon_weight += point.lon * w;
            spot.weight += w;
            spot.lat = (spot.lat.0.min(point.lat), spot.lat.1.max(point.lat));
            spot.lon = (spot.lon.0.min(point.lon), spot.lon.1.max(point.lon));
        }
        spot.extra = (spot.weight - unit.patients as f64 / 100.0).max(0.0);
        spot
    }
}

/// At most this many failures are remembered.
const MAX_REMEMBERED: usize = 4_000_000;

impl<'a> Search<'a> {
    fn new(
        problem: &'a Problem,
        budget: Option<Budget>,
        should_stop: &'a dyn Fn() -> bool,
    ) -> Self {
        let units = problem.units.len();
        let hubs = problem.hubs.len();
        let words = units.div_ceil(64).max(1);
        let apart = Apart::new(problem);
        let mut allowed = vec![vec![0u64; words]; hubs];
        for (h, bits) in allowed.iter_mut().enumerate() {
            if Some(h) == problem.pool {
                continue;
            }
            for (u, unit) in problem.units.iter().enumerate() {
                let may = if problem.hubs[h].closed {
                    unit.home == h
                } else {
                    unit.movable || unit.home == h
                };
                set(bits, u, may);
            }
        }
        // Classes: open hubs alike in band and spread; a closed hub is its own.
        let mut keys: Vec<(i64, i64, Option<u64>)> = Vec::new();
        let mut class_of = vec![NONE; hubs];
        let mut classes = 0;
        for h in 0..hubs {
            if Some(h) == problem.pool {
                continue;
            }
            let spec = &problem.hubs[h];
            // With a budget a hub's own units stay home for free: no two hubs are alike.
            if spec.closed || budget.is_some() {
                class_of[h] = classes;
                classes += 1;
                keys.push((i64::MIN, i64::MIN, None));
                continue;
            }
            let key = (spec.min, spec.max, spec.allowed_spread.map(f64::to_bits));
            class_of[h] = match keys.iter().position(|k| *k == key) {
                Some(c) => c,
                None => {
                    keys.push(key);
                    classes += 1;
                    classes - 1
                }
            };
        }
        let mut radii: Vec<Option<u64>> = Vec::new();
        let mut radius_of = vec![0; hubs];
        for h in 0..hubs {
            let key = problem.hubs[h].allowed_spread.map(f64::to_bits);
            radius_of[h] = match radii.iter().position(|r| *r == key) {
                Some(r) => r,
                None => {
                    radii.push(key);
                    radii.len() - 1
                }
            };
        }
        let mut near = vec![vec![0u64; words]; radii.len() * units];
        for (r, radius) in radii.iter().enumerate() {
            for a in 0..units {
                for b in 0..units {
                    let together = a == b
                        || radius
                            .is_none_or(|bits| apart.km(a, b) <= 2.0 * f64::from_bits(bits) + 1e-6);
                    set(&mut near[r * units + a], b, together);
                }
            }
        }
        let least_max = (0..hubs)
            .filter(|h| class_of[*h] != NONE)
            .map(|h| problem.hubs[h].max)
            .min()
            .unwrap_or(0);
        let mut free = vec![0u64; words];
        for u in 0..units {
            set(&mut free, u, true);
        }
        let state = State {
            hub_of: vec![NONE; units],
            members: vec![Vec::new(); hubs],
            sums: vec![0; hubs],
            moved: vec![false; units],
            spreads: vec![0.0; hubs],
        };
        let fit = allowed.clone();
        Self {
            problem,
            should_stop,
            units,
            hubs,
            allowed,
            class_of,
            classes,
            radius_of,
            near,
            least_max,
            state,
            fit,
            free,
            nodes: 0,
            stopped: false,
            failure: None,
            failed: HashSet::new(),
            centre_check: true,
            run_limit: u64::MAX,
            root_unit: None,
            sweep: true,
            sweep_rank: sweep_rank(problem),
            budget,
            spent: (0, 0),
            stale: vec![false; hubs],
            collected: None,
            collect_most: 0,
            spots: problem.units.iter().map(Spot::of).collect(),
        }
    }

    /// May unit `u` still move away from home within the budget?
    fn affordable(&self, unit: usize) -> bool {
        let spec = &self.problem.units[unit];
        self.budget.is_none_or(|budget| {
            self.spent.0 + spec.practices.len() <= budget.practices
                && self.spent.1 + spec.patients <= budget.patients
        })
    }

    /// Adds (`sign` 1) or takes back (-1) the cost of unit `unit` in hub `hub`.
    fn spend(&mut self, unit: usize, hub: usize, sign: i64) {
        let spec = &self.problem.units[unit];
        if self.budget.is_some() && spec.home != hub {
            let practices = spec.practices.len();
            if sign > 0 {
                self.spent.0 += practices;
            } else {
                self.spent.0 -= practices;
            }
            self.spent.1 += sign * spec.patients;
        }
    }

    fn near(&self, hub: usize, unit: usize) -> &[u64] {
        &self.near[self.radius_of[hub] * self.units + unit]
    }

    fn place(&mut self, unit: usize, hub: usize) -> Bits {
        let saved = self.fit[hub].clone();
        self.spend(unit, hub, 1);
        self.state.hub_of[unit] = hub;
        self.state.members[hub].push(unit);
        self.state.sums[hub] += self.problem.units[unit].patients;
        self.stale[hub] = true;
        set(&mut self.free, unit, false);
        let near = self.near[self.radius_of[hub] * self.units + unit].clone();
        for (f, n) in self.fit[hub].iter_mut().zip(&near) {
            *f &= n;
        }
        saved
    }

    fn unplace(&mut self, unit: usize, hub: usize, saved: Bits) {
        self.spend(unit, hub, -1);
        self.state.hub_of[unit] = NONE;
        self.state.members[hub].pop();
        self.state.sums[hub] -= self.problem.units[unit].patients;
        self.stale[hub] = true;
        set(&mut self.free, unit, true);
        self.fit[hub] = saved;
    }

    /// Whether `hub` is out of line ([`Problem::violation`]), its spread brought up to date
    /// first.
    fn out_of_line(&mut self, hub: usize) -> bool {
        if std::mem::take(&mut self.stale[hub]) {
            self.state.spreads[hub] = if self.problem.hubs[hub].allowed_spread.is_some() {
                self.problem.spread(&self.state.members[hub])
            } else {
                0.0
            };
        }
        self.problem.violation(&self.state, hub).is_some()
    }

    fn patients(&self, bits: &[u64], room: i64, except: usize) -> i64 {
        ones(bits)
            .filter(|u| *u != except)
            .map(|u| self.problem.units[u].patients)
            .filter(|p| *p <= room)
            .sum()
    }

    fn run(&mut self) -> Feasibility {
        // Locked units stay home.
        for u in 0..self.units {
            let unit = &self.problem.units[u];
            if !unit.movable || self.problem.hubs[unit.home].closed {
                if !has(&self.allowed[unit.home], u) {
                    return Feasibility::Infeasible(format!(
                        "{} may not stay in its own hub",
                        self.describe(u)
                    ));
                }
                self.place(u, unit.home);
            }
        }
        // Runs of growing length in three orders in turn (along the region with the centre
        // test, fewest hubs first with and without it); what failed stays remembered (it is
        // true whatever the order).
        for run in 0u32.. {
            // With a budget, one run, the unit with the fewest hubs first with the centre
            // test: it refutes a count in far fewer nodes than the other orders (North
            // Cumbria at 15 km, 6 moves: 13,123 nodes, 81,127 along the region).
            let budgeted = self.budget.is_some();
            self.sweep = !budgeted && run % 3 == 0;
            self.centre_check = budgeted || run % 3 != 2;
            self.run_limit = if budgeted {
                u64::MAX
            } else {
                self.nodes
                    .saturating_add(4_000u64.saturating_mul(1u64 << (run / 3).min(40)))
            };
            self.failure = None;
            match self.dfs(0) {
                Some(true) => return Feasibility::Feasible(self.state.hub_of.clone()),
                Some(false) => return Feasibility::Infeasible(self.reason()),
                None if self.stopped => return Feasibility::Unknown,
                None => {}
            }
        }
        Feasibility::Unknown
    }

    /// `Some(true)`: found (the state holds it); `Some(false)`: none below; `None`: stopped.
    fn dfs(&mut self, depth: usize) -> Option<bool> {
        self.nodes += 1;
        if self.nodes.is_multiple_of(256) && (self.should_stop)() {
            self.stopped = true;
        }
        if self.stopped || self.nodes >= self.run_limit {
            return None;
        }
        let fail = |search: &mut Self, why: Failure| {
            if depth == 0 {
                search.failure = Some(why);
            }
            Some(false)
        };
        let problem = self.problem;
        // Totals: what is left must fill the started hubs and fit in what remains.
        let mut left = 0i64;
        let mut demand = 0i64;
        for u in ones(&self.free) {
            let p = problem.units[u].patients;
            left += p;
            demand += p.min(self.least_max);
        }
        let mut deficit = 0i64;
        let mut room = 0i64;
        for h in 0..self.hubs {
            if self.class_of[h] == NONE {
                continue;
            }
            let spec = &problem.hubs[h];
            let sum = self.state.sums[h];
            if self.state.members[h].is_empty() {
                room += spec.max;
            } else {
                deficit += (spec.min - sum).max(0);
                room += (spec.max - sum).max(0);
            }
        }
        if deficit > left || demand > room {
            return fail(self, Failure::Totals);
        }
        if left == 0 && ones(&self.free).next().is_none() {
            for h in 0..self.hubs {
                if self.out_of_line(h) {
                    return fail(self, Failure::OutOfLine(h));
                }
            }
            if let Some(collected) = &mut self.collected {
                if collected.len() >= self.collect_most {
                    self.stopped = true;
                    return None;
                }
                collected.push(self.state.hub_of.clone());
                return Some(false);
            }
            return Some(true);
        }
        // Each started hub must still be able to reach its bottom.
        for h in 0..self.hubs {
            if self.state.members[h].is_empty() {
                continue;
            }
            let spec = &problem.hubs[h];
            let sum = self.state.sums[h];
            let mut cand = self.fit[h].clone();
            for (c, f) in cand.iter_mut().zip(&self.free) {
                *c &= f;
            }
            if sum < spec.min && sum + self.patients(&cand, spec.max - sum, NONE) < spec.min {
                return fail(self, Failure::Short(h));
            }
            if self.centre_too_far(h, None, &cand) {
                return fail(self, Failure::OutOfLine(h));
            }
        }
        if let Some(needed) = self.too_many_new_hubs(left - deficit) {
            return fail(self, Failure::Apart(needed));
        }
        // Each free unit's possible hubs (one empty hub per class).
        let mut reach = vec![0i64; self.hubs];
        let mut joinable = vec![0usize; self.hubs];
        let mut best: Option<(usize, Vec<usize>)> = None;
        let free: Vec<usize> = ones(&self.free).collect();
        let mut empty_of = vec![NONE; self.classes];
        for h in (0..self.hubs).rev() {
            if self.class_of[h] != NONE && self.state.members[h].is_empty() {
                empty_of[self.class_of[h]] = h;
            }
        }
        // What the units that cannot stay home move at least, and per hub its own units that
        // may.
        let mut forced = (0usize, 0i64);
        let mut may_stay: Vec<Vec<usize>> =
            vec![Vec::new(); if self.budget.is_some() { self.hubs } else { 0 }];
        for &u in &free {
            let unit = &problem.units[u];
            let p = unit.patients;
            let mut options = Vec::new();
            let affordable = self.affordable(u);
            for h in 0..self.hubs {
                if self.class_of[h] == NONE || !has(&self.fit[h], u) {
                    continue;
                }
                if h != unit.home && !affordable {
                    continue;
                }
                let spec = &problem.hubs[h];
                let sum = self.state.sums[h];
                let empty = self.state.members[h].is_empty();
                if empty {
                    // One empty hub per class: its home if empty, else the first.
                    let class = self.class_of[h];
                    let home = unit.home;
                    let rep = if self.class_of[home] == class && self.state.members[home].is_empty()
                    {
                        home
                    } else {
                        empty_of[class]
                    };
                    if rep != h {
                        continue;
                    }
                    let alone = unit.practices.len() == 1;
                    if p > spec.max && !alone {
                        continue;
                    }
                } else if sum + p > spec.max {
                    continue;
                }
                if sum + p < spec.min {
                    let mut cand = self.fit[h].clone();
                    for ((c, f), n) in cand.iter_mut().zip(&self.free).zip(self.near(h, u)) {
                        *c &= f & n;
                    }
                    if sum + p + self.patients(&cand, spec.max - sum - p, u) < spec.min {
                        continue;
                    }
                }
                if !empty && self.centre_check {
                    let mut cand = self.fit[h].clone();
                    for ((c, f), n) in cand.iter_mut().zip(&self.free).zip(self.near(h, u)) {
                        *c &= f & n;
                    }
                    if self.centre_too_far(h, Some(u), &cand) {
                        continue;
                    }
                }
                if !empty {
                    reach[h] += p;
                    joinable[h] += 1;
                }
                options.push(h);
            }
            if options.is_empty() {
                return fail(self, Failure::Homeless(u));
            }
            if self.budget.is_some() {
                if options.contains(&unit.home) {
                    may_stay[unit.home].push(u);
                } else {
                    forced.0 += unit.practices.len();
                    forced.1 += p;
                }
            }
            let better = match &best {
                None => true,
                Some((b, o)) if self.sweep => {
                    (options.len() > 1, self.sweep_rank[u]) < (o.len() > 1, self.sweep_rank[*b])
                }
                Some((b, o)) => {
                    options.len() < o.len()
                        || (options.len() == o.len() && p > problem.units[*b].patients)
                }
            };
            if better {
                best = Some((u, options));
            }
        }
        if let Some(budget) = self.budget {
            let still = self.still_to_move(&may_stay);
            let practices = (forced.0 + still.leaving).max(still.joining);
            let patients = (forced.1 + still.leaving_patients).max(still.joining_patients);
            if self.spent.0 + practices > budget.practices
                || self.spent.1 + patients > budget.patients
            {
                return fail(self, Failure::Budget);
            }
        }
        for h in 0..self.hubs {
            if self.state.members[h].is_empty() {
                continue;
            }
            let spec = &problem.hubs[h];
            let sum = self.state.sums[h];
            if sum < spec.min && sum + reach[h] < spec.min {
                return fail(self, Failure::Short(h));
            }
            // No unit can join any more: the hub is final.
            if joinable[h] == 0 && self.out_of_line(h) {
                return fail(self, Failure::OutOfLine(h));
            }
        }
        let Some((unit, mut options)) = best else {
            return Some(false);
        };
        // What is left to decide: the free units, the started hubs some of them may still
        // join, and how many hubs of each class are empty. Whether it can be done depends on
        // nothing else (a hub no free unit may join is final and in line), so a failure is
        // remembered and not searched again.
        let mut key = self.free.clone();
        let mut started: Vec<(usize, Bits)> = Vec::new();
        for h in 0..self.hubs {
            if joinable[h] > 0 {
                // Its members, then the free units it may still take.
                let mut bits = vec![0u64; self.free.len()];
                for u in &self.state.members[h] {
                    set(&mut bits, *u, true);
                }
                bits.extend(self.fit[h].iter().zip(&self.free).map(|(f, r)| f & r));
                started.push((self.class_of[h], bits));
            }
        }
        started.sort();
        for (class, bits) in started {
            key.push(class as u64);
            key.extend(bits);
        }
        let mut empties = vec![0u64; self.classes];
        for h in 0..self.hubs {
            if self.class_of[h] != NONE && self.state.members[h].is_empty() {
                empties[self.class_of[h]] += 1;
            }
        }
        key.push(u64::MAX);
        key.extend(empties);
        if let Some(budget) = self.budget {
            // What is left of the budget decides too.
            key.push((budget.practices - self.spent.0) as u64);
            key.push((budget.patients - self.spent.1) as u64);
        }
        if self.failed.contains(&key) {
            return Some(false);
        }
        if depth == 0 {
            self.root_unit = Some(unit);
        }
        // Its home first, then started hubs, then empty ones.
        let home = problem.units[unit].home;
        options.sort_by_key(|h| (*h != home, self.state.members[*h].is_empty(), *h));
        let collected_before = self.collected.as_ref().map_or(0, Vec::len);
        for h in options {
            let saved = self.place(unit, h);
            let found = self.dfs(depth + 1);
            if found == Some(true) {
                return found;
            }
            self.unplace(unit, h, saved);
            found?;
        }
        // (What holds arrangements collected is no failure.)
        if self.failed.len() < MAX_REMEMBERED
            && self.collected.as_ref().map_or(0, Vec::len) == collected_before
        {
            self.failed.insert(key);
        }
        Some(false)
    }

    /// With a budget: of the units that may stay home (`may_stay`, per home hub), how many must
    /// leave at least (a hub above its band even without the units that cannot stay sheds
    /// its largest first), and how many hubs must still take a unit from elsewhere (a started
    /// hub below its band even with every unit of its own that may stay). Each is a lower bound
    /// on the units still to move away from home: the first disjoint from the units that cannot
    /// stay, the second one distinct unit per hub.
    fn still_to_move(&self, may_stay: &[Vec<usize>]) -> StillToMove {
        let problem = self.problem;
        let mut still = StillToMove::default();
        for h in 0..self.hubs {
            if self.class_of[h] == NONE {
                continue;
            }
            let spec = &problem.hubs[h];
            let placed = self.state.sums[h];
            let own = &may_stay[h];
            let total: i64 = placed + own.iter().map(|u| problem.units[*u].patients).sum::<i64>();
            if total < spec.min && !self.state.members[h].is_empty() {
                still.joining += 1;
                still.joining_patients += spec.min - total;
            }
            if total <= spec.max || own.is_empty() {
                continue;
            }
            let excess = total - spec.max;
            let mut sizes: Vec<i64> = own.iter().map(|u| problem.units[*u].patients).collect();
            let needed = super::bound::largest_covering(&mut sizes, excess).unwrap_or(own.len());
            // A practice alone may be above the band: all but one leave.
            let largest_alone = own
                .iter()
                .filter(|u| problem.units[**u].practices.len() == 1)
                .map(|u| problem.units[*u].patients)
                .max();
            let (alone, alone_patients) = match (self.state.members[h].as_slice(), largest_alone) {
                ([], Some(largest)) => (own.len() - 1, total - largest),
                ([one], _) if problem.units[*one].practices.len() == 1 => {
                    (own.len(), total - placed)
                }
                _ => (needed, excess),
            };
            still.leaving += needed.min(alone);
            still.leaving_patients += excess.min(alone_patients);
        }
        still
    }

    /// Can the hub's centre still move near enough to every member? The final centre is
    /// `c = (1 - t) c_M + t q`: `c_M` the members' list-weighted centre, `q` the weighted
    /// mean of the units that join (inside the box of the candidates' points), `t` their share
    /// of the weight, at most what the room left under the band's top allows. The centre
    /// moves at most `t` times the longest lat/lon path to a corner of that box (a path no
    /// shorter than the great circle), so a member further than that plus the allowed spread
    /// from `c_M` stays too far.
    fn centre_too_far(&self, hub: usize, joining: Option<usize>, cand: &[u64]) -> bool {
        let Some(limit) = self.problem.hubs[hub].allowed_spread else {
            return false;
        };
        let members = &self.state.members[hub];
        let members = || members.iter().copied().chain(joining);
        let (mut lat, mut lon, mut weight) = (0.0, 0.0, 0.0);
        for unit in members() {
            let spot = &self.spots[unit];
            lat += spot.lat_weight;
            lon += spot.lon_weight;
            weight += spot.weight;
        }
        if weight <= 0.0 {
            return false;
        }
        let centre = crate::model::practice::LatLon {
            lat: lat / weight,
            lon: lon / weight,
        };
        // The weight that may join: the patient room (a weight is patients / 100, or 1 at
        // least) and what the candidates have.
        let taken = self.state.sums[hub] + joining.map_or(0, |u| self.problem.units[u].patients);
        let room = (self.problem.hubs[hub].max - taken).max(0) as f64 / 100.0;
        let (mut joinable, mut extra) = (0.0f64, 0.0f64);
        let (mut lat_lo, mut lat_hi, mut lon_lo, mut lon_hi) =
            (centre.lat, centre.lat, centre.lon, centre.lon);
        for unit in ones(cand).filter(|u| Some(*u) != joining) {
            let spot = &self.spots[unit];
            if spot.weight <= 0.0 {
                continue;
            }
            joinable += spot.weight;
            extra += spot.extra;
            lat_lo = lat_lo.min(spot.lat.0);
            lat_hi = lat_hi.max(spot.lat.1);
            lon_lo = lon_lo.min(spot.lon.0);
            lon_hi = lon_hi.max(spot.lon.1);
        }
        let added = joinable.min(room + extra);
        let share = added / (weight + added);
        let cos = if lat_lo <= 0.0 && lat_hi >= 0.0 {
            1.0
        } else {
            lat_lo.abs().min(lat_hi.abs()).to_radians().cos()
        };
        let d_lat = (centre.lat - lat_lo).max(lat_hi - centre.lat).to_radians();
        let d_lon = (centre.lon - lon_lo).max(lon_hi - centre.lon).to_radians() * cos;
        let shift = share * 6_371.0 * (d_lat * d_lat + d_lon * d_lon).sqrt();
        // (The test without trigonometry errs by far less than the slack: still a relaxation.)
        let slack = shift * (1.0 + 1e-6) + 1e-6;
        let centre = crate::model::geo::unit_vector(centre);
        let squared_chord = crate::model::geo::squared_chord_of_km(limit + slack);
        members()
            .flat_map(|unit| self.problem.units[unit].vectors.iter())
            .any(|point| crate::model::geo::further_than_km(centre, *point, squared_chord))
    }

    /// Units that no started hub can take open hubs of their own; those that could never
    /// share one (too far apart for the widest empty hub) each need one. Each new hub holds
    /// at least the smallest band's bottom, of the patients the started hubs do not need.
    fn too_many_new_hubs(&self, spare: i64) -> Option<usize> {
        let problem = self.problem;
        let empty: Vec<usize> = (0..self.hubs)
            .filter(|h| self.class_of[*h] != NONE && self.state.members[*h].is_empty())
            .collect();
        let widest = empty.iter().copied().max_by(|a, b| {
            let r = |h: usize| problem.hubs[h].allowed_spread.unwrap_or(f64::INFINITY);
            r(*a).total_cmp(&r(*b))
        })?;
        let least_min = empty
            .iter()
            .map(|h| problem.hubs[*h].min)
            .min()
            .unwrap_or(0);
        let mut blocked = vec![0u64; self.free.len()];
        let mut needed = 0i64;
        for u in ones(&self.free) {
            if has(&blocked, u) {
                continue;
            }
            let p = problem.units[u].patients;
            let started = (0..self.hubs).any(|h| {
                !self.state.members[h].is_empty()
                    && has(&self.fit[h], u)
                    && self.state.sums[h] + p <= problem.hubs[h].max
            });
            if started {
                continue;
            }
            needed += 1;
            for (b, n) in blocked.iter_mut().zip(self.near(widest, u)) {
                *b |= n;
            }
        }
        (needed > empty.len() as i64 || needed * least_min > spare).then_some(needed as usize)
    }

    fn describe(&self, unit: usize) -> String {
        let spec = &self.problem.units[unit];
        let what = if spec.practices.len() == 1 {
            format!("practice {}", spec.codes.join(""))
        } else {
            format!("the group {}", spec.codes.join(", "))
        };
        format!(
            "{what} ({} patients, in hub {} today)",
            whole(spec.patients),
            self.problem.hubs[spec.home].code
        )
    }

    fn reason(&self) -> String {
        match &self.failure {
            Some(Failure::Homeless(u)) => format!(
                "{} can be in no hub: no hub within its band and spread can hold it",
                self.describe(*u)
            ),
            Some(Failure::Short(h)) => format!(
                "hub {} cannot reach its band's bottom of {}",
                self.problem.hubs[*h].code,
                whole(self.problem.hubs[*h].min)
            ),
            Some(Failure::OutOfLine(h)) => {
                format!("hub {} cannot be put in line", self.problem.hubs[*h].code)
            }
            Some(Failure::Budget) => {
                "the practices that cannot stay in their hubs are more than the moves allowed"
                    .to_string()
            }
            Some(Failure::Apart(needed)) => {
                let patients: i64 = self.problem.units.iter().map(|u| u.patients).sum();
                let least = (0..self.hubs)
                    .filter(|h| self.class_of[*h] != NONE)
                    .map(|h| self.problem.hubs[h].min)
                    .min()
                    .unwrap_or(0);
                format!(
                    "{needed} practices lie too far apart to share a hub (more than twice the widest allowed spread), so they need {needed} hubs of at least {} patients each ({} in all) from {} patients and {} hubs",
                    whole(least),
                    whole(least * *needed as i64),
                    whole(patients),
                    (0..self.hubs).filter(|h| self.class_of[*h] != NONE).count()
                )
            }
            Some(Failure::Totals) => {
                let patients: i64 = self.problem.units.iter().map(|u| u.patients).sum();
                let usable: Vec<usize> = (0..self.hubs)
                    .filter(|h| self.class_of[*h] != NONE)
                    .collect();
                let room: i64 = usable.iter().map(|h| self.problem.hubs[*h].max).sum();
                // A practice above the band may be a hub alone: it fills one hub's top.
                let demand: i64 = self
                    .problem
                    .units
                    .iter()
                    .map(|u| u.patients.min(self.least_max))
                    .sum();
                if demand > room && demand == patients {
                    format!(
                        "{} patients, but the {} hubs hold at most {} within their bands",
                        whole(patients),
                        usable.len(),
                        whole(room)
                    )
                } else if demand > room {
                    format!(
                        "{} patients ({} with each practice above {} counted at {}, as a hub of its own), but the {} hubs hold at most {} within their bands",
                        whole(patients),
                        whole(demand),
                        whole(self.least_max),
                        whole(self.least_max),
                        usable.len(),
                        whole(room)
                    )
                } else {
                    format!(
                        "{} patients cannot fill the {} hubs to their bands' bottoms with the hubs that may be emptied",
                        whole(patients),
                        usable.len()
                    )
                }
            }
            None => {
                let patients: i64 = self.problem.units.iter().map(|u| u.patients).sum();
                let start = match self.root_unit {
                    Some(u) => format!("{} fits in none of the hubs it may join", self.describe(u)),
                    None => "no hub can be put in line".to_string(),
                };
                format!(
                    "{start}: no arrangement of the {} units ({} patients) in the {} hubs keeps every hub within its band and spread ({} cases searched)",
                    self.units,
                    whole(patients),
                    self.hubs,
                    self.nodes
                )
            }
        }
    }
}

/// Each unit's rank along the longer side of the region's box (its first point; units without
/// one first).
fn sweep_rank(problem: &Problem) -> Vec<usize> {
    let at = |u: usize| problem.units[u].points.first().map(|(p, _)| *p);
    let points: Vec<_> = (0..problem.units.len()).filter_map(at).collect();
    let span = |f: &dyn Fn(&crate::model::practice::LatLon) -> f64| {
        let lo = points.iter().map(f).fold(f64::INFINITY, f64::min);
        let hi = points.iter().map(f).fold(f64::NEG_INFINITY, f64::max);
        hi - lo
    };
    let lat_mid = points.iter().map(|p| p.lat).sum::<f64>() / points.len().max(1) as f64;
    let by_lon = span(&|p| p.lon) * lat_mid.to_radians().cos() > span(&|p| p.lat);
    let mut order: Vec<usize> = (0..problem.units.len()).collect();
    let key = |u: usize| at(u).map_or(f64::NEG_INFINITY, |p| if by_lon { p.lon } else { p.lat });
    order.sort_by(|a, b| key(*a).total_cmp(&key(*b)).then(a.cmp(b)));
    let mut rank = vec![0; order.len()];
    for (r, u) in order.into_iter().enumerate() {
        rank[u] = r;
    }
    rank
}

fn whole(hundredths: i64) -> String {
    format_patients_whole(Patients(hundredths))
}

#[cfg(test)]
mod tests {
    use super::{Budget, Feasibility, Listing, every_within_budget, feasibility, within_budget};
    use crate::model::optimise::problem::{Problem, hand_made};
    use crate::model::practice::LatLon;
    use proptest::prelude::*;

    /// Units of `(thousands of patients, lat, lon, home hub)`, hubs of 30,000–50,000 within
    /// 15 km.
    fn problem(units: &[(i64, f64, f64, usize)], hubs: usize) -> Problem {
        let units: Vec<(i64, Option<LatLon>, usize)> = units
            .iter()
            .map(|(t, lat, lon, home)| {
                (
                    *t,
                    Some(LatLon {
                        lat: *lat,
                        lon: *lon,
                    }),
                    *home,
                )
            })
            .collect();
        hand_made(&units, hubs, Some(15.0 + 1e-6))
    }

    /// Every hub in line with `assignment`, by [`Problem::violation`].
    fn in_line(problem: &Problem, assignment: &[usize]) -> bool {
        let mut state = problem.start();
        for (unit, hub) in assignment.iter().enumerate() {
            if state.hub_of[unit] != *hub {
                problem.apply(&mut state, unit, *hub);
            }
        }
        problem.all_in_line(&state)
    }

    #[test]
    fn a_practice_with_too_few_patients_near_it_makes_it_infeasible() {
        // 20,000 and 20,000 about 70 km apart: neither reaches 30,000 with what lies near it.
        let p = problem(&[(20, 50.0, 0.0, 0), (20, 50.0, 1.0, 1)], 2);
        let outcome = feasibility(&p, &|| false);
        match outcome.answer {
            Feasibility::Infeasible(reason) => {
                assert!(reason.contains("2 practices lie too far apart"), "{reason}");
                assert!(reason.contains("60,000 in all"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn too_many_patients_for_the_hubs_is_infeasible() {
        let p = problem(
            &[(40, 50.0, 0.0, 0), (40, 50.0, 0.01, 0), (40, 50.0, 0.02, 1)],
            2,
        );
        let outcome = feasibility(&p, &|| false);
        assert!(
            matches!(&outcome.answer, Feasibility::Infeasible(r) if r.contains("120,000")),
            "{:?}",
            outcome.answer
        );
    }

    #[test]
    fn a_feasible_arrangement_is_found_and_meets_every_limit() {
        // Today H0 holds A (20,000) and C (35,000, 70 km away) and H1 holds B (15,000, 5 km
        // from A): A with B and C alone is the way.
        let p = problem(
            &[(20, 50.0, 0.0, 0), (15, 50.05, 0.0, 1), (35, 50.0, 1.0, 0)],
            2,
        );
        let outcome = feasibility(&p, &|| false);
        let Feasibility::Feasible(assignment) = outcome.answer else {
            panic!("{:?}", outcome.answer);
        };
        assert_eq!(assignment[0], assignment[1]);
        assert_ne!(assignment[0], assignment[2]);
        assert!(in_line(&p, &assignment));
    }

    /// Practices (and patients) that `assignment` moves from today.
    fn moved(problem: &Problem, assignment: &[usize]) -> (usize, i64) {
        problem
            .units
            .iter()
            .zip(assignment)
            .filter(|(unit, hub)| unit.home != **hub)
            .fold((0, 0), |(n, p), (unit, _)| {
                (n + unit.practices.len(), p + unit.patients)
            })
    }

    fn budget(practices: usize, patients: i64) -> Budget {
        Budget {
            practices,
            patients,
        }
    }

    #[test]
    fn a_budget_refutes_the_counts_below_the_fewest_moves_and_meets_the_fewest() {
        // H0 holds A 30,000 and B 25,000 (above); H1 holds C 20,000 (below), all within 2 km:
        // B to H1 is the one move (A to H1 would leave H0 at 25,000).
        let p = problem(
            &[(30, 50.0, 0.0, 0), (25, 50.01, 0.0, 0), (20, 50.0, 0.01, 1)],
            2,
        );
        let none = within_budget(&p, budget(0, i64::MAX / 4), &|| false);
        assert!(
            matches!(none.answer, Feasibility::Infeasible(_)),
            "{none:?}"
        );
        let one = within_budget(&p, budget(1, i64::MAX / 4), &|| false);
        let Feasibility::Feasible(assignment) = one.answer else {
            panic!("{one:?}");
        };
        assert!(in_line(&p, &assignment));
        assert_eq!(moved(&p, &assignment), (1, 2_500_000));
        // Fewer patients than B's 25,000 cannot do it; exactly B's can.
        let fewer = within_budget(&p, budget(1, 2_499_999), &|| false);
        assert!(
            matches!(fewer.answer, Feasibility::Infeasible(_)),
            "{fewer:?}"
        );
        let exactly = within_budget(&p, budget(1, 2_500_000), &|| false);
        assert!(matches!(exactly.answer, Feasibility::Feasible(_)));
    }

    #[test]
    fn north_cumbria_at_15_km_needs_7_moves_and_a_budget_of_7_meets_it() {
        // The exact search alone needs about 20 s to refute 6; the budget does it in 0.2 s.
        let p = bundled_at_15_km("01H");
        let six = within_budget(&p, budget(6, i64::MAX / 4), &|| false);
        assert!(matches!(six.answer, Feasibility::Infeasible(_)), "{six:?}");
        let seven = within_budget(&p, budget(7, i64::MAX / 4), &|| false);
        let Feasibility::Feasible(assignment) = seven.answer else {
            panic!("{seven:?}");
        };
        assert!(in_line(&p, &assignment));
        assert!(moved(&p, &assignment).0 <= 7);
    }

    /// The bundled region `code` at 15 km (the default limit).
    fn bundled_at_15_km(code: &str) -> Problem {
        let region = crate::io::readers::reference::bundled_region(code).expect("region");
        let scenario = crate::model::Scenario::baseline(
            std::sync::Arc::new(region),
            crate::model::RuleYear::Y2025_26,
        );
        let options = crate::model::optimise::Options::default();
        Problem::build(
            &scenario,
            &crate::model::optimise::Constraints::default(),
            &options,
        )
        .expect("problem")
    }

    /// The bundled region `code` at 15 km (the default limit) has an arrangement with every
    /// hub in line, checked by [`Problem::violation`].
    fn feasible_at_15_km(code: &str) {
        let region = crate::io::readers::reference::bundled_region(code).expect("region");
        let scenario = crate::model::Scenario::baseline(
            std::sync::Arc::new(region),
            crate::model::RuleYear::Y2025_26,
        );
        let options = crate::model::optimise::Options::default();
        let p = Problem::build(
            &scenario,
            &crate::model::optimise::Constraints::default(),
            &options,
        )
        .expect("problem");
        let start = std::time::Instant::now();
        let outcome = feasibility(&p, &|| start.elapsed().as_secs() > 120);
        let Feasibility::Feasible(assignment) = outcome.answer else {
            panic!("{code}: {:?}", outcome.answer);
        };
        assert!(in_line(&p, &assignment), "{code}");
    }

    #[test]
    fn north_cumbria_and_cornwall_at_15_km_have_feasible_arrangements() {
        // 01H and 11N: after 60 s the exact search proves only that 7 moves or more are
        // needed and leaves a hub out of band; arrangements with every hub in line exist.
        feasible_at_15_km("01H");
        feasible_at_15_km("11N");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Listing every arrangement within a budget gives exactly the arrangements that
        /// trying every assignment finds with every hub in line and no more moved than the
        /// budget (so none of the search's cuts loses one).
        #[test]
        fn every_arrangement_within_a_budget_is_listed(
            units in prop::collection::vec((prop::sample::select(vec![5i64, 10, 15, 20, 25, 35]), 0.0f64..0.3, 0.0f64..0.3, 0usize..3), 4..9),
            practices in 1usize..6,
            patients in prop::sample::select(vec![20i64, 40, 1000]),
            limit in prop::sample::select(vec![8.0f64, 12.0, 1000.0]),
        ) {
            let units: Vec<(i64, Option<LatLon>, usize)> = units
                .iter()
                .map(|(t, lat, lon, home)| (*t, Some(LatLon { lat: 52.0 + lat, lon: *lon }), *home))
                .collect();
            let p = hand_made(&units, 3, Some(limit));
            let budget = budget(practices, patients * 100_000);
            let (listed, _) = every_within_budget(&p, budget, 10_000, &|| false);
            let Listing::Complete(mut listed) = listed else {
                panic!("{listed:?}");
            };
            listed.sort();
            let mut all = Vec::new();
            let n = p.units.len();
            for code in 0..3usize.pow(n as u32) {
                let assignment: Vec<usize> = (0..n).map(|u| code / 3usize.pow(u as u32) % 3).collect();
                let (moved, moved_patients) = moved(&p, &assignment);
                if moved <= budget.practices
                    && moved_patients <= budget.patients
                    && in_line(&p, &assignment)
                {
                    all.push(assignment);
                }
            }
            all.sort();
            prop_assert_eq!(listed, all);
        }
    }
}
