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
        harness.state().document().scenario().rule_year().label(),
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
    // DOMAIN.md: in 2022-23 the clinical director rate, CASP and the ARRS sum are unconfirmed;
    // core funding and enhanced access are confirmed. Exactly those columns carry the dagger.
    for unverified in ["Clinical director †", "CASP †", "ARRS max †"] {
        harness.get_by_label(&format!("Sort by {unverified}"));
    }
    for verified in ["Core", "Enhanced access", "Participation"] {
        harness.get_by_label(&format!("Sort by {verified}"));
        assert!(
            harness
                .query_by_label(&format!("Sort by {verified} †"))
                .is_none(),
            "{verified} is confirmed and must not be marked"
        );
    }
    // The note under the table explains the mark.
    harness.get_by_label_contains("† rate not confirmed by a primary source");
    // 2023-24 (pcc-cic.org.uk rates) has no unconfirmed line: no dagger in any column.
    harness.get_by_label("Rule year").click();
    harness.run();
    harness.get_by_label("2023-24").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Sort by Clinical director †")
            .is_none()
    );
    harness.get_by_label("Sort by Clinical director");
}
