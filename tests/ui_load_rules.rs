//! File → Load rules… puts a rule file for an unknown year in the scenario and shows its
//! figures, as one undo step; a hub's Edit dialog takes the ICB's adjusted population and the
//! hub's enhanced access changes by the hand-computed amount, on screen.

mod ui_common;

use egui_kittest::kittest::Queryable;
use pcn_explorer::io::example::example_scenario;
use pcn_explorer::model::RuleYear;
use std::path::Path;
use ui_common::*;

const EASTBROOK: (&str, &str) = ("X10960", "EASTBROOK PCN");
const RULES_2027: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/rules/2027-28.ron");

#[test]
fn loading_a_rule_file_shows_its_year_and_figures_until_undone() {
    let mut scenario = example_scenario();
    pcn_explorer::model::apply(
        &mut scenario,
        pcn_explorer::model::Action::SetRuleYear(RuleYear::Y2026_27),
    )
    .expect("a year with embedded rules");
    let eastbrook = sums(&scenario, EASTBROOK.0, &[], &[]);
    let mut harness = harness_on(scenario, egui::vec2(1600.0, 900.0));
    let before = cell(
        EASTBROOK.1,
        "Enhanced access †",
        &whole_pounds(pence(89_030, eastbrook.weighted)),
    );
    harness.get_by_label(&before);

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Load rules…").click();
    harness.step();
    wait_until_idle(&mut harness);
    type_path(&mut harness, Path::new(RULES_2027));
    harness.get_by_label("Load").click();
    harness.run();

    // The invented 2027-28 file: enhanced access £9.00 × adjusted (the weighted list here).
    let after = cell(
        EASTBROOK.1,
        "Enhanced access †",
        &whole_pounds(pence(90_000, eastbrook.weighted)),
    );
    harness.get_by_label(&after);
    assert!(harness.query_by_label(&before).is_none());
    assert_eq!(
        harness.state().document().scenario().rule_year().label(),
        "2027-28"
    );
    // The status line says what happened.
    harness.get_by_label_contains("Loaded the 2027-28 rules");
    assert_eq!(harness.state().document().change_count(), 1);

    harness.get_by_label("Undo").click();
    harness.run();
    harness.get_by_label(&before);
    assert!(harness.query_by_label(&after).is_none());
    assert!(
        harness
            .state()
            .document()
            .scenario()
            .loaded_rule_sets()
            .is_empty()
    );
}

#[test]
fn a_broken_rule_file_is_reported_with_its_line_and_changes_nothing() {
    let mut harness = harness_on(example_scenario(), egui::vec2(1600.0, 900.0));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Load rules…").click();
    harness.step();
    wait_until_idle(&mut harness);
    let bad = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/rules/bad-id.ron");
    type_path(&mut harness, Path::new(bad));
    harness.get_by_label("Load").click();
    harness.run();
    let error = harness.state().file_error().expect("reported");
    let text = format!("{} {}", error.headline, error.details.join(" "));
    assert!(text.contains("bad-id.ron"), "{text}");
    assert!(text.contains("line 11"), "{text}");
    assert_eq!(harness.state().document().change_count(), 0);
}

#[test]
fn entering_a_hubs_adjusted_population_changes_its_enhanced_access_on_screen() {
    let mut scenario = example_scenario();
    pcn_explorer::model::apply(
        &mut scenario,
        pcn_explorer::model::Action::SetRuleYear(RuleYear::Y2026_27),
    )
    .expect("a year with embedded rules");
    let eastbrook = sums(&scenario, EASTBROOK.0, &[], &[]);
    let mut harness = harness_on(scenario, egui::vec2(1600.0, 900.0));
    let before = cell(
        EASTBROOK.1,
        "Enhanced access †",
        &whole_pounds(pence(89_030, eastbrook.weighted)),
    );
    harness.get_by_label(&before);
    harness.get_by_label("Edit hub Eastbrook PCN").click();
    harness.run();
    harness.get_by_label_contains("the weighted list stands in for all");
    harness.get_by_label("ICB figure:").focus();
    harness.run();
    harness.get_by_label("ICB figure:").type_text("41,250");
    harness.run();
    harness.get_by_label("Enter").click();
    harness.run();
    // £8.903 × 41,250 = £367,248.75 → shown as whole pounds.
    let after = cell(
        EASTBROOK.1,
        "Enhanced access †",
        &whole_pounds(pence(89_030, 4_125_000)),
    );
    harness.get_by_label(&after);
    assert!(harness.query_by_label(&before).is_none());
    harness.get_by_label_contains("Adjusted population entered for 1 hub(s)");
    assert_eq!(
        harness.state().document().undo_label(),
        Some("Set adjusted population of Eastbrook PCN")
    );
    harness.get_by_label("Undo").click();
    harness.run();
    harness.get_by_label(&before);
}
