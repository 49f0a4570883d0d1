//! Suggest: hand-made regions with a known optimum (a tie, a lock that forces a second move, a
//! group that must move together, an infeasible case naming the binding constraint), a
//! proptest that every suggestion meets every constraint, and apply + undo restoring the
//! scenario exactly, and no hub above its band made a dumping ground (its excess never grows).

use pcn_explorer::model::optimise::{Constraints, Options, Outcome, Proof, suggest};
use pcn_explorer::model::{
    Band, Document, Patients, Practice, PracticeId, Region, RuleYear, Scenario,
};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Hubs `U0000A`, `U0000B`, … of practices with these lists (thousands of patients), no
/// coordinates (so spread is no limit).
fn region(hubs: &[&[u32]]) -> Scenario {
    let mut practices = Vec::new();
    let mut names = BTreeMap::new();
    for (index, lists) in hubs.iter().enumerate() {
        let hub = format!("U0000{}", (b'A' + index as u8) as char);
        names.insert(hub.clone(), format!("HUB {}", (b'A' + index as u8) as char));
        for (n, thousands) in lists.iter().enumerate() {
            let code = format!("{}{n}", (b'A' + index as u8) as char);
            let mut practice = Practice::new(
                format!("P{code}"),
                format!("SURGERY {code}"),
                Patients(i64::from(*thousands) * 100_000),
            );
            practice.baseline_hub = Some(hub.clone());
            practices.push(practice);
        }
    }
    let region = Region::new("test", practices, names).expect("valid region");
    Scenario::baseline(Arc::new(region), RuleYear::Y2025_26)
}

fn id(scenario: &Scenario, code: &str) -> PracticeId {
    scenario.region().id_of(code).expect("practice")
}

fn run(scenario: &Scenario, constraints: &Constraints, k: usize) -> Outcome {
    let options = Options {
        max_spread_km: None,
        alternatives: k,
        ..Options::default()
    };
    suggest(scenario, constraints, &options, &|| false)
}

/// Suggest on the bundled region `code` at the default spread limit (15 km), `k` alternatives,
/// stopping after `seconds`.
fn at_fifteen_km(code: &str, k: usize, seconds: f64) -> Outcome {
    let scenario = real_region(code);
    let options = Options {
        alternatives: k,
        ..Options::default()
    };
    assert_eq!(options.max_spread_km, Some(15.0));
    let started = std::time::Instant::now();
    suggest(&scenario, &Constraints::default(), &options, &|| {
        started.elapsed().as_secs_f64() >= seconds
    })
}

/// `(practice code, to hub code)` of each move of a suggestion.
fn moves(scenario: &Scenario, outcome: &Outcome, index: usize) -> Vec<(String, String)> {
    outcome.suggestions[index]
        .moves
        .iter()
        .map(|m| {
            (
                scenario
                    .region()
                    .practice(m.practice)
                    .expect("p")
                    .code
                    .clone(),
                scenario.hub(m.to).expect("hub").code.clone(),
            )
        })
        .collect()
}

#[test]
fn one_move_fixes_both_hubs_and_the_smallest_practice_that_does_is_chosen() {
    // A 55k (above), B 25k (below): moving A's 15k or a 20k fixes both; 15k moves fewer patients.
    let scenario = region(&[&[20, 20, 15], &[10, 15]]);
    let outcome = run(&scenario, &Constraints::default(), 3);
    assert_eq!(outcome.proof, Proof::Optimal);
    assert_eq!(
        moves(&scenario, &outcome, 0),
        [("PA2".to_string(), "U0000B".to_string())]
    );
    let best = &outcome.suggestions[0];
    assert_eq!(best.practices_moved, 1);
    assert_eq!(best.patients_moved, Patients(15_000 * 100));
    assert_eq!((best.hubs_in_band_before, best.hubs_in_band_after), (0, 2));
    // The alternatives are the two 20k moves, each one practice.
    assert_eq!(outcome.suggestions.len(), 3);
    assert!(
        outcome.suggestions[1..]
            .iter()
            .all(|s| s.practices_moved == 1 && s.patients_moved == Patients(20_000 * 100))
    );
}

#[test]
fn equal_alternatives_are_both_offered_in_a_fixed_order() {
    // Either 15k practice of A fixes both hubs: a tie, listed by practice.
    let scenario = region(&[&[15, 15, 25], &[25]]);
    let outcome = run(&scenario, &Constraints::default(), 2);
    assert_eq!(outcome.proof, Proof::Optimal);
    assert_eq!(
        moves(&scenario, &outcome, 0),
        [("PA0".to_string(), "U0000B".to_string())]
    );
    assert_eq!(
        moves(&scenario, &outcome, 1),
        [("PA1".to_string(), "U0000B".to_string())]
    );
}

#[test]
fn a_lock_forces_a_second_move() {
    // A [6, 24, 25] = 55k, B [14, 13] = 27k, C [31]. Without locks moving A's 6k fixes A and B.
    let scenario = region(&[&[6, 24, 25], &[14, 13], &[31]]);
    let free = run(&scenario, &Constraints::default(), 1);
    assert_eq!(
        moves(&scenario, &free, 0),
        [("PA0".to_string(), "U0000B".to_string())]
    );
    // With it locked, no single move works. The best pairs move 37,000 patients: A's 24k to B
    // and B's 13k either back to A (a swap) or on to C; they tie and come in hub order.
    let mut constraints = Constraints::default();
    constraints.locked_practices.insert(id(&scenario, "PA0"));
    let locked = run(&scenario, &constraints, 2);
    assert_eq!(locked.proof, Proof::Optimal);
    assert_eq!(
        moves(&scenario, &locked, 0),
        [
            ("PA1".to_string(), "U0000B".to_string()),
            ("PB1".to_string(), "U0000A".to_string())
        ]
    );
    assert_eq!(
        moves(&scenario, &locked, 1),
        [
            ("PA1".to_string(), "U0000B".to_string()),
            ("PB1".to_string(), "U0000C".to_string())
        ]
    );
    for suggestion in &locked.suggestions {
        assert_eq!(suggestion.practices_moved, 2);
        assert_eq!(suggestion.patients_moved, Patients(37_000 * 100));
    }
}

#[test]
fn a_group_moves_together_or_not_at_all() {
    // A [10, 10, 40] = 60k, B [10], C [45]: the two 10k practices of A are one partnership.
    let scenario = region(&[&[10, 10, 40], &[10], &[45]]);
    let mut constraints = Constraints::default();
    constraints
        .groups
        .push(vec![id(&scenario, "PA0"), id(&scenario, "PA1")]);
    let outcome = run(&scenario, &constraints, 3);
    assert_eq!(outcome.proof, Proof::Optimal);
    for suggestion in &outcome.suggestions {
        let to: Vec<_> = suggestion
            .moves
            .iter()
            .filter(|m| constraints.groups[0].contains(&m.practice))
            .map(|m| m.to)
            .collect();
        assert!(
            to.is_empty() || (to.len() == 2 && to[0] == to[1]),
            "{suggestion:?}"
        );
    }
    assert_eq!(
        moves(&scenario, &outcome, 0),
        [
            ("PA0".to_string(), "U0000B".to_string()),
            ("PA1".to_string(), "U0000B".to_string())
        ]
    );
    assert_eq!(outcome.suggestions[0].practices_moved, 2);
}

