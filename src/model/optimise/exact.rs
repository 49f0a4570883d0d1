//! Exact search: iterative deepening on the number of practices moved. At each node a hub that
//! is out of line is chosen; any solution from this node must move a unit into or out of it
//! (its content must change), so branching on those moves is complete. A unit that leaves a
//! hub goes to a pool (a hub without limits) and is placed in a hub later, when some hub
//! below its band takes it or, every hub being in line, by trying each hub for the largest
//! unit still waiting; so the search chooses which practices move before where they go, and
//! each unit moves at most once. A lower bound (each out-of-band hub needs at least so many
//! units in or out; a move serves at most two hubs, a unit of the pool one) prunes. When the
//! search with one practice fewer is exhausted (or a budget of that many is refuted first,
//! [`refuted_below`]), the count is proved the fewest. A node with
//! no move to spare (what is left to move is exactly what the hubs above their band must shed)
//! is cut when what must still move cannot find room near enough ([`super::placement`]).
//!
//! At the first count with solutions, a first pass finds the fewest patients (cutting every
//! branch that cannot move fewer than the best kept), and a second compares the new hubs
//! opened (fewest first) and the spread of every solution that moves no more than those: once every practice of the count has moved,
//! no hub loses a member, so a hub's spread is at least half its widest distance (exactly its
//! spread if nothing of the pool can still join it), which cuts placements that cannot beat
//! the best kept.

use super::bound::{Apart, lower_bound, patients_bound, spread_bound};
use super::problem::{HubSpec, Problem, State, Violation};
use super::{Proof, SearchOutcome};
use std::collections::HashSet;

/// Most partial move sets remembered (to skip the same set reached in another order).
const MAX_SEEN: usize = 4_000_000;

/// What a pass of the depth-first search at one count is for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    /// The fewest patients: a branch that cannot move fewer than the worst kept is cut.
    Best,
    /// Every solution moving at most this many patients, to compare their spread (after
    /// [`Mode::Best`] found that the best `alternatives` move at most that many).
    Ties(i64),
    /// Past the proved count, only to fill the alternatives: stop once there are enough.
    Fill,
}

/// One solution kept, with its score (practices, patients, total spread).
#[derive(Debug, Clone)]
struct Kept {
    practices: usize,
    patients: i64,
    /// New hubs it opens.
    opened: usize,
    spread: f64,
    moves: Vec<(usize, usize)>,
}

struct Search<'a> {
    problem: &'a Problem,
    state: State,
    cost: usize,
    limit: usize,
    /// The best `alternatives` solutions so far, best first.
    kept: Vec<Kept>,
    /// Patients moved so far.
    patients: i64,
    alternatives: usize,
    mode: Mode,
    /// Order-free fingerprints (two 64-bit halves) of the partial move sets visited.
    seen: HashSet<u128>,
    key: u128,
    nodes: u64,
    stopped: bool,
    /// The pass stops at this many nodes (then `capped`); `u64::MAX`: no cap.
    run_limit: u64,
    capped: bool,
    /// How [`Search::best_or_descend`] takes turns (normally [`TURNS`]).
    turns: Turns,
    should_stop: &'a (dyn Fn() -> bool + Sync),
    /// Units by size, largest first (for the lower bound of a hub below its band).
    by_size: Vec<usize>,
    /// Movable units by patients per practice, smallest first (what the remaining moves
    /// add at least).
    by_ratio: Vec<usize>,
    /// How far apart each two units are (for the bound that knows spread).
    apart: Apart,
}

pub fn search(
    problem: &Problem,
    alternatives: usize,
    seed: u64,
    should_stop: &(dyn Fn() -> bool + Sync),
) -> SearchOutcome {
    search_with(problem, alternatives, seed, should_stop, TURNS)
}

