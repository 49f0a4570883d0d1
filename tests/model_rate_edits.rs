//! Rate corrections: an override changes exactly its line (hand-computed), undo restores every
//! figure exactly (proptest), edits survive save and load, and older files load with none.

use pcn_explorer::io::example::example_scenario;
use pcn_explorer::io::scenario_file::{read_scenario, scenario_to_string};
use pcn_explorer::model::{
    Action, Base, Document, LocalLine, Metrics, PaidTo, Pence, Rate, RateOverride, RuleYear,
    Scenario,
};
use proptest::prelude::*;

fn example_in(year: RuleYear) -> Scenario {
    let mut scenario = example_scenario();
    pcn_explorer::model::apply(
        &mut scenario,
        pcn_explorer::model::Action::SetRuleYear(year),
    )
    .expect("a year with embedded rules");
    scenario
}

fn set_rate(year: RuleYear, line: &str, base: Base, pounds_e4: i64, note: &str) -> Action {
    Action::SetRate {
        year,
        line: line.to_string(),
        base,
        rate: Some(RateOverride {
            rate: Rate(pounds_e4),
            note: note.to_string(),
        }),
    }
}

/// Pence of `rate_e4` (ten-thousandths of a pound) on a base in hundredths, half up.
fn pence(rate_e4: i64, base_hundredths: i64) -> Pence {
    Pence((rate_e4 * base_hundredths + 5_000) / 10_000)
}

#[test]
fn an_override_changes_its_line_on_every_hub_and_nothing_else() {
    let year = RuleYear::Y2026_27;
    let mut document = Document::new(example_in(year), true);
    let before = document.metrics().clone();
    document
        .perform(set_rate(
            year,
            "enhanced_access",
            Base::Adjusted,
            91_000,
            "ICB letter 14 May 2026",
        ))
        .expect("override applies");
    let after = document.metrics();
    let line = after.rules.line_index("enhanced_access").expect("line");
    for (id, figures) in &after.hubs {
        let old = &before.hubs[id];
        assert_eq!(figures.funding[line], pence(91_000, figures.adjusted.0));
        assert_eq!(
            figures.total - old.total,
            figures.funding[line] - old.funding[line]
        );
        for (index, amount) in figures.funding.iter().enumerate() {
            if index != line {
                assert_eq!(*amount, old.funding[index]);
            }
        }
    }
    let edited = after.rules.lines[line]
        .edit
        .as_ref()
        .expect("marked edited");
    assert_eq!(edited.note, "ICB letter 14 May 2026");
    assert_eq!(
        edited.original_formula.as_deref(),
        Some("£8.903 × adjusted")
    );
    assert_eq!(
        document.undo_label(),
        Some("Set Enhanced access (adjusted) to £9.1")
    );
    document.undo();
    assert_eq!(document.metrics(), &before);
    assert!(!document.metrics().rules.has_edits());
}

#[test]
fn a_local_line_adds_a_column_and_its_money() {
    let year = RuleYear::Y2025_26;
    let mut document = Document::new(example_in(year), true);
    let before = document.metrics().clone();
    document
        .perform(Action::PutLocalLine {
            year,
            id: "local_1".into(),
            line: Some(LocalLine {
                name: "Local variation".into(),
                base: Base::Registered,
                rate: Rate(5_000),
                paid_to: PaidTo::Network,
                note: "LVA".into(),
            }),
        })
        .expect("local line");
    let after = document.metrics();
    assert_eq!(after.rules.lines.len(), before.rules.lines.len() + 1);
    for (id, figures) in &after.hubs {
        let added = pence(5_000, figures.registered.0);
        assert_eq!(figures.funding.last().copied(), Some(added));
        assert_eq!(figures.total, before.hubs[id].total + added);
    }
    // A year's edits do not leak into another year.
    document
        .perform(Action::SetRuleYear(RuleYear::Y2024_25))
        .expect("year");
    assert!(!document.metrics().rules.has_edits());
}

#[test]
fn a_rate_of_a_line_the_year_does_not_have_is_refused() {
    let mut document = Document::new(example_in(RuleYear::Y2026_27), true);
    let refused = document.perform(set_rate(RuleYear::Y2026_27, "casp", Base::Adjusted, 1, ""));
    assert_eq!(
        refused.map_err(|error| error.to_string()),
        Err("2026-27 has no line \"casp\"".to_string())
    );
    let refused = document.perform(set_rate(RuleYear::Y2026_27, "core", Base::Weighted, 1, ""));
    assert!(refused.is_err());
    assert!(!document.can_undo());
}

