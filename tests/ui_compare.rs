//! The comparison window: two snapshots built by dragging chips, compared on screen.

mod ui_common;

use egui_kittest::kittest::Queryable;
use ui_common::*;

const EASTBROOK: (&str, &str) = ("X10960", "EASTBROOK PCN");

/// Saves the current option under the name the menu suggests (Option A, then Option B).
fn save_snapshot(harness: &mut egui_kittest::Harness<'_, pcn_explorer::app::App>) {
    harness.get_by_label("Compare").click();
    harness.run();
    harness.get_by_label("Save snapshot as…").click();
    harness.run();
    harness.get_by_label("Save snapshot").click();
    harness.run();
}

#[test]
fn two_snapshots_made_by_dragging_are_compared_on_screen() {
    let mut harness = example_harness();
    let scenario = harness.state().document().scenario().clone();
    let target = sums(&scenario, EASTBROOK.0, &[], &[]);

    // Option A: today's grouping.
    save_snapshot(&mut harness);
    assert!(
        harness
            .state()
            .document()
            .scenario()
            .snapshot("Option A")
            .is_some()
    );
    // Closed as a person closes it: the window's close button.
    harness.get_by_label("Close window").click();
    harness.run();
    assert!(
        !harness.state().compare_view().open,
        "the close button closes it"
    );
    assert!(harness.query_by_label("Compare options").is_none());

    // Option B: Copper Beech dragged to Eastbrook.
    let from = harness
        .get_by_label("Copper Beech Surgery, 17,585 patients")
        .rect()
        .center();
    let to = harness
        .get_by_label(&card(EASTBROOK.1, &target))
        .rect()
        .center();
    drag(&mut harness, from, to);
    assert_eq!(harness.state().document().change_count(), 2);
    save_snapshot(&mut harness);
    assert_eq!(harness.state().document().scenario().snapshots().len(), 2);

    // Compare A (before) with B (after) on screen. Each name is shown in the snapshot list, then
    // as a Before choice, then as an After choice.
    let before_a = harness
        .get_all_by_label("Option A")
        .nth(1)
        .expect("before choice");
    before_a.click();
    harness.run();
    let after_b = harness
        .get_all_by_label("Option B")
        .nth(2)
        .expect("after choice");
    after_b.click();
    harness.run();
    harness.get_by_label("Option A to Option B: 1 practice(s) moved");
    harness.get_by_label("X80130 Copper Beech Surgery");
    harness.get_by_label("17,585");
    harness.get_by_label_contains("X10960 Eastbrook");
}