/// [`search`] with the turns of [`Search::best_or_descend`] given (tests force the listing and
/// the descent with them).
fn search_with(
    problem: &Problem,
    alternatives: usize,
    seed: u64,
    should_stop: &(dyn Fn() -> bool + Sync),
    turns: Turns,
) -> SearchOutcome {
    let original = problem;
    // The same problem with the pool (a hub without limits) last: units leave a hub for the
    // pool and are placed in a hub later.
    let mut extended = problem.clone();
    extended.pool = Some(extended.hubs.len());
    extended.hubs.push(HubSpec {
        id: crate::model::hub::HubId(u32::MAX),
        code: String::new(),
        min: 0,
        max: i64::MAX / 4,
        ceiling: i64::MAX / 4,
        allowed_spread: None,
        closed: false,
        centre_today: None,
        new: None,
    });
    let problem = &extended;
    let mut by_size: Vec<usize> = (0..problem.units.len()).collect();
    by_size.sort_by_key(|u| std::cmp::Reverse(problem.units[*u].patients));
    let mut by_ratio: Vec<usize> = (0..problem.units.len())
        .filter(|u| problem.units[*u].movable)
        .collect();
    by_ratio.sort_by(|a, b| {
        let ratio = |u: usize| {
            problem.units[u].patients as f64 / problem.units[u].practices.len().max(1) as f64
        };
        ratio(*a).total_cmp(&ratio(*b)).then(a.cmp(b))
    });
    let mut search = Search {
        problem,
        state: problem.start(),
        cost: 0,
        limit: 0,
        kept: Vec::new(),
        patients: 0,
        alternatives,
        mode: Mode::Best,
        seen: HashSet::new(),
        key: 0,
        nodes: 0,
        stopped: false,
        run_limit: u64::MAX,
        capped: false,
        turns,
        should_stop,
        by_size,
        by_ratio,
        apart: Apart::new(problem),
    };
    let Some(root_bound) = search.lower_bound() else {
        return infeasible(original, &search.state, 0);
    };
    let most = problem.movable_practices();
    // A quick greedy answer first: an upper bound, and something to show if time runs out.
    // (If it does not put every hub in line it is still the best shown when the search finds
    // nothing in the time: fewer hubs out of line than today.)
    let (mut greedy, mut greedy_feasible) =
        super::repair::repair_part_of(original, seed, should_stop);
    let cost_of = |moves: &[(usize, usize)]| {
        moves
            .iter()
            .map(|(u, _)| problem.units[*u].practices.len())
            .sum::<usize>()
    };
    let mut refuted = None;
    if !greedy_feasible {
        // Does any arrangement put every hub in line? If none does, that is the proof; if
        // one does, its fewest moves are the answer to beat.
        match feasible_arrangement(original, should_stop) {
            super::feasible::Feasibility::Infeasible(reason) => {
                return SearchOutcome {
                    solutions: if greedy.is_empty() {
                        Vec::new()
                    } else {
                        vec![greedy]
                    },
                    proof: Proof::Infeasible(reason),
                    nodes: 0,
                    fewest_patients_proved: false,
                };
            }
            super::feasible::Feasibility::Feasible(assignment) => {
                if let Some(moves) =
                    super::arrange::fewest_moves(original, &assignment, should_stop)
                {
                    // Improved only if fewer moves may still do: a quick try at refuting
                    // the counts below comes first (North Cumbria: 7 moves, proved the
                    // fewest in 51 polls, without the improvement's 0.25 s; Cornwall: 7 is
                    // not refuted in 680, and the improvement should not wait for that).
                    let cost = cost_of(&moves);
                    let at_least =
                        refuted_below(original, root_bound, cost, QUICK_POLLS, should_stop);
                    refuted = Some(at_least);
                    greedy = if at_least < cost {
                        let improved = super::arrange::improve(original, moves, seed, should_stop);
                        super::others::polished(original, improved, seed, should_stop)
                    } else {
                        moves
                    };
                    greedy_feasible = true;
                }
            }
            super::feasible::Feasibility::Unknown => {}
        }
    }
    let incumbent_cost = greedy_feasible.then(|| cost_of(&greedy));
    let incumbent = (!greedy.is_empty()).then_some(greedy);
    // Counts below the answer in hand that no arrangement meets need not be searched (from
    // the first that the quick try above could not refute).
    let mut limit = match incumbent_cost {
        Some(cost) => refuted_below(
            original,
            refuted.unwrap_or(root_bound),
            cost,
            BUDGET_POLLS,
            should_stop,
        ),
        None => root_bound,
    };
    let mut found_at = None;
    // The level of the first solutions was searched to the end, in both passes: the count
    // and the tie-breaks among it are proved.
    let mut proved = false;
    // The fewest patients at that count is proved (by a budget of patients), not yet the
    // spread among them.
    let mut patients_proved = false;
    while limit <= most && incumbent_cost.is_none_or(|cost| limit <= cost) {
        search.limit = limit;
        if found_at.is_some() {
            // One more level for alternatives when there are too few.
            search.run(Mode::Fill);
            break;
        }
        // Every count below this one was searched to the end (or is below the root bound),
        // so whatever is found here moves exactly `limit` practices.
        match incumbent.as_deref() {
            Some(moves) if incumbent_cost == Some(limit) => {
                match search.best_or_descend(original, moves) {
                    Pass::Done => {}
                    Pass::Stopped => break,
                    Pass::Listed => {
                        found_at = Some(limit);
                        patients_proved = true;
                        proved = true;
                        break;
                    }
                    Pass::Fewest => {
                        found_at = Some(limit);
                        patients_proved = true;
                        break;
                    }
                }
            }
            _ => {
                search.run(Mode::Best);
                if search.stopped {
                    break;
                }
            }
        }
        if !search.kept.is_empty() {
            found_at = Some(limit);
            if search.kept.len() >= alternatives {
                // The best found move at most this many patients: every solution that
                // moves no more is compared by spread.
                let worst = search.kept.last().map_or(i64::MAX, |k| k.patients);
                search.run(Mode::Ties(worst));
                if search.stopped {
                    break;
                }
            }
            // (With fewer than `alternatives` kept nothing was cut by patients.)
            proved = true;
            if search.kept.len() >= alternatives {
                break;
            }
        }
        limit += 1;
    }
    let nodes = search.nodes;
    let stopped = search.stopped;
    let best: Vec<Vec<(usize, usize)>> = std::mem::take(&mut search.kept)
        .into_iter()
        .map(|k| k.moves)
        .collect();
    if best.is_empty()
        && let Some(moves) = incumbent
    {
        // Searched to the end with no answer: proved infeasible; the repair is the best shown.
        let proof = if !stopped && limit > most {
            infeasible(original, &original.start(), nodes).proof
        } else {
            Proof::BestFound {
                lower_bound: limit.max(root_bound),
            }
        };
        let solutions = match proof {
            Proof::BestFound { .. } => with_others(original, vec![moves], alternatives, seed),
            _ => vec![moves],
        };
        return SearchOutcome {
            solutions,
            proof,
            nodes,
            fewest_patients_proved: false,
        };
    }
    let proof = match (found_at, stopped) {
        (Some(_), _) if proved => Proof::Optimal,
        (Some(count), _) => Proof::BestFound {
            lower_bound: count.min(limit),
        },
        (None, false) => return infeasible(original, &original.start(), nodes),
        (None, true) => Proof::BestFound { lower_bound: limit },
    };
    // (A proved optimum with fewer alternatives than asked for gets others near it too.)
    let solutions = with_others(original, best, alternatives, seed);
    SearchOutcome {
        solutions,
        fewest_patients_proved: patients_proved || proof == Proof::Optimal,
        proof,
        nodes,
    }
}