#[test]
fn edits_survive_save_and_load() {
    let year = RuleYear::Y2026_27;
    let mut document = Document::new(example_in(year), true);
    for action in [
        set_rate(
            year,
            "enhanced_access",
            Base::Adjusted,
            91_000,
            "ICB letter 14 May 2026",
        ),
        set_rate(year, "core", Base::Registered, 22_700, ""),
        set_rate(RuleYear::Y2024_25, "gp_arrs", Base::Weighted, 13_030, "FAQ"),
        Action::PutLocalLine {
            year,
            id: "local_1".into(),
            line: Some(LocalLine {
                name: "Winter access".into(),
                base: Base::Adjusted,
                rate: Rate(12_345),
                paid_to: PaidTo::Practice,
                note: "LVA 2026".into(),
            }),
        },
    ] {
        document.perform(action).expect("applies");
    }
    let text = scenario_to_string(document.scenario());
    assert!(text.contains("rate_edits:"), "{text}");
    let loaded = read_scenario("edits.ron", text.as_bytes()).expect("loads");
    assert_eq!(&loaded.scenario, document.scenario());
    assert_eq!(Metrics::compute(&loaded.scenario), *document.metrics());
}

#[test]
fn older_files_without_edits_still_load() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/riverford-baseline.ron"
    );
    let bytes = std::fs::read(path).expect("example file");
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("rate_edits") && !text.contains("local_lines"));
    let loaded = read_scenario("riverford-baseline.ron", &bytes).expect("loads");
    assert!(loaded.scenario.rule_edits().is_empty());
    // And a file without edits is written without the optional fields.
    assert!(!scenario_to_string(&loaded.scenario).contains("rate_edits"));
}

#[test]
fn a_bad_edit_in_a_file_names_its_field() {
    let mut scenario = example_in(RuleYear::Y2026_27);
    let mut document = Document::new(scenario.clone(), true);
    document
        .perform(set_rate(
            RuleYear::Y2026_27,
            "enhanced_access",
            Base::Adjusted,
            91_000,
            "",
        ))
        .expect("applies");
    scenario = document.scenario().clone();
    let text = scenario_to_string(&scenario).replace("line: \"enhanced_access\"", "line: \"casp\"");
    let error = read_scenario("bad.ron", text.as_bytes()).expect_err("refused");
    let message = error.to_string();
    assert!(message.contains("rate_edits[0]"), "{message}");
    assert!(message.contains("no line \"casp\""), "{message}");
    assert!(message.contains("line "), "{message}");
}

fn any_edit() -> impl Strategy<Value = (usize, usize, Option<i64>, bool)> {
    (
        any::<usize>(),
        any::<usize>(),
        prop::option::of(0i64..5_000_000),
        any::<bool>(),
    )
}

/// The action for a generated edit: a rate of any year's line, or a local line.
fn edit_action(year_n: usize, n: usize, rate: Option<i64>, local: bool) -> Action {
    let year = RuleYear::all()[year_n % RuleYear::all().len()];
    if local {
        return Action::PutLocalLine {
            year,
            id: format!("local_{}", n % 3 + 1),
            line: rate.map(|rate| LocalLine {
                name: format!("Local {n}"),
                base: Base::ALL[n % 4],
                rate: Rate(rate),
                paid_to: PaidTo::Network,
                note: String::new(),
            }),
        };
    }
    let terms: Vec<(String, Base)> = year
        .rules()
        .lines
        .iter()
        .flat_map(|line| line.terms.iter().map(|term| (line.id.clone(), term.base)))
        .collect();
    let (line, base) = terms[n % terms.len()].clone();
    Action::SetRate {
        year,
        line,
        base,
        rate: rate.map(|rate| RateOverride {
            rate: Rate(rate),
            note: format!("note {n}"),
        }),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any overrides (of any year, with year changes between) followed by undo of each gives
    /// back every figure exactly, and the scenario equal to the start.
    #[test]
    fn any_overrides_then_undo_restore_every_figure(
        edits in prop::collection::vec(any_edit(), 1..12),
        year_n in any::<usize>(),
    ) {
        let year = RuleYear::all()[year_n % RuleYear::all().len()];
        let start = example_in(year);
        let start_metrics = Metrics::compute(&start);
        let mut document = Document::new(start.clone(), true);
        for (index, (y, n, rate, local)) in edits.iter().enumerate() {
            document.perform(edit_action(*y, *n, *rate, *local)).expect("valid edit applies");
            if index % 4 == 3 {
                document.perform(Action::SetRuleYear(RuleYear::all()[*n % RuleYear::all().len()])).expect("year");
            }
            prop_assert_eq!(document.metrics(), &Metrics::compute(document.scenario()));
        }
        while document.undo().is_some() {}
        prop_assert_eq!(document.scenario(), &start);
        prop_assert_eq!(document.metrics(), &start_metrics);
        prop_assert!(document.scenario().rule_edits().is_empty());
    }
}
