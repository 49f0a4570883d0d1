//! Comparison of two options: identity, a single move, antisymmetry.

use pcn_explorer::model::compare::compare;
use pcn_explorer::model::{Action, Document, Patients, PracticeId, RuleYear, Scenario};

fn example() -> Scenario {
    pcn_explorer::io::example::example_scenario()
}

#[test]
fn an_option_compared_with_itself_has_no_moves_and_no_changes() {
    let scenario = example();
    let comparison = compare(&scenario, &scenario, RuleYear::Y2024_25).expect("same region");
    assert!(comparison.moves.is_empty());
    assert_eq!(comparison.changed_hubs().count(), 0);
    for hub in &comparison.hubs {
        let change = hub.change();
        assert_eq!(change.practices, 0);
        assert_eq!(change.registered, Patients::ZERO);
        assert!(change.funding.iter().all(|p| p.0 == 0));
        assert_eq!(change.total.0, 0);
    }
    assert_eq!(comparison.before_total, comparison.after_total);
}

#[test]
fn one_move_shows_that_practice_and_the_two_hubs_change_by_its_list_and_money() {
    let before = example();
    let mut document = Document::new(before.clone(), true);
    let to = before.hub_by_code("X10686").expect("hub"); // Thornleigh Rural, below 30k
    let practice = PracticeId(0); // 5,020.50 registered, 5,309.06 weighted
    document
        .perform(Action::MovePractice {
            practice,
            to: Some(to),
        })
        .expect("move");
    let after = document.scenario().clone();
    let comparison = compare(&before, &after, RuleYear::Y2025_26).expect("same region");
    assert_eq!(comparison.moves.len(), 1);
    let moved = &comparison.moves[0];
    assert_eq!(moved.code, "X80013");
    assert_eq!(moved.from.as_ref().map(|h| h.code.as_str()), Some("X10001"));
    assert_eq!(moved.to.as_ref().map(|h| h.code.as_str()), Some("X10686"));
    assert_eq!(moved.registered, Patients(502_050));
    assert_eq!(moved.weighted, Patients(530_906));

    let changed: Vec<&str> = comparison.changed_hubs().map(|h| h.code.as_str()).collect();
    assert_eq!(changed, ["X10001", "X10686"]);
    let hub = |code: &str| {
        comparison
            .hubs
            .iter()
            .find(|h| h.code == code)
            .expect("hub")
    };
    let lost = hub("X10001").change();
    let gained = hub("X10686").change();
    assert_eq!(lost.registered, Patients(-502_050));
    assert_eq!(gained.registered, Patients(502_050));
    assert_eq!(gained.weighted, Patients(530_906));
    // Participation 2025-26 on the practice's weighted list: 1.761 × 5,309.06 = 9,349.25 (±1p of
    // rounding per hub). Every line moves by the practice's share, give or take a penny.
    let rules = RuleYear::Y2025_26.rules();
    let index = rules.line_index("participation").expect("line");
    assert!(
        (gained.funding[index].0 - 934_925).abs() <= 1,
        "{:?}",
        gained.funding[index]
    );
    assert!(
        (lost.funding[index].0 + 934_925).abs() <= 1,
        "{:?}",
        lost.funding[index]
    );
    // Money only moves between the two hubs: the region total changes by rounding at most.
    assert!(
        (comparison.after_total.0 - comparison.before_total.0).abs()
            <= 2 * rules.lines.len() as i64
    );
}

#[test]
fn comparison_is_antisymmetric() {
    let before = example();
    let mut document = Document::new(before.clone(), true);
    let ids: Vec<_> = before.hubs().keys().copied().collect();
    document
        .perform(Action::MergeHubs {
            into: ids[0],
            from: ids[1],
        })
        .expect("merge");
    document
        .perform(Action::MovePractice {
            practice: PracticeId(7),
            to: None,
        })
        .expect("move");
    document
        .perform(Action::MovePractice {
            practice: PracticeId(30),
            to: Some(ids[0]),
        })
        .expect("move");
    let after = document.scenario().clone();
    let forward = compare(&before, &after, RuleYear::Y2023_24).expect("same region");
    let backward = compare(&after, &before, RuleYear::Y2023_24).expect("same region");
    assert_eq!(forward.moves.len(), backward.moves.len());
    for (f, b) in forward.moves.iter().zip(&backward.moves) {
        assert_eq!(f.code, b.code);
        assert_eq!(f.from, b.to);
        assert_eq!(f.to, b.from);
    }
    assert_eq!(forward.hubs.len(), backward.hubs.len());
    for (f, b) in forward.hubs.iter().zip(&backward.hubs) {
        assert_eq!(f.code, b.code);
        let (cf, cb) = (f.change(), b.change());
        assert_eq!(cf.practices, -cb.practices);
        assert_eq!(cf.registered, -cb.registered);
        assert_eq!(cf.weighted, -cb.weighted);
        assert_eq!(cf.total, -cb.total);
        let negated: Vec<_> = cb.funding.iter().map(|p| -*p).collect();
        assert_eq!(cf.funding, negated);
        assert_eq!(f.appears(), b.disappears());
    }
    // The merged-away hub disappears.
    let gone = &before.hub(ids[1]).expect("hub").code;
    assert!(
        forward
            .hubs
            .iter()
            .any(|h| &h.code == gone && h.disappears())
    );
}

#[test]
fn different_regions_are_refused() {
    let example = example();
    let region = pcn_explorer::model::Region::empty("other");
    let other = Scenario::empty(std::sync::Arc::new(region), RuleYear::Y2025_26, "x".into());
    assert!(compare(&example, &other, RuleYear::Y2025_26).is_err());
}

/// The Δ columns' baseline uses the option's entered adjusted populations (and its rates): an
/// unmoved hub whose practice has an ICB figure entered shows no change, and the baseline's
/// figure is the entered one, not the data's.
#[test]
fn the_baseline_figures_take_the_options_adjusted_populations() {
    use pcn_explorer::model::compare::baseline_figures;
    use pcn_explorer::model::metrics::Metrics;
    let mut document = Document::new(example(), true);
    let practice = PracticeId(0);
    let hub = document.scenario().hub_of(practice).expect("in a hub");
    let code = document.scenario().hub(hub).expect("hub").code.clone();
    let before = baseline_figures(document.scenario())[&code].adjusted;
    document
        .perform(Action::SetAdjusted {
            entries: vec![(practice, Some(Patients(1_234_500)))],
        })
        .expect("an adjusted population");
    let scenario = document.scenario();
    let now = Metrics::compute(scenario).hubs[&hub].adjusted;
    let baseline = baseline_figures(scenario)[&code].adjusted;
    assert_ne!(
        before, baseline,
        "the entered figure changes the baseline too"
    );
    assert_eq!(
        baseline, now,
        "no move, so no change in the hub's adjusted population"
    );
}