/// How [`Search::best_or_descend`] ended.
enum Pass {
    /// The pass of [`Mode::Best`] was searched to the end.
    Done,
    /// `should_stop` said stop.
    Stopped,
    /// Every change of this count that moves no more patients than the best was listed and
    /// kept: the best is proved.
    Listed,
    /// No change of this count moves fewer patients than the best kept (a budget of fewer is
    /// refuted), but those that move as many were too many to list.
    Fewest,
}

/// `should_stop`, or yes once asked more than `most` times.
fn within_polls(most: u64, should_stop: &dyn Fn() -> bool) -> impl Fn() -> bool + '_ {
    let polls = std::cell::Cell::new(0u64);
    move || {
        polls.set(polls.get() + 1);
        polls.get() > most || should_stop()
    }
}

/// `moves` with the new hubs it opens (alike but for their labels) relabelled: opened in
/// order from the first, the one holding the smallest unit first.
fn with_new_hubs_in_order(problem: &Problem, moves: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let is_new = |hub: usize| hub >= problem.first_new && problem.hubs[hub].new.is_some();
    // Each opened new hub by its smallest unit (no unit is at home in a new hub).
    let mut opened: Vec<(usize, usize)> = Vec::new();
    for (unit, to) in moves {
        if is_new(*to) {
            match opened.iter_mut().find(|(hub, _)| hub == to) {
                Some(entry) => entry.1 = entry.1.min(*unit),
                None => opened.push((*to, *unit)),
            }
        }
    }
    opened.sort_by_key(|(_, smallest)| *smallest);
    let relabel = |hub: usize| {
        opened
            .iter()
            .position(|(old, _)| *old == hub)
            .map_or(hub, |rank| problem.first_new + rank)
    };
    let mut moves: Vec<(usize, usize)> = moves.iter().map(|(u, to)| (*u, relabel(*to))).collect();
    moves.sort_unstable();
    moves
}

/// How [`Search::best_or_descend`] takes turns: the nodes of the first turn of the pass and
/// of the listing (doubled each round), and the most changes listed at once.
#[derive(Debug, Clone, Copy)]
struct Turns {
    pass: u64,
    listing: u64,
    most_listed: usize,
}

/// The pass is short where it ends at all (West Sussex: under 200 nodes); listing the 43
/// changes of 7 moves for North Cumbria at 15 km that move no more than the first answer
/// takes about 46,000.
const TURNS: Turns = Turns {
    pass: 8_192,
    listing: 65_536,
    most_listed: 2_000,
};

/// Polls of `should_stop` (one per 256 nodes) that [`refuted_below`] gives each count, and
/// in the quick try before the first answer is improved.
const BUDGET_POLLS: u32 = 256;
const QUICK_POLLS: u32 = 64;

