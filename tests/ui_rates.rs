//! The Rates window: open it from the Figures menu, correct a rate with a note, see the hub's
//! figure and the "edited" mark change on screen, then undo.

mod ui_common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use pcn_explorer::io::example::example_scenario;
use pcn_explorer::model::RuleYear;
use ui_common::*;

const EASTBROOK: (&str, &str) = ("X10960", "EASTBROOK PCN");

#[test]
fn correcting_a_rate_changes_the_hub_figure_and_marks_it_edited_until_undone() {
    let mut scenario = example_scenario();
    pcn_explorer::model::apply(
        &mut scenario,
        pcn_explorer::model::Action::SetRuleYear(RuleYear::Y2026_27),
    )
    .expect("a year with embedded rules");
    let eastbrook = sums(&scenario, EASTBROOK.0, &[], &[]);
    let mut harness = harness_on(scenario, egui::vec2(1600.0, 900.0));
    // 2026-27 enhanced access: £8.903 × adjusted (the weighted list here), unverified (†).
    let file_rate = cell(
        EASTBROOK.1,
        "Enhanced access †",
        &whole_pounds(pence(89_030, eastbrook.weighted)),
    );
    harness.get_by_label(&file_rate);

    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Figures")
        .click();
    harness.run();
    harness.get_by_label("Rates…").click();
    harness.run();
    // The window lists the year's lines with their period and checked mark.
    harness.get_by_label("GP reimbursement scheme (practices; replaces CASP and CAIP)");
    assert!(
        harness
            .query_by_label("Capacity & access support (CASP)")
            .is_none()
    );
    harness.get_by_label("Rate to correct").click();
    harness.run();
    harness.get_by_label("Enhanced access (adjusted)").click();
    harness.run();
    for (label, text) in [("New rate (£)", "9.10"), ("Note", "ICB letter 14 May 2026")] {
        harness.get_by_label(label).focus();
        harness.run();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness.run();
        harness.get_by_label(label).type_text(text);
        harness.run();
    }
    harness.get_by_label("Use this rate").click();
    harness.run();

    let edited = cell(
        EASTBROOK.1,
        "Enhanced access † (edited)",
        &whole_pounds(pence(91_000, eastbrook.weighted)),
    );
    harness.get_by_label(&edited);
    assert!(harness.query_by_label(&file_rate).is_none());
    harness.get_by_label("Enhanced access (edited)");
    let rules = harness.state().document().metrics().rules.clone();
    let line = rules.line("enhanced_access").expect("line");
    assert_eq!(
        line.edit.as_ref().map(|edit| edit.note.as_str()),
        Some("ICB letter 14 May 2026")
    );

    assert_eq!(
        harness.state().document().undo_label(),
        Some("Set Enhanced access (adjusted) to £9.1")
    );
    harness.get_by_label("Undo").click();
    harness.run();
    harness.get_by_label(&file_rate);
    assert!(harness.query_by_label(&edited).is_none());
    assert!(!harness.state().document().metrics().rules.has_edits());
}