#[test]
fn an_infeasible_case_names_the_constraint_that_binds() {
    let scenario = region(&[&[20, 20, 22], &[25]]);
    let mut constraints = Constraints::default();
    constraints
        .locked_hubs
        .insert(scenario.hub_by_code("U0000A").expect("hub"));
    let outcome = run(&scenario, &constraints, 1);
    assert!(outcome.suggestions.is_empty());
    assert_eq!(
        outcome.proof,
        Proof::Infeasible(
            "the locked hub U0000A alone has 62,000 patients, above its band's 50,000".to_string()
        )
    );
    // A partnership bigger than any hub may hold.
    let scenario = region(&[&[30, 25], &[40]]);
    let mut constraints = Constraints::default();
    constraints
        .groups
        .push(vec![id(&scenario, "PA0"), id(&scenario, "PA1")]);
    let outcome = run(&scenario, &constraints, 1);
    let Proof::Infeasible(reason) = &outcome.proof else {
        panic!("{:?}", outcome.proof);
    };
    assert!(
        reason.contains("55,000 patients, more than any hub may hold (50,000)"),
        "{reason}"
    );
}

#[test]
fn applying_a_suggestion_is_one_step_and_undo_restores_the_scenario_exactly() {
    let scenario = region(&[&[6, 24, 25], &[14, 13], &[31]]);
    let outcome = run(&scenario, &Constraints::default(), 1);
    let mut document = Document::new(scenario.clone(), true);
    document
        .perform(outcome.suggestions[0].action.clone())
        .expect("applies");
    assert_eq!(document.change_count(), 1);
    assert!(
        document
            .metrics()
            .hubs
            .values()
            .all(|h| h.band == Some(Band::Within))
    );
    document.undo();
    assert_eq!(document.scenario(), &scenario);
}

fn check_every_constraint(
    scenario: &Scenario,
    constraints: &Constraints,
    outcome: &Outcome,
) -> Result<(), TestCaseError> {
    for suggestion in &outcome.suggestions {
        let mut after = scenario.clone();
        pcn_explorer::model::apply(&mut after, suggestion.action.clone()).expect("valid moves");
        for practice in &constraints.locked_practices {
            prop_assert_eq!(after.hub_of(*practice), scenario.hub_of(*practice));
        }
        for hub in &constraints.locked_hubs {
            let before: Vec<_> = scenario.members(*hub).collect();
            let now: Vec<_> = after.members(*hub).collect();
            prop_assert_eq!(before, now);
        }
        for group in &constraints.groups {
            let hubs: std::collections::BTreeSet<_> =
                group.iter().map(|p| after.hub_of(*p)).collect();
            prop_assert_eq!(hubs.len(), 1);
        }
        if suggestion.feasible {
            let metrics = pcn_explorer::model::Metrics::compute(&after);
            for (id, figures) in &metrics.hubs {
                let single = after.member_count(*id) == 1;
                prop_assert!(
                    figures.practices == 0
                        || figures.band == Some(Band::Within)
                        || (single && figures.band == Some(Band::Above)),
                    "hub {:?} {:?}",
                    id,
                    figures.registered
                );
            }
        }
    }
    Ok(())
}