/// The fewest practice moves that can put every hub in line is at least this: the counts
/// from `from` up that the feasibility search with a budget of moves
/// ([`super::feasible::within_budget`]) proves no arrangement meets, stopping at `cost` (an
/// answer that moves that many is in hand) or at the first count it cannot refute in `polls`
/// polls. It prunes by what must leave the hubs above their band and what
/// cannot stay home for the spread, where the search below branches on moves; so each
/// refutes the counts the other is slow on (North Cumbria at 15 km: 6 in 0.14 s, where the
/// search below needs about 20 s).
fn refuted_below(
    problem: &Problem,
    from: usize,
    cost: usize,
    most_polls: u32,
    should_stop: &(dyn Fn() -> bool + Sync),
) -> usize {
    use super::feasible::{Budget, Feasibility, within_budget};
    let mut at_least = from;
    while at_least < cost {
        let stop = within_polls(most_polls.into(), should_stop);
        let budget = Budget {
            practices: at_least,
            patients: i64::MAX / 4,
        };
        match within_budget(problem, budget, &stop).answer {
            Feasibility::Infeasible(_) => at_least += 1,
            Feasibility::Feasible(_) | Feasibility::Unknown => break,
        }
    }
    at_least
}

/// `found` (best first) and, when there are fewer than `alternatives`, other answers near the
/// first ([`super::others`]; the search stopped before it could list its own), best first.
fn with_others(
    problem: &Problem,
    found: Vec<Vec<(usize, usize)>>,
    alternatives: usize,
    seed: u64,
) -> Vec<Vec<(usize, usize)>> {
    let Some(first) = found.first() else {
        return found;
    };
    if found.len() >= alternatives {
        return found;
    }
    let more = super::others::others(
        problem,
        first,
        alternatives,
        seed,
        super::others::Effort::Quick,
        &|| false,
    );
    super::others::best_of(problem, found, more, alternatives)
}

/// Whether any arrangement puts every hub in line. When new hubs may open, only arrangements
/// among today's hubs are looked for (one that opens none is one too, and is found fast);
/// if there is none that proves nothing, and the count search (which opens new hubs) has the
/// time.
fn feasible_arrangement(
    problem: &Problem,
    should_stop: &(dyn Fn() -> bool + Sync),
) -> super::feasible::Feasibility {
    use super::feasible::{Feasibility, feasibility};
    if problem.first_new >= problem.hubs.len() {
        return feasibility(problem, &|| should_stop()).answer;
    }
    let mut today = problem.clone();
    today.hubs.truncate(problem.first_new);
    match feasibility(&today, &|| should_stop()).answer {
        Feasibility::Infeasible(_) => Feasibility::Unknown,
        answer => answer,
    }
}

