//! Changing the rule year in the selector changes the funding on screen.

mod ui_common;

use egui_kittest::kittest::Queryable;
use ui_common::*;

const EASTBROOK: (&str, &str) = ("X10960", "EASTBROOK PCN");

#[test]
fn choosing_another_rule_year_changes_the_funding() {
    let mut harness = example_harness();
    let scenario = harness.state().document().scenario().clone();
    let eastbrook = sums(&scenario, EASTBROOK.0, &[], &[]);
    harness.get_by_label(&cell(
        EASTBROOK.1,
        "Core",
        &whole_pounds(core_2025_26(&eastbrook)),
    ));
    harness.get_by_label("Rule year").click();
    harness.run();
    harness.get_by_label("2023-24").click();
    harness.run();
    assert_eq!(
        harness.state().document().scenario().rule_year.label(),
        "2023-24"
    );
    harness.get_by_label(&cell(
        EASTBROOK.1,
        "Core",
        &whole_pounds(core_2023_24(&eastbrook)),
    ));
    // 2023-24 has a clinical director line: £0.729 × registered.
    harness.get_by_label(&cell(
        EASTBROOK.1,
        "Clinical director",
        &whole_pounds(pence(7_290, eastbrook.registered)),
    ));
    assert_eq!(
        harness.state().document().undo_label(),
        Some("Use 2023-24 rules")
    );
}

#[test]
fn unverified_rates_are_marked() {
    let mut harness = example_harness();
    harness.get_by_label("Rule year").click();
    harness.run();
    harness.get_by_label("2022-23").click();
    harness.run();
    // 2022-23 has unconfirmed lines (DOMAIN.md): their columns carry a dagger and the note explains it.
    assert!(
        !harness
            .query_all_by_label_contains("†")
            .collect::<Vec<_>>()
            .is_empty()
    );
}