/// Every hub of a suggestion that puts every hub in line spreads no further than the larger of
/// the limit and its spread today.
fn check_spread(
    scenario: &Scenario,
    limit: Option<f64>,
    outcome: &Outcome,
) -> Result<(), TestCaseError> {
    let Some(limit) = limit else {
        return Ok(());
    };
    let today = pcn_explorer::model::Metrics::compute(scenario);
    for suggestion in outcome.suggestions.iter().filter(|s| s.feasible) {
        let mut after = scenario.clone();
        pcn_explorer::model::apply(&mut after, suggestion.action.clone()).expect("valid moves");
        let metrics = pcn_explorer::model::Metrics::compute(&after);
        for (id, figures) in &metrics.hubs {
            let allowed = today
                .hubs
                .get(id)
                .and_then(|f| f.spread_km)
                .unwrap_or(0.0)
                .max(limit);
            let spread = figures.spread_km.unwrap_or(0.0);
            prop_assert!(
                figures.practices == 0 || spread <= allowed + 1e-9,
                "hub {:?} spreads {} km, allowed {}",
                id,
                spread,
                allowed
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_suggestion_meets_every_constraint(
        hubs in prop::collection::vec(prop::collection::vec(2u32..30, 1..5), 2..5),
        lock in any::<prop::sample::Index>(),
        lock_hub in any::<bool>(),
        group in any::<bool>(),
        large in any::<bool>(),
        limit in any::<bool>(),
    ) {
        let shape: Vec<&[u32]> = hubs.iter().map(Vec::as_slice).collect();
        // Hubs 2.2 km apart, so that a spread limit of 1.5 km binds.
        let scenario = near_region(&shape);
        let mut constraints = Constraints::default();
        let practices: Vec<PracticeId> = scenario.region().practice_ids().collect();
        constraints.locked_practices.insert(*lock.get(&practices));
        if lock_hub {
            constraints.locked_hubs.insert(*scenario.hubs().keys().next().expect("hub"));
        }
        if group {
            let last_hub = *scenario.hubs().keys().last().expect("hub");
            let members: Vec<PracticeId> = scenario.members(last_hub).collect();
            if members.len() >= 2 {
                constraints.groups.push(members[..2].to_vec());
            }
        }
        // `large`: searched as England is (repair, chains and ripples), not exactly.
        let max_spread_km = limit.then_some(1.5);
        let options = Options {
            max_spread_km,
            alternatives: 2,
            exact_up_to: if large { 0 } else { Options::default().exact_up_to },
            ..Options::default()
        };
        let started = std::time::Instant::now();
        let outcome = suggest(&scenario, &constraints, &options, &move || started.elapsed().as_secs() >= 2);
        check_every_constraint(&scenario, &constraints, &outcome)?;
        check_spread(&scenario, max_spread_km, &outcome)?;
        if outcome.proof == Proof::Optimal {
            prop_assert!(!outcome.suggestions.is_empty());
            prop_assert!(outcome.suggestions.iter().all(|s| s.feasible));
        }
    }
}

#[test]
fn locks_groups_and_bands_are_saved_in_the_scenario_and_old_files_have_none() {
    use pcn_explorer::io::scenario_file::{read_scenario, scenario_to_string};
    let scenario = region(&[&[6, 24, 25], &[14, 13], &[31]]);
    let plain = scenario_to_string(&scenario);
    assert!(!plain.contains("locked"), "{plain}");
    let read = read_scenario("plain.ron", plain.as_bytes())
        .expect("reads")
        .scenario;
    assert!(read.constraints().is_empty());
    let mut constraints = Constraints::default();
    constraints.locked_practices.insert(id(&scenario, "PA0"));
    constraints
        .locked_hubs
        .insert(scenario.hub_by_code("U0000C").expect("hub"));
    constraints
        .groups
        .push(vec![id(&scenario, "PB0"), id(&scenario, "PB1")]);
    constraints.bands.insert(
        scenario.hub_by_code("U0000B").expect("hub"),
        (Patients(20_000 * 100), Patients(50_000 * 100)),
    );
    let mut document = Document::new(scenario, true);
    document
        .perform(pcn_explorer::model::Action::SetConstraints(Box::new(
            constraints.clone(),
        )))
        .expect("valid");
    let text = scenario_to_string(document.scenario());
    assert!(text.contains("locked_practices"), "{text}");
    let read = read_scenario("locks.ron", text.as_bytes())
        .expect("reads")
        .scenario;
    assert_eq!(read.constraints(), &constraints);
    // An unknown code in the file is named with its field.
    let at = text.find("locked_practices").expect("field");
    let broken = format!(
        "{}{}",
        &text[..at],
        text[at..].replacen("\"PA0\"", "\"ZZ999\"", 1)
    );
    let error = read_scenario("locks.ron", broken.as_bytes()).expect_err("refused");
    let message = format!("{error:#}");
    assert!(
        message.contains("locked_practices[0]") && message.contains("ZZ999"),
        "{message}"
    );
    // A lower band: B at 27k is now in its band, so only A must change.
    let outcome = run(&read, read.constraints(), 1);
    assert_eq!(outcome.proof, Proof::Optimal);
    assert!(
        outcome.suggestions[0]
            .moves
            .iter()
            .all(|m| m.practice != id(&read, "PA0"))
    );
    document.undo();
    assert!(document.scenario().constraints().is_empty());
}

fn real_region(code: &str) -> Scenario {
    let path = format!(
        "{}/tests/data/region_{code}.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    pcn_explorer::io::open_path(std::path::Path::new(&path), None)
        .expect("region file")
        .scenario
}

/// The greedy repair and its seeded local search (no exact search, no time limit): the same
/// seed gives the same batch; the seed does change the answer on 11N at 15 km (on West Sussex
/// it no longer does, since no practice may join a hub it leaves above its band).
#[test]
fn the_same_seed_gives_the_same_batch_and_another_seed_may_differ() {
    let scenario = real_region("11N");
    let batch = |seed: u64| {
        let options = Options {
            max_spread_km: Some(15.0),
            alternatives: 1,
            exact_up_to: 0,
            threads: 2,
            seed,
            new_hubs: 0,
        };
        let outcome = suggest(&scenario, &Constraints::default(), &options, &|| false);
        outcome
            .suggestions
            .first()
            .map(|s| s.action.clone())
            .expect("a suggestion")
    };
    let first = batch(7);
    assert_eq!(first, batch(7), "seed 7 twice");
    let others: Vec<_> = (0..4).map(batch).collect();
    assert!(
        others.iter().any(|b| *b != first),
        "five seeds, one batch: the seed changes nothing"
    );
}

/// The lower bound (which knows spread) never exceeds the moves of an answer that puts every
/// hub in line, and every answer meets every constraint, on the real regions at 15 km.
#[test]
fn the_lower_bound_never_exceeds_a_feasible_answer_on_the_real_regions() {
    for code in ["01H", "11N", "70F"] {
        let scenario = real_region(code);
        let constraints = Constraints::default();
        let options = Options {
            max_spread_km: Some(15.0),
            alternatives: 1,
            threads: 2,
            ..Options::default()
        };
        let started = std::time::Instant::now();
        let outcome = suggest(&scenario, &constraints, &options, &move || {
            started.elapsed().as_millis() >= 1500
        });
        let first = outcome.suggestions.first().expect("a suggestion");
        if let Proof::BestFound { lower_bound } = outcome.proof
            && first.feasible
        {
            assert!(
                first.practices_moved >= lower_bound,
                "{code}: {} moved, bound {lower_bound}",
                first.practices_moved
            );
        }
        assert!(
            first.hubs_in_band_after >= first.hubs_in_band_before,
            "{code}"
        );
        // Every hub keeps to the spread rule: no wider than the larger of 15 km and today.
        let before = pcn_explorer::model::Metrics::compute(&scenario);
        let mut after = scenario.clone();
        pcn_explorer::model::apply(&mut after, first.action.clone()).expect("valid moves");
        let now = pcn_explorer::model::Metrics::compute(&after);
        if first.feasible {
            for (id, figures) in &now.hubs {
                let today = before.hubs.get(id).and_then(|f| f.spread_km).unwrap_or(0.0);
                let spread = figures.spread_km.unwrap_or(0.0);
                assert!(
                    spread <= today.max(15.0) + 1e-3,
                    "{code}: hub {id:?} spreads {spread} km (today {today})"
                );
            }
        }
    }
}

/// Like [`region`], with each practice at `(lat, lon)` (same shape as the lists).
fn placed_region(hubs: &[&[u32]], at: &[&[(f64, f64)]]) -> Scenario {
    let mut practices = Vec::new();
    let mut names = BTreeMap::new();
    for (index, lists) in hubs.iter().enumerate() {
        let hub = format!("U0000{}", (b'A' + index as u8) as char);
        names.insert(hub.clone(), format!("HUB {}", (b'A' + index as u8) as char));
        for (n, thousands) in lists.iter().enumerate() {
            let code = format!("{}{n}", (b'A' + index as u8) as char);
            let mut practice = Practice::new(
                format!("P{code}"),
                format!("SURGERY {code}"),
                Patients(i64::from(*thousands) * 100_000),
            );
            practice.baseline_hub = Some(hub.clone());
            let (lat, lon) = at[index][n];
            practice.location = Some(pcn_explorer::model::LatLon { lat, lon });
            practices.push(practice);
        }
    }
    let region = Region::new("test", practices, names).expect("valid region");
    Scenario::baseline(Arc::new(region), RuleYear::Y2025_26)
}

#[test]
fn among_equal_moves_the_destination_with_the_least_spread_is_chosen_and_proved() {
    // A [20, 20, 15] = 55k must lose its 15k practice (PA2, at 52.0 N 0.02 E); B (35k, at
    // 0.03 E, 0.7 km away) and C (35k, 50 km north) can each take it: one move, 15,000 patients
    // either way; into B the hubs spread least. Second best: into C.
    let scenario = placed_region(
        &[&[20, 20, 15], &[35], &[35]],
        &[
            &[(52.0, 0.0), (52.0, 0.01), (52.0, 0.02)],
            &[(52.0, 0.03)],
            &[(52.45, 0.02)],
        ],
    );
    let outcome = run(&scenario, &Constraints::default(), 2);
    assert_eq!(outcome.proof, Proof::Optimal);
    assert_eq!(
        moves(&scenario, &outcome, 0),
        [("PA2".to_string(), "U0000B".to_string())]
    );
    assert_eq!(
        moves(&scenario, &outcome, 1),
        [("PA2".to_string(), "U0000C".to_string())]
    );
    assert!(outcome.suggestions[0].total_spread_km < outcome.suggestions[1].total_spread_km);
}

/// A move by hand takes the practices the moved one moves together with (those in its hub),
/// as one batch; a lock on any of them refuses it and says why.
#[test]
fn a_move_by_hand_takes_the_group_and_a_lock_on_a_partner_refuses_it() {
    use pcn_explorer::model::{Action, describe, hand_move};
    let mut scenario = region(&[&[10, 10, 40], &[10], &[45]]);
    let (a0, a1, a2) = (
        id(&scenario, "PA0"),
        id(&scenario, "PA1"),
        id(&scenario, "PA2"),
    );
    let b = scenario.hub_by_code("U0000B").expect("hub B");
    // No group: one move.
    assert_eq!(
        hand_move(&scenario, a0, Some(b)),
        Ok(Action::MovePractice {
            practice: a0,
            to: Some(b)
        })
    );
    let mut constraints = Constraints::default();
    constraints.groups.push(vec![a0, a1]);
    let mut document = Document::new(scenario.clone(), true);
    document
        .perform(Action::SetConstraints(Box::new(constraints.clone())))
        .expect("constraints");
    scenario = document.scenario().clone();
    let action = hand_move(&scenario, a1, Some(b)).expect("allowed");
    assert_eq!(
        action,
        Action::Batch(vec![
            Action::MovePractice {
                practice: a1,
                to: Some(b)
            },
            Action::MovePractice {
                practice: a0,
                to: Some(b)
            },
        ])
    );
    assert_eq!(
        describe(&scenario, &action),
        "Move Surgery A1 and Surgery A0 to Hub B"
    );
    document.perform(action).expect("moved");
    assert_eq!(document.scenario().hub_of(a0), Some(b));
    assert_eq!(document.scenario().hub_of(a1), Some(b));
    assert_eq!(document.scenario().hub_of(a2), scenario.hub_of(a2));
    document.undo();
    assert_eq!(document.scenario(), &scenario);
    // Lock PA0: moving PA1 by hand is refused, naming the lock.
    constraints.locked_practices.insert(a0);
    document
        .perform(Action::SetConstraints(Box::new(constraints)))
        .expect("constraints");
    let refused = hand_move(document.scenario(), a1, Some(b)).expect_err("refused");
    assert!(
        refused.starts_with("it moves together with another practice: ")
            && refused.contains("locked"),
        "{refused}"
    );
}

/// An answer not proved optimal whose count equals the lower bound has its count proved
/// (only the patients tie-break is open); below it, not.
#[test]
fn a_count_equal_to_the_lower_bound_is_proved_the_fewest() {
    let scenario = region(&[&[10, 10, 40], &[10], &[45]]);
    let mut outcome = run(&scenario, &Constraints::default(), 1);
    assert_eq!(outcome.proof, Proof::Optimal);
    assert!(!outcome.count_proved(), "optimal is more than the count");
    let moved = outcome.suggestions[0].practices_moved;
    outcome.proof = Proof::BestFound { lower_bound: moved };
    assert!(outcome.count_proved());
    outcome.proof = Proof::BestFound {
        lower_bound: moved - 1,
    };
    assert!(!outcome.count_proved());
}

/// West Sussex with no spread limit: 9 moves (the lower bound), and among them the fewest
/// patients (81,844.75) and then the least spread, proved (the search runs to its end).
#[test]
fn west_sussex_without_a_spread_limit_is_proved_optimal() {
    let scenario = real_region("70F");
    let options = Options {
        max_spread_km: None,
        alternatives: 1,
        ..Options::default()
    };
    let outcome = suggest(&scenario, &Constraints::default(), &options, &|| false);
    assert_eq!(outcome.proof, Proof::Optimal);
    let best = &outcome.suggestions[0];
    assert_eq!(best.practices_moved, 9);
    assert_eq!(best.patients_moved, Patients(8_184_475));
    assert_eq!(best.hubs_in_band_after, 20);
}

/// West Sussex at the default 15 km: 9 moves (the lower bound; the search used to stop at a
/// 10-move answer it could not prove), the fewest patients among them 91,230, proved. Needs
/// the check that what must still move finds room near enough (placement.rs): without it the
/// search does not finish in minutes.
#[test]
fn west_sussex_at_fifteen_km_is_proved_optimal_with_nine_moves() {
    let outcome = at_fifteen_km("70F", 1, 120.0);
    assert_eq!(outcome.proof, Proof::Optimal);
    let best = &outcome.suggestions[0];
    assert!(best.feasible);
    assert_eq!(best.practices_moved, 9);
    assert_eq!(best.patients_moved, Patients(9_123_000));
    assert_eq!(best.hubs_in_band_after, 20);
}

/// North Cumbria (01H) at 15 km: 7 moves are the fewest (a budget of 6 is refuted), and
/// among them 64,265.75 patients the fewest (a budget of patients one hundredth below is
/// refuted, where the count search's own bound on patients had not ended in 30 s); the
/// changes that move as many are listed and compared by spread: proved optimal.
#[test]
fn north_cumbria_at_fifteen_km_is_proved_optimal_by_a_budget_of_patients() {
    let outcome = at_fifteen_km("01H", 3, 300.0);
    assert_eq!(outcome.proof, Proof::Optimal);
    assert!(outcome.fewest_patients_proved);
    let best = &outcome.suggestions[0];
    assert!(best.feasible);
    assert_eq!(best.practices_moved, 7);
    assert_eq!(best.patients_moved, Patients(6_426_575));
    assert_eq!(best.hubs_in_band_after, 8);
    // Three alternatives, the others no better than the first.
    assert_eq!(outcome.suggestions.len(), 3);
    for other in &outcome.suggestions[1..] {
        assert!(
            (other.practices_moved, other.patients_moved)
                >= (best.practices_moved, best.patients_moved)
        );
    }
}

/// North Cumbria (01H) and Cornwall (11N) at 15 km: the count search alone found nothing
/// with every hub in band (the best left one hub out); an arrangement that puts every hub in
/// line exists (optimise/feasible.rs finds one), and relabelled and improved it is the answer,
/// every hub in band, not called optimal, never below the lower bound.
#[test]
fn north_cumbria_and_cornwall_at_fifteen_km_get_every_hub_in_band() {
    // (11N's arrangement takes about 0.6 s in a release build, several in a debug one; 01H's
    // takes about 2.5 s in a debug build, more with both cores busy, and its proof about 10 s.)
    for (code, seconds) in [("01H", 8.0), ("11N", 15.0)] {
        let outcome = at_fifteen_km(code, 1, seconds);
        let lower_bound = match outcome.proof {
            Proof::BestFound { lower_bound } => lower_bound,
            // (01H is proved optimal in about 1 s in a release build.)
            Proof::Optimal if code == "01H" => outcome.suggestions[0].practices_moved,
            other => panic!("{code}: {other:?}"),
        };
        let best = &outcome.suggestions[0];
        assert!(best.feasible, "{code}: {best:?}");
        assert_eq!(best.hubs_in_band_after, best.hubs_after, "{code}");
        assert!(best.practices_moved >= lower_bound, "{code}");
        assert!(best.out_of_line.is_empty(), "{code}");
    }
}

/// Cornwall (11N) at 15 km is not proved (a budget of 8 moves is not decided in a minute): the
/// search then has no alternatives of its own, and the others are found near the best
/// (optimise/others.rs). Three are asked for and three given, each with every hub in band,
/// none the same, none with fewer practices moved than the first, none below the lower bound.
#[test]
fn an_unproved_answer_still_offers_k_alternatives_each_with_every_hub_in_band() {
    // (Its arrangement takes several seconds in a debug build.)
    let outcome = at_fifteen_km("11N", 3, 15.0);
    let lower_bound = match outcome.proof {
        Proof::BestFound { lower_bound } => lower_bound,
        // (A much faster machine may prove it: then the alternatives are the search's own.)
        Proof::Optimal => 0,
        Proof::Infeasible(reason) => panic!("11N: {reason}"),
    };
    assert_eq!(outcome.suggestions.len(), 3, "{outcome:?}");
    let first = &outcome.suggestions[0];
    for (index, suggestion) in outcome.suggestions.iter().enumerate() {
        assert!(suggestion.feasible, "alternative {}", index + 1);
        assert_eq!(suggestion.hubs_in_band_after, suggestion.hubs_after);
        assert!(suggestion.practices_moved >= lower_bound);
        assert!(suggestion.practices_moved >= first.practices_moved);
        for earlier in &outcome.suggestions[..index] {
            assert_ne!(earlier.moves, suggestion.moves, "alternative {}", index + 1);
        }
    }
}

/// `(practices moved, patients moved, total spread)` of the best assignment of every practice
/// to one of the hubs (`locked` staying where it is), tried all (each hub in band or empty or one practice alone above it;
/// none wider than the larger of `limit` and its spread today), or `None` if none is.
fn brute_force(
    scenario: &Scenario,
    limit: f64,
    locked: Option<PracticeId>,
    new_hubs: usize,
) -> Option<(usize, i64, usize, f64)> {
    use pcn_explorer::model::geo::distance_km;
    let region = scenario.region();
    let practices: Vec<PracticeId> = region.practice_ids().collect();
    let hubs: Vec<_> = scenario.hubs().keys().copied().collect();
    let home: Vec<usize> = practices
        .iter()
        .map(|p| {
            hubs.iter()
                .position(|h| Some(*h) == scenario.hub_of(*p))
                .expect("home")
        })
        .collect();
    let spread = |members: &[usize]| -> f64 {
        let points: Vec<_> = members
            .iter()
            .map(|i| {
                let p = region.practice(practices[*i]).expect("p");
                (
                    p.location.expect("at"),
                    p.registered_patients.as_f64().max(1.0),
                )
            })
            .collect();
        let weight: f64 = points.iter().map(|(_, w)| w).sum();
        if weight <= 0.0 {
            return 0.0;
        }
        let centre = pcn_explorer::model::LatLon {
            lat: points.iter().map(|(p, w)| p.lat * w).sum::<f64>() / weight,
            lon: points.iter().map(|(p, w)| p.lon * w).sum::<f64>() / weight,
        };
        points
            .iter()
            .map(|(p, _)| distance_km(centre, *p))
            .fold(0.0, f64::max)
    };
    let patients = |i: usize| {
        region
            .practice(practices[i])
            .expect("p")
            .registered_patients
            .0
    };
    // New hubs (after today's) are empty today: no spread.
    let today: Vec<f64> = (0..hubs.len() + new_hubs)
        .map(|h| {
            spread(
                &(0..practices.len())
                    .filter(|i| home[*i] == h)
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let targets = today.len();
    let mut best: Option<(usize, i64, usize, f64)> = None;
    let mut at = vec![0usize; practices.len()];
    loop {
        let mut ok = locked.is_none_or(|p| {
            let i = practices.iter().position(|q| *q == p).expect("locked");
            at[i] == home[i]
        });
        let mut total = 0.0;
        for (h, wide_today) in today.iter().enumerate() {
            let members: Vec<usize> = (0..practices.len()).filter(|i| at[*i] == h).collect();
            if members.is_empty() {
                continue;
            }
            let sum: i64 = members.iter().map(|i| patients(*i)).sum();
            let width = spread(&members);
            total += width;
            let in_band = sum >= 3_000_000 && (sum <= 5_000_000 || members.len() == 1);
            if !in_band || width > limit.max(*wide_today) + 1e-6 {
                ok = false;
                break;
            }
        }
        if ok {
            let moved: Vec<usize> = (0..practices.len())
                .filter(|i| at[*i] != home[*i])
                .collect();
            let opened = (hubs.len()..targets).filter(|h| at.contains(h)).count();
            let score = (
                moved.len(),
                moved.iter().map(|i| patients(*i)).sum::<i64>(),
                opened,
                total,
            );
            if best.is_none_or(|b| {
                (score.0, score.1, score.2) < (b.0, b.1, b.2)
                    || ((score.0, score.1, score.2) == (b.0, b.1, b.2) && score.3 < b.3)
            }) {
                best = Some(score);
            }
        }
        // Next assignment (counting in base `hubs`).
        let mut digit = 0;
        loop {
            if digit == at.len() {
                return best;
            }
            at[digit] += 1;
            if at[digit] < targets {
                break;
            }
            at[digit] = 0;
            digit += 1;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// The exact search's proved optimum is the brute force's: the same practices moved,
    /// patients moved and total spread (and infeasible exactly when nothing is feasible),
    /// with or without one practice locked and a new hub that may open.
    #[test]
    fn the_proved_optimum_is_the_best_of_all_assignments(
        hubs in prop::collection::vec(prop::collection::vec((prop::sample::select(vec![5u32, 10, 15, 20, 25]), 0.0f64..0.4, 0.0f64..0.4), 1..4), 2..5),
        limit in prop::sample::select(vec![8.0f64, 12.0, 1000.0]),
        lock in any::<Option<prop::sample::Index>>(),
        new_hubs in 0usize..2,
    ) {
        let lists: Vec<Vec<u32>> = hubs.iter().map(|h| h.iter().map(|p| p.0).collect()).collect();
        let at: Vec<Vec<(f64, f64)>> = hubs
            .iter()
            .map(|h| h.iter().map(|p| (52.0 + p.1, p.2)).collect())
            .collect();
        // (Up to 4^8 assignments, or 4^6 with a new hub as a fifth place: the brute force is slow.)
        let practices = lists.iter().map(Vec::len).sum::<usize>();
        prop_assume!(practices <= if new_hubs == 0 { 8 } else { 6 });
        let shape: Vec<&[u32]> = lists.iter().map(Vec::as_slice).collect();
        let places: Vec<&[(f64, f64)]> = at.iter().map(Vec::as_slice).collect();
        let scenario = placed_region(&shape, &places);
        let ids: Vec<PracticeId> = scenario.region().practice_ids().collect();
        let locked = lock.map(|index| *index.get(&ids));
        let mut constraints = Constraints::default();
        constraints.locked_practices.extend(locked);
        let options = Options { max_spread_km: Some(limit), alternatives: 1, new_hubs, ..Options::default() };
        let outcome = suggest(&scenario, &constraints, &options, &|| false);
        let expected = brute_force(&scenario, limit, locked, new_hubs);
        match (&outcome.proof, expected) {
            (Proof::Optimal, Some((practices, patients, opened, spread))) => {
                let best = &outcome.suggestions[0];
                prop_assert_eq!(best.practices_moved, practices);
                prop_assert_eq!(best.patients_moved, Patients(patients));
                prop_assert_eq!(best.new_hubs.len(), opened);
                prop_assert!((best.total_spread_km - spread).abs() < 1e-6, "{} against {}", best.total_spread_km, spread);
            }
            (Proof::Infeasible(_), None) => {}
            (proof, expected) => prop_assert!(false, "{:?} against {:?}", proof, expected),
        }
    }
}

/// The reason `explain` gives for hub `code` of `scenario` as it stands (no moves), with no
/// spread limit.
fn reason_today(
    scenario: &Scenario,
    constraints: &Constraints,
    code: &str,
) -> Option<pcn_explorer::model::optimise::Reason> {
    let options = Options {
        max_spread_km: None,
        ..Options::default()
    };
    let problem = pcn_explorer::model::optimise::Problem::build(scenario, constraints, &options)
        .expect("problem");
    pcn_explorer::model::optimise::explain::explain(&problem, &problem.start(), false)
        .into_iter()
        .find(|h| h.code == code)
        .map(|h| h.reason)
}

#[test]
fn each_hub_left_out_of_band_says_why() {
    use pcn_explorer::model::optimise::Reason;
    // Locked hub A at 55,000.
    let scenario = region(&[&[30, 25], &[20]]);
    let mut locked_hub = Constraints::default();
    locked_hub
        .locked_hubs
        .insert(scenario.hub_by_code("U0000A").expect("hub"));
    assert_eq!(
        reason_today(&scenario, &locked_hub, "U0000A"),
        Some(Reason::LockedHub)
    );
    // Both of A's practices locked: 55,000 patients that cannot leave.
    let mut locked = Constraints::default();
    locked.locked_practices.insert(id(&scenario, "PA0"));
    locked.locked_practices.insert(id(&scenario, "PA1"));
    assert_eq!(
        reason_today(&scenario, &locked, "U0000A"),
        Some(Reason::LockedAbove {
            locked: Patients(55_000 * 100)
        })
    );
    // A [30, 25], B [45]: neither of A's practices fits in B (75,000, 70,000).
    let full = region(&[&[30, 25], &[45]]);
    assert_eq!(
        reason_today(&full, &Constraints::default(), "U0000A"),
        Some(Reason::NoHubCanTake { movable: 2 })
    );
    // A [30, 25, 2, 2] = 59,000 must shed 9,000; B [47] has room for 3,000 (a 2,000 fits).
    let tight = region(&[&[30, 25, 2, 2], &[47]]);
    assert_eq!(
        reason_today(&tight, &Constraints::default(), "U0000A"),
        Some(Reason::NoRoom {
            excess: Patients(9_000 * 100),
            room: Patients(3_000 * 100),
            hubs: 1,
            needs_hubs: 2
        })
    );
    // A [10] below, its practice locked; B [16, 16] would fall below 30,000 giving either.
    let poor = region(&[&[10], &[16, 16]]);
    let mut lock_a = Constraints::default();
    lock_a.locked_practices.insert(id(&poor, "PA0"));
    assert_eq!(
        reason_today(&poor, &lock_a, "U0000A"),
        Some(Reason::NoHubCanGive {
            locked: 1,
            homeless: 0
        })
    );
    // A [20, 20, 15]: its 15,000 into B [30] puts both in band.
    let one = region(&[&[20, 20, 15], &[30]]);
    assert_eq!(
        reason_today(&one, &Constraints::default(), "U0000A"),
        Some(Reason::OneMoveWouldDo {
            to: "U0000B".to_string()
        })
    );
    // A [24, 24, 4, 4, 4] = 60,000 must shed 10,000: each 4,000 fits in B [40] or C [40]
    // (3 practices x 2 hubs), none alone is enough.
    let chain = region(&[&[24, 24, 4, 4, 4], &[40], &[40]]);
    assert_eq!(
        reason_today(&chain, &Constraints::default(), "U0000A"),
        Some(Reason::NotFound { moves: 6 })
    );
    // And a suggestion carries them: at 15 km A [30, 15, 10] (52.0 N) can send no practice
    // to D or E (54.0 N, 222 km away), which have room by band, while E's 6,000 goes to D.
    let far = placed_region(
        &[&[30, 15, 10], &[24], &[40, 6]],
        &[
            &[(52.0, 0.0), (52.0, 0.01), (52.0, 0.02)],
            &[(54.0, 0.0)],
            &[(54.0, 0.01), (54.0, 0.02)],
        ],
    );
    let options = Options {
        max_spread_km: Some(15.0),
        alternatives: 1,
        ..Options::default()
    };
    let outcome = suggest(&far, &Constraints::default(), &options, &|| false);
    assert!(
        matches!(outcome.proof, Proof::Infeasible(_)),
        "{:?}",
        outcome.proof
    );
    let best = &outcome.suggestions[0];
    assert_eq!(best.practices_moved, 1);
    assert_eq!(best.out_of_line.len(), 1);
    assert_eq!(best.out_of_line[0].code, "U0000A");
    assert_eq!(
        best.out_of_line[0].reason,
        Reason::NoHubCanTake { movable: 3 }
    );
    assert_eq!(
        best.out_of_line[0].text(),
        "U0000A (55,000 patients, above 50,000): none of its 3 practice(s) that may move can join another hub without taking that hub above its band or past the spread limit"
    );
}

#[test]
fn a_hub_over_its_band_splits_into_a_new_hub_when_new_hubs_may_open() {
    // A [16, 16, 16, 16] = 64,000, B [40]: no hub can take 16,000 (B would be 56,000), and
    // 104,000 patients need three hubs of at most 50,000. With new hubs allowed, two 16,000
    // practices open NEW1 (32,000; A keeps 32,000): two moves, 32,000 patients, proved.
    let scenario = region(&[&[16, 16, 16, 16], &[40]]);
    let closed = run(&scenario, &Constraints::default(), 1);
    assert!(
        matches!(closed.proof, Proof::Infeasible(_)),
        "{:?}",
        closed.proof
    );
    let options = Options {
        max_spread_km: None,
        alternatives: 1,
        new_hubs: 2,
        ..Options::default()
    };
    let outcome = suggest(&scenario, &Constraints::default(), &options, &|| false);
    assert_eq!(outcome.proof, Proof::Optimal);
    let best = &outcome.suggestions[0];
    assert!(best.feasible);
    assert_eq!(best.practices_moved, 2);
    assert_eq!(best.patients_moved, Patients(32_000 * 100));
    assert_eq!(best.new_hubs.len(), 1, "one new hub is enough");
    assert_eq!(best.new_hubs[0].1, "NEW1");
    assert_eq!((best.hubs_in_band_after, best.hubs_after), (3, 3));
    // Applying it creates the hub and moves the two practices: one undo step restores all.
    let mut document = Document::new(scenario.clone(), true);
    document.perform(best.action.clone()).expect("applies");
    let new = document.scenario().hub_by_code("NEW1").expect("created");
    assert_eq!(document.scenario().members(new).count(), 2);
    assert!(
        document
            .metrics()
            .hubs
            .values()
            .all(|h| h.band == Some(Band::Within))
    );
    document.undo();
    assert_eq!(document.scenario(), &scenario);
}

#[test]
fn the_repair_moves_nothing_that_puts_no_hub_in_band() {
    use pcn_explorer::model::optimise::Reason;
    // A: ten practices of 10,000 (100,000); B [40] has room for one of them, which would leave
    // A 40,000 above its band still: a move for nothing, so none is made, and A says why.
    let scenario = region(&[&[10; 10], &[40]]);
    let options = Options {
        max_spread_km: None,
        alternatives: 1,
        exact_up_to: 0,
        ..Options::default()
    };
    // The local search's last pass alone (no annealing steps) sends the move home.
    let problem =
        pcn_explorer::model::optimise::Problem::build(&scenario, &Constraints::default(), &options)
            .expect("problem");
    let b = scenario.hub_by_code("U0000B").expect("hub");
    let b = problem.hubs.iter().position(|h| h.id == b).expect("B");
    let a = 1 - b;
    let unit = (0..problem.units.len())
        .find(|u| problem.units[*u].home == a)
        .expect("a practice of A");
    let improved = pcn_explorer::model::optimise::local::improve(
        &problem,
        &[0, 1],
        &[vec![1], vec![0]],
        &[(unit, b)],
        0,
        0,
        &|| false,
    );
    assert!(improved.is_empty(), "{improved:?}");
    // A pair: one of A's 10,000 went to B [28, 14] and B's 14,000 on to C [30] to make room.
    // Neither can go home alone (B would be 28,000, or 52,000); together they can, and A is
    // above its band either way.
    let chain = region(&[&[10; 10], &[28, 14], &[30]]);
    let problem =
        pcn_explorer::model::optimise::Problem::build(&chain, &Constraints::default(), &options)
            .expect("problem");
    let hub = |code: &str| {
        let id = chain.hub_by_code(code).expect("hub");
        problem.hubs.iter().position(|h| h.id == id).expect("hub")
    };
    let unit = |code: &str| {
        let id = id(&chain, code);
        (0..problem.units.len())
            .find(|u| problem.units[*u].practices == [id])
            .expect("unit")
    };
    let start = [(unit("PA0"), hub("U0000B")), (unit("PB1"), hub("U0000C"))];
    let near = vec![vec![1, 2], vec![0, 2], vec![0, 1]];
    let improved = pcn_explorer::model::optimise::local::improve(
        &problem,
        &[0, 1, 2],
        &near,
        &start,
        0,
        0,
        &|| false,
    );
    assert!(improved.is_empty(), "{improved:?}");
    let outcome = suggest(&scenario, &Constraints::default(), &options, &|| false);
    let best = &outcome.suggestions[0];
    assert_eq!(best.practices_moved, 0);
    assert_eq!(best.out_of_line.len(), 1);
    assert_eq!(
        best.out_of_line[0].reason,
        Reason::NoRoom {
            excess: Patients(50_000 * 100),
            room: Patients(10_000 * 100),
            hubs: 1,
            needs_hubs: 2
        }
    );
}

#[test]
fn england_sized_search_splits_a_hub_far_above_its_band_into_new_hubs() {
    // The repair path (as for England): A has ten practices of 10,000 in a row running north
    // (100,000); B [40] at the side has room for none that would help. With new hubs allowed
    // A is cut in two runs of five (50,000 each) along its length: the southern five stay,
    // the northern five open NEW1.
    let at: Vec<(f64, f64)> = (0..10).map(|i| (52.0 + 0.01 * f64::from(i), 0.0)).collect();
    let scenario = placed_region(&[&[10; 10], &[40]], &[&at, &[(52.0, 0.5)]]);
    let options = Options {
        max_spread_km: Some(15.0),
        alternatives: 1,
        exact_up_to: 0,
        new_hubs: 3,
        ..Options::default()
    };
    let outcome = suggest(&scenario, &Constraints::default(), &options, &|| false);
    let best = &outcome.suggestions[0];
    assert!(best.feasible, "{:?}", best.out_of_line);
    assert_eq!(best.new_hubs.len(), 1);
    assert_eq!(best.practices_moved, 5);
    assert_eq!(best.patients_moved, Patients(50_000 * 100));
    let new = best.new_hubs[0].clone();
    assert_eq!(new.1, "NEW1");
    let mut moved: Vec<String> = best
        .moves
        .iter()
        .map(|m| {
            assert_eq!(m.to, new.0);
            scenario
                .region()
                .practice(m.practice)
                .expect("p")
                .code
                .clone()
        })
        .collect();
    moved.sort();
    assert_eq!(moved, ["PA5", "PA6", "PA7", "PA8", "PA9"]);
    // A practice above the band on its own (60,000) leaves for a new hub alone; the four of
    // 10,000 stay.
    let giant = placed_region(&[&[60, 10, 10, 10, 10], &[40]], &[&at[..5], &[(52.0, 0.5)]]);
    let outcome = suggest(&giant, &Constraints::default(), &options, &|| false);
    let best = &outcome.suggestions[0];
    assert!(best.feasible, "{:?}", best.out_of_line);
    assert_eq!(best.practices_moved, 1);
    assert_eq!(best.patients_moved, Patients(60_000 * 100));
    assert_eq!(best.new_hubs.len(), 1);
    // Without new hubs nothing helps: A stays above its band and says why.
    let closed = Options {
        new_hubs: 0,
        ..options
    };
    let outcome = suggest(&scenario, &Constraints::default(), &closed, &|| false);
    assert_eq!(outcome.suggestions[0].practices_moved, 0);
    assert_eq!(outcome.suggestions[0].out_of_line.len(), 1);
}

/// No hub of more than one practice ends further above its band (50,000) than it is today:
/// its patients after are at most the larger of 50,000 and its patients today; and no
/// practice moves into a hub that ends above its band (but a practice above it alone).
fn no_hub_grows_above_its_band(scenario: &Scenario, outcome: &Outcome) -> Result<(), String> {
    let top = Patients(50_000 * 100);
    let today = pcn_explorer::model::Metrics::compute(scenario);
    for suggestion in &outcome.suggestions {
        let mut after = scenario.clone();
        pcn_explorer::model::apply(&mut after, suggestion.action.clone()).expect("valid moves");
        let metrics = pcn_explorer::model::Metrics::compute(&after);
        for (id, figures) in &metrics.hubs {
            let before = today.hubs.get(id).map_or(Patients(0), |f| f.registered);
            if figures.practices > 1 && figures.registered > top.max(before) {
                return Err(format!(
                    "hub {} grew from {} to {} patients (band top {top})",
                    after.hub(*id).map_or("?", |h| h.code.as_str()),
                    before,
                    figures.registered
                ));
            }
        }
        for m in &suggestion.moves {
            let figures = &metrics.hubs[&m.to];
            if figures.practices > 1 && figures.registered > top {
                return Err(format!(
                    "a practice moved into {}, which ends above its band with {}",
                    after.hub(m.to).map_or("?", |h| h.code.as_str()),
                    figures.registered
                ));
            }
        }
    }
    Ok(())
}

/// [`placed_region`] with hub `i`'s practices a few hundred metres apart at 52.0 + 0.02 i
/// north: every hub near every other (so the repair, which moves between near hubs, may move
/// between any two).
fn near_region(hubs: &[&[u32]]) -> Scenario {
    let at: Vec<Vec<(f64, f64)>> = hubs
        .iter()
        .enumerate()
        .map(|(i, lists)| {
            (0..lists.len())
                .map(|n| (52.0 + 0.02 * i as f64, 0.005 * n as f64))
                .collect()
        })
        .collect();
    let at: Vec<&[(f64, f64)]> = at.iter().map(Vec::as_slice).collect();
    placed_region(hubs, &at)
}

#[test]
fn a_hub_above_its_band_is_never_a_dumping_ground() {
    // A [40, 30] is 70,000, C [45, 10] 55,000: both above the band, and 125,000 patients
    // cannot fit two hubs of 50,000 (so the repair runs, as for England). Moving C's 10,000
    // into A would bring C in band (one hub in band instead of none) but leave A 30,000
    // above its band instead of 20,000: no suggestion may do it, and A takes nothing.
    let scenario = near_region(&[&[40, 30], &[45, 10]]);
    let a = scenario.hub_by_code("U0000A").expect("hub");
    for (exact_up_to, new_hubs) in [(400, 0), (0, 0), (0, 3)] {
        let options = Options {
            max_spread_km: None,
            alternatives: 1,
            exact_up_to,
            new_hubs,
            ..Options::default()
        };
        let outcome = suggest(&scenario, &Constraints::default(), &options, &|| false);
        assert!(!outcome.suggestions.is_empty());
        no_hub_grows_above_its_band(&scenario, &outcome).expect("no hub grows");
        for suggestion in &outcome.suggestions {
            assert!(
                suggestion.moves.iter().all(|m| m.to != a),
                "a practice moved into A, which is above its band: {:?}",
                moves(&scenario, &outcome, 0)
            );
        }
        if new_hubs == 0 {
            assert_eq!(outcome.suggestions[0].practices_moved, 0);
            assert_eq!(outcome.suggestions[0].hubs_in_band_after, 0);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn no_hub_ends_further_above_its_band_than_today(
        hubs in prop::collection::vec(prop::collection::vec(2u32..40, 1..6), 2..6),
        exact in any::<bool>(),
        new_hubs in 0usize..3,
    ) {
        let shape: Vec<&[u32]> = hubs.iter().map(Vec::as_slice).collect();
        let scenario = near_region(&shape);
        let options = Options {
            max_spread_km: None,
            alternatives: 2,
            exact_up_to: if exact { 400 } else { 0 },
            new_hubs,
            ..Options::default()
        };
        let started = std::time::Instant::now();
        let outcome = suggest(&scenario, &Constraints::default(), &options, &move || started.elapsed().as_secs() >= 2);
        if let Err(message) = no_hub_grows_above_its_band(&scenario, &outcome) {
            prop_assert!(false, "{}", message);
        }
    }
}

/// A feasible arrangement is relabelled and thinned: hubs that swapped names get them back,
/// and a move that no hub needs is undone.
#[test]
fn a_feasible_arrangement_becomes_the_fewest_moves_it_allows() {
    use pcn_explorer::model::optimise::{Problem, arrange::fewest_moves};
    let options = Options {
        max_spread_km: None,
        ..Options::default()
    };
    // A [25, 10], B [25, 10]: the arrangement puts A's practices in B and B's in A.
    let scenario = region(&[&[25, 10], &[25, 10]]);
    let problem = Problem::build(&scenario, &Constraints::default(), &options).expect("problem");
    let swapped: Vec<usize> = problem.units.iter().map(|u| 1 - u.home).collect();
    assert_eq!(
        fewest_moves(&problem, &swapped, &|| false),
        Some(Vec::new())
    );
    // A [30, 10], B [35]: moving the 10 to B is in line, and so is not moving it.
    let scenario = region(&[&[30, 10], &[35]]);
    let problem = Problem::build(&scenario, &Constraints::default(), &options).expect("problem");
    let ten = problem
        .units
        .iter()
        .position(|u| u.patients == 1_000_000)
        .expect("the 10k practice");
    let mut assignment: Vec<usize> = problem.units.iter().map(|u| u.home).collect();
    assignment[ten] = 1 - assignment[ten];
    assert_eq!(
        fewest_moves(&problem, &assignment, &|| false),
        Some(Vec::new())
    );
    // A [20, 20], B [10]: B must go; the arrangement sends B's 10 to A and so does the answer.
    let scenario = region(&[&[20, 20], &[10]]);
    let problem = Problem::build(&scenario, &Constraints::default(), &options).expect("problem");
    let home_of_a = problem.units[0].home;
    let all_in_a: Vec<usize> = problem.units.iter().map(|_| home_of_a).collect();
    let moves = fewest_moves(&problem, &all_in_a, &|| false).expect("moves");
    assert_eq!(moves.len(), 1);
    assert_eq!(problem.units[moves[0].0].patients, 1_000_000);
    // A [25, 15], B [26], C [40, 5]: the arrangement moves C's 5 to A and A's 15 to B (both
    // needed by it: without either one hub falls out of band); C's 5 to B alone does it all.
    let scenario = region(&[&[25, 15], &[26], &[40, 5]]);
    let problem = Problem::build(&scenario, &Constraints::default(), &options).expect("problem");
    let unit_of = |thousands: i64| {
        problem
            .units
            .iter()
            .position(|u| u.patients == thousands * 100_000)
            .expect("unit")
    };
    let hub_of = |code: &str| {
        problem
            .hubs
            .iter()
            .position(|h| h.code == code)
            .expect("hub")
    };
    let mut assignment: Vec<usize> = problem.units.iter().map(|u| u.home).collect();
    assignment[unit_of(5)] = hub_of("U0000A");
    assignment[unit_of(15)] = hub_of("U0000B");
    assert_eq!(
        fewest_moves(&problem, &assignment, &|| false),
        Some(vec![(unit_of(5), hub_of("U0000B"))])
    );
}

/// Two hubs of 35,000 (in band) and a far practice of 10,000 alone in a third: no hub within
/// 15 km can take it, and it cannot make its band alone; so no arrangement puts every hub in
/// band, the answer says so and names the practice, and the best shown changes nothing.
#[test]
fn a_practice_too_far_from_any_hub_is_named_as_what_binds() {
    let scenario = placed_region(
        &[&[20, 15], &[20, 15], &[10]],
        &[
            &[(52.0, 0.0), (52.01, 0.0)],
            &[(52.1, 0.0), (52.11, 0.0)],
            &[(53.0, 0.0)],
        ],
    );
    let options = Options {
        alternatives: 1,
        ..Options::default()
    };
    let outcome = suggest(&scenario, &Constraints::default(), &options, &|| false);
    let Proof::Infeasible(reason) = &outcome.proof else {
        panic!("{:?}", outcome.proof);
    };
    assert!(reason.contains("PC0"), "{reason}");
}