/// A fingerprint of one move (unit, hub); a set's is the sum of its moves' (so the order the
/// moves were made in does not matter).
fn move_key(unit: usize, hub: usize) -> u128 {
    let mix = |x: u64| {
        let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let x = ((unit as u64) << 32) ^ hub as u64;
    (u128::from(mix(x)) << 64) | u128::from(mix(x ^ 0xD1B5_4A32_D192_ED03))
}

fn infeasible(problem: &Problem, state: &State, nodes: u64) -> SearchOutcome {
    // Name the hub that is hardest to fix: out of band with the fewest ways to change.
    let reason = (0..problem.hubs.len())
        .find_map(|hub| {
            let violation = problem.violation(state, hub)?;
            let spec = &problem.hubs[hub];
            let patients = crate::model::quantity::format_patients_whole(
                crate::model::quantity::Patients(state.sums[hub]),
            );
            Some(match violation {
                Violation::Below => format!(
                    "hub {} ({patients} patients) cannot reach its band with the practices that may move there",
                    spec.code
                ),
                Violation::Above => format!(
                    "hub {} ({patients} patients) cannot shed enough practices that may move elsewhere",
                    spec.code
                ),
                Violation::Spread => format!(
                    "hub {} cannot meet its spread limit with the practices that may move",
                    spec.code
                ),
            })
        })
        .unwrap_or_else(|| "no assignment meets every constraint".to_string());
    SearchOutcome {
        solutions: Vec::new(),
        proof: Proof::Infeasible(reason),
        nodes,
        fewest_patients_proved: false,
    }
}

impl Search<'_> {
    /// One depth-first pass at `self.limit` in `mode`.
    fn run(&mut self, mode: Mode) {
        self.mode = mode;
        self.capped = false;
        self.seen.clear();
        self.key = 0;
        self.dfs();
    }

    /// The pass of [`Mode::Best`] at a count proved the fewest, with `incumbent` (moving that
    /// many) in hand. The pass and the listing of every change of this count that moves no
    /// more patients than the best kept ([`super::feasible::every_within_budget`]) take turns
    /// of growing length: the pass ends first where its bound on patients cuts well (West
    /// Sussex), the listing where it does not (North Cumbria at 15 km: the pass had not ended
    /// in 30 s; the listing of the 43 changes that move no more than the first answer takes
    /// 0.3 s). When there are too many to list, the feasibility search with a budget of fewer
    /// patients than the best kept ([`super::feasible::within_budget`]) finds a better one,
    /// and the listing is tried again under it.
    fn best_or_descend(&mut self, original: &Problem, incumbent: &[(usize, usize)]) -> Pass {
        use super::feasible::{Budget, Feasibility, Listing, every_within_budget, within_budget};
        self.keep_found(incumbent);
        let (mut pass_turn, mut turn) = (self.turns.pass, self.turns.listing);
        loop {
            self.run_limit = self.nodes.saturating_add(pass_turn);
            self.run(Mode::Best);
            self.run_limit = u64::MAX;
            if self.stopped {
                return Pass::Stopped;
            }
            if !self.capped {
                return Pass::Done;
            }
            let should_stop = self.should_stop;
            while let Some(fewest) = self.kept.first().map(|k| k.patients) {
                let stop = within_polls(turn / 256, should_stop);
                let budget = Budget {
                    practices: self.limit,
                    patients: fewest,
                };
                let (listing, nodes) =
                    every_within_budget(original, budget, self.turns.most_listed, &stop);
                self.nodes += nodes;
                match listing {
                    Listing::Complete(every) => {
                        let mut all_kept = true;
                        for assignment in every {
                            all_kept &= self.keep_found(&original.moves_to(&assignment));
                        }
                        if all_kept {
                            return Pass::Listed;
                        }
                        // (One the listing found in line and this search not: no proof
                        // rests on the listing then.)
                        break;
                    }
                    Listing::Stopped if should_stop() => {
                        self.stopped = true;
                        return Pass::Stopped;
                    }
                    Listing::Stopped => break,
                    Listing::TooMany => {}
                }
                let budget = Budget {
                    practices: self.limit,
                    patients: fewest - 1,
                };
                let outcome =
                    within_budget(original, budget, &within_polls(turn / 256, should_stop));
                self.nodes += outcome.nodes;
                match outcome.answer {
                    Feasibility::Feasible(assignment) => {
                        self.keep_found(&original.moves_to(&assignment));
                        if self.kept.first().map(|k| k.patients) >= Some(fewest) {
                            // (Not kept as better: asking again would give it again.)
                            break;
                        }
                    }
                    Feasibility::Infeasible(_) => return Pass::Fewest,
                    Feasibility::Unknown if should_stop() => {
                        self.stopped = true;
                        return Pass::Stopped;
                    }
                    Feasibility::Unknown => break,
                }
            }
            pass_turn = pass_turn.saturating_mul(2);
            turn = turn.saturating_mul(2);
        }
    }

    /// Keeps a change found elsewhere (`moves`: each unit at most once, to a hub) as if the
    /// search had reached it, if it puts every hub in line; says whether it does. New hubs
    /// are alike: the change is kept with them opened in order, each holding a smaller unit
    /// than the next, so that its other labellings (which the listing gives too) are the same
    /// change.
    fn keep_found(&mut self, moves: &[(usize, usize)]) -> bool {
        let problem = self.problem;
        let moves = with_new_hubs_in_order(problem, moves);
        let state = problem.state_after(&moves);
        let units = || moves.iter().map(|(unit, _)| &problem.units[*unit]);
        let cost = units().map(|unit| unit.practices.len()).sum();
        let patients = units().map(|unit| unit.patients).sum();
        if !problem.all_in_line(&state) {
            return false;
        }
        let saved = (
            std::mem::replace(&mut self.state, state),
            std::mem::replace(&mut self.cost, cost),
            std::mem::replace(&mut self.patients, patients),
        );
        self.keep();
        (self.state, self.cost, self.patients) = saved;
        true
    }

    /// Patients still to move at least, the search having `bound` practices at least and
    /// (outside [`Mode::Fill`]) exactly `limit - cost` still to move.
    fn patients_still(&self, bound: usize) -> i64 {
        let flow = patients_bound(self.problem, &self.state);
        let practices = if self.mode == Mode::Fill {
            bound
        } else {
            self.limit - self.cost
        };
        // The cheapest units per practice, the last one in part.
        let mut left = practices as f64;
        let mut least = 0.0f64;
        for unit in self.by_ratio.iter().copied() {
            if left <= 0.0 {
                break;
            }
            if self.state.moved[unit] {
                continue;
            }
            let spec = &self.problem.units[unit];
            let size = spec.practices.len() as f64;
            let take = size.min(left);
            least += spec.patients as f64 * take / size;
            left -= take;
        }
        // Rounded down so that the bound stays a bound.
        flow.max(least.floor() as i64 - 1)
    }

    /// New hubs with members now.
    fn opened(&self) -> usize {
        self.problem.opened(&self.state)
    }

    /// Keeps a solution among the best `alternatives` (once each).
    fn keep(&mut self) {
        let moves = self.problem.moves_of(&self.state);
        if self.kept.iter().any(|k| k.moves == moves) {
            return;
        }
        let kept = Kept {
            practices: self.cost,
            patients: self.patients,
            opened: self.opened(),
            spread: self.problem.total_spread(&self.state),
            moves,
        };
        let at = self.kept.partition_point(|k| {
            (k.practices, k.patients, k.opened)
                .cmp(&(kept.practices, kept.patients, kept.opened))
                .then(k.spread.total_cmp(&kept.spread))
                .then(k.moves.cmp(&kept.moves))
                .is_lt()
        });
        self.kept.insert(at, kept);
        self.kept.truncate(self.alternatives);
    }

    /// May a branch that moves at least `patients` patients in all still enter the kept?
    fn may_enter(&self, patients: i64) -> bool {
        let full = self.kept.len() >= self.alternatives;
        let worst = self.kept.last().map_or(i64::MAX, |k| k.patients);
        match self.mode {
            Mode::Fill => true,
            Mode::Best => !full || patients < worst,
            Mode::Ties(most) => patients <= most && (!full || patients <= worst),
        }
    }

    /// With every practice that may move moved (`cost == limit`), no unit leaves a hub any
    /// more, so each hub ends with its members and maybe some of the pool: its spread is at
    /// least half the widest distance between two of its members, and exactly what it is now
    /// if no unit of the pool may still join it. May such a branch still enter the kept?
    fn may_enter_spread(&self) -> bool {
        let problem = self.problem;
        let Some(worst) = self.kept.last() else {
            return true;
        };
        if self.kept.len() < self.alternatives || self.patients < worst.patients {
            return true;
        }
        // New hubs once opened stay open (what joins them has moved for good).
        let opened = self.opened();
        if opened != worst.opened {
            return opened < worst.opened;
        }
        let Some(pool) = problem.pool else {
            return true;
        };
        let pooled = &self.state.members[pool];
        let mut least = 0.0;
        for hub in 0..problem.hubs.len() {
            let members = &self.state.members[hub];
            if hub == pool || members.is_empty() {
                continue;
            }
            let spec = &problem.hubs[hub];
            let may_join = pooled.iter().any(|u| {
                problem.can_join(&self.state, *u, hub)
                    && self.state.sums[hub] + problem.units[*u].patients <= spec.max
            });
            least += if may_join {
                let mut far = 0.0f64;
                for (i, a) in members.iter().enumerate() {
                    for b in &members[i + 1..] {
                        far = far.max(self.apart.km(*a, *b));
                    }
                }
                far / 2.0
            } else {
                problem.spread(members)
            };
        }
        self.patients == worst.patients && least <= worst.spread + 1e-6
    }

    fn dfs(&mut self) {
        self.nodes += 1;
        if self.nodes.is_multiple_of(1024) && (self.should_stop)() {
            self.stopped = true;
        }
        if self.nodes >= self.run_limit {
            self.capped = true;
        }
        if self.stopped
            || self.capped
            || (self.mode == Mode::Fill && self.kept.len() >= self.alternatives)
        {
            return;
        }
        let Some(bound) = self.lower_bound() else {
            return;
        };
        if self.cost + bound > self.limit {
            return;
        }
        // No move to spare: what must still move has to find room where it may land.
        let tight =
            super::bound::removals(self.problem, &self.state) == Some(self.limit - self.cost);
        if tight && !super::placement::may_fit(self.problem, &self.state, &self.apart) {
            return;
        }
        if self.mode != Mode::Fill && !self.may_enter(self.patients + self.patients_still(bound)) {
            return;
        }
        if self.mode != Mode::Fill && self.cost == self.limit && !self.may_enter_spread() {
            return;
        }
        let branches = match self.pick_hub() {
            Some((hub, violation)) => self.branches(hub, violation),
            None => match self.pooled_unit() {
                Some(unit) => self.placements(unit),
                None => {
                    self.keep();
                    return;
                }
            },
        };
        let pool = self.problem.pool;
        for (unit, to) in branches {
            let from = self.state.hub_of[unit];
            // Out of the pool costs nothing more: it was paid for when the unit left its hub.
            let (cost, patients) = if Some(from) == pool {
                (0, 0)
            } else {
                let spec = &self.problem.units[unit];
                (spec.practices.len(), spec.patients)
            };
            if self.cost + cost > self.limit {
                continue;
            }
            // No move to spare: only units leaving hubs above their band may still move
            // (any other move would leave the removals those hubs need unpaid).
            if tight
                && cost > 0
                && self.problem.violation(&self.state, from) != Some(Violation::Above)
            {
                continue;
            }
            let was_moved = self.state.moved[unit];
            let key = self.key;
            self.key = self.key.wrapping_sub(self.key_of(unit, from));
            self.problem.apply(&mut self.state, unit, to);
            self.key = self.key.wrapping_add(self.key_of(unit, to));
            self.cost += cost;
            self.patients += patients;
            if self.first_visit() {
                self.dfs();
            }
            self.key = key;
            self.patients -= patients;
            self.cost -= cost;
            self.problem.apply(&mut self.state, unit, from);
            self.state.moved[unit] = was_moved;
            if self.stopped || self.capped {
                return;
            }
        }
    }

    /// The fingerprint of `unit` being at `hub` (nothing at home).
    fn key_of(&self, unit: usize, hub: usize) -> u128 {
        if self.problem.units[unit].home == hub {
            0
        } else {
            move_key(unit, hub)
        }
    }

    /// The largest unit waiting in the pool, if any.
    fn pooled_unit(&self) -> Option<usize> {
        let pool = self.problem.pool?;
        self.state.members[pool]
            .iter()
            .copied()
            .max_by_key(|u| (self.problem.units[*u].patients, std::cmp::Reverse(*u)))
    }

    /// Where a unit in the pool may be placed (any open hub but its own), where it fits first.
    fn placements(&self, unit: usize) -> Vec<(usize, usize)> {
        let problem = self.problem;
        let state = &self.state;
        let mut out: Vec<(f64, usize)> = (0..problem.hubs.len())
            .filter(|hub| {
                Some(*hub) != problem.pool
                    && *hub != problem.units[unit].home
                    && problem.can_join(state, unit, *hub)
            })
            .map(|hub| {
                let after = state.sums[hub] + problem.units[unit].patients;
                let spec = &problem.hubs[hub];
                let fits = after >= spec.min && after <= spec.max;
                (
                    if fits { 0.0 } else { 1.0e9 } + self.distance(unit, hub),
                    hub,
                )
            })
            .collect();
        out.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        out.into_iter().map(|(_, hub)| (unit, hub)).collect()
    }

    fn distance(&self, unit: usize, hub: usize) -> f64 {
        match (
            self.problem.units[unit].points.first(),
            self.problem.hubs[hub].centre_today,
        ) {
            (Some((point, _)), Some(centre)) => crate::model::geo::distance_km(*point, centre),
            _ => 0.0,
        }
    }

    /// True the first time this set of moves is reached (in any order).
    fn first_visit(&mut self) -> bool {
        if self.seen.len() >= MAX_SEEN {
            return true;
        }
        self.seen.insert(self.key)
    }

    /// The hub to branch on: above its band first (fewest branches), then below, then spread.
    fn pick_hub(&self) -> Option<(usize, Violation)> {
        let mut best: Option<(usize, Violation, usize)> = None;
        for hub in 0..self.problem.hubs.len() {
            let Some(violation) = self.problem.violation(&self.state, hub) else {
                continue;
            };
            let rank = match violation {
                Violation::Above => 0,
                Violation::Below => 1,
                Violation::Spread => 2,
            };
            if best.is_none_or(|(_, _, r)| rank < r) {
                best = Some((hub, violation, rank));
            }
        }
        best.map(|(hub, violation, _)| (hub, violation))
    }

    /// Moves that change `hub`, the most promising first: its units out to the pool, or
    /// (below its band, or too spread) units in, from the pool first, then from other hubs.
    fn branches(&self, hub: usize, violation: Violation) -> Vec<(usize, usize)> {
        let problem = self.problem;
        let state = &self.state;
        let spec = &problem.hubs[hub];
        let Some(pool) = problem.pool else {
            return Vec::new();
        };
        let mut out: Vec<(f64, usize, usize)> = Vec::new();
        for unit in state.members[hub].iter().copied() {
            if !problem.can_move(state, unit, pool) {
                continue;
            }
            let patients = problem.units[unit].patients;
            let after = state.sums[hub] - patients;
            // Units whose leaving puts the hub in band first, the smallest first.
            let fits = after == 0 || (after >= spec.min && after <= spec.max);
            let score = if fits { 0.0 } else { 1.0e9 } + patients as f64 / 100.0;
            out.push((score, unit, pool));
        }
        if matches!(violation, Violation::Below | Violation::Spread) {
            for unit in 0..problem.units.len() {
                if state.hub_of[unit] == hub || !problem.can_join(state, unit, hub) {
                    continue;
                }
                let source = state.hub_of[unit];
                let score = if source == pool {
                    -1.0e12
                } else {
                    let source_after = state.sums[source] - problem.units[unit].patients;
                    let source_spec = &problem.hubs[source];
                    let source_fine = source_after == 0
                        || (source_after >= source_spec.min && source_after <= source_spec.max);
                    if source_fine { 0.0 } else { 1.0e9 }
                } + self.distance(unit, hub);
                out.push((score, unit, hub));
            }
        }
        out.sort_by(|a, b| a.0.total_cmp(&b.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        out.into_iter()
            .map(|(_, unit, target)| (unit, target))
            .collect()
    }

    fn lower_bound(&self) -> Option<usize> {
        let plain = lower_bound(self.problem, &self.state, &self.by_size)?;
        let spread = spread_bound(self.problem, &self.state, &self.by_size, &self.apart)?;
        Some(plain.max(spread))
    }
}

#[cfg(test)]
mod tests {
    use super::{Proof, TURNS, Turns, search_with, with_new_hubs_in_order};
    use crate::model::optimise::problem::hand_made;
    use crate::model::practice::LatLon;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The listing of the changes that move no more patients than the best kept, and the
        /// descent on patients when they are too many (forced by a pass of one node), prove the
        /// same optimum as the search's own passes: the same practices and patients moved, new
        /// hubs opened and spread.
        ///
        /// Also with what the real inputs have: locked practices, a locked hub (closed, its
        /// practices staying), groups that move together (a unit of two practices) and
        /// practices with no coordinates.
        #[test]
        fn the_descent_proves_what_the_search_proves(
            units in prop::collection::vec((prop::sample::select(vec![5i64, 10, 15, 20, 25, 30]), 0.0f64..0.3, 0.0f64..0.3, 0usize..4, 0u8..10), 2..9),
            limit in prop::sample::select(vec![8.0f64, 12.0, 1000.0]),
            new_hubs in 0usize..3,
            closed_hub in prop::option::weighted(0.2, 0usize..4),
        ) {
            let places: Vec<(i64, Option<LatLon>, usize)> = units
                .iter()
                .map(|(t, lat, lon, home, kind)| {
                    // Kind 0: no coordinates.
                    let at = (*kind != 0).then_some(LatLon { lat: 52.0 + lat, lon: *lon });
                    (*t, at, *home)
                })
                .collect();
            let mut problem = hand_made(&places, 4, Some(limit));
            for (unit, (_, _, _, _, kind)) in problem.units.iter_mut().zip(&units) {
                // Kind 1: locked; kind 2: a group of two practices (one unit).
                if *kind == 1 {
                    unit.movable = false;
                }
                if *kind == 2 {
                    let second = crate::model::practice::PracticeId(unit.practices[0].0 + 1_000);
                    unit.practices.push(second);
                    unit.codes.push(format!("{}b", unit.codes[0]));
                }
            }
            if let Some(hub) = closed_hub {
                problem.hubs[hub].closed = true;
                for unit in problem.units.iter_mut().filter(|u| u.home == hub) {
                    unit.movable = false;
                }
            }
            // New hubs that may open, alike but for their labels.
            for n in 0..new_hubs {
                let mut spec = problem.hubs[0].clone();
                spec.id = crate::model::hub::HubId(100 + n as u32);
                spec.code = format!("NEW{}", n + 1);
                spec.centre_today = None;
                spec.ceiling = spec.max;
                spec.closed = false;
                spec.allowed_spread = Some(limit);
                spec.new = Some(crate::model::hub::Hub {
                    name: spec.code.clone(),
                    code: spec.code.clone(),
                    colour: 0,
                });
                problem.hubs.push(spec);
            }
            let score = |moves: &[(usize, usize)]| {
                let state = problem.state_after(moves);
                let practices: usize = moves.iter().map(|(u, _)| problem.units[*u].practices.len()).sum();
                let patients: i64 = moves.iter().map(|(u, _)| problem.units[*u].patients).sum();
                (practices, patients, problem.opened(&state), problem.total_spread(&state))
            };
            let usual = search_with(&problem, 3, 0, &|| false, TURNS);
            // The listing first; the descent first (a listing of one is too long as soon as
            // there are two).
            for most_listed in [usize::MAX, 1] {
                let turns = Turns { pass: 1, listing: u64::MAX / 4, most_listed };
                let forced = search_with(&problem, 3, 0, &|| false, turns);
                match (&usual.proof, &forced.proof) {
                    (Proof::Optimal, Proof::Optimal) => {
                        let (a, b) = (score(&usual.solutions[0]), score(&forced.solutions[0]));
                        prop_assert_eq!((a.0, a.1, a.2), (b.0, b.1, b.2));
                        prop_assert!((a.3 - b.3).abs() < 1e-9, "{:?} against {:?}", a, b);
                        // No alternative is the same change as another.
                        let mut changes: Vec<_> = forced.solutions.iter().map(|m| with_new_hubs_in_order(&problem, m)).collect();
                        changes.sort();
                        changes.dedup();
                        prop_assert_eq!(changes.len(), forced.solutions.len());
                    }
                    (Proof::Infeasible(_), Proof::Infeasible(_)) => {}
                    (Proof::Optimal, Proof::BestFound { lower_bound }) if most_listed == 1 => {
                        // The fewest patients proved, the ties too many to list: the count
                        // and the patients are the optimum's.
                        let (a, b) = (score(&usual.solutions[0]), score(&forced.solutions[0]));
                        prop_assert!(forced.fewest_patients_proved);
                        prop_assert_eq!(*lower_bound, a.0);
                        prop_assert_eq!((a.0, a.1), (b.0, b.1));
                    }
                    (a, b) => prop_assert!(false, "{:?} against {:?}", a, b),
                }
            }
        }
    }
}
