//! Dragging practice chips between hub cards, as a person does, and undo/redo by keyboard.

mod ui_common;

use egui::{Key, Modifiers, vec2};
use egui_kittest::kittest::Queryable;
use pcn_explorer::model::practice::title_case;
use ui_common::*;

const ASHCOMBE: (&str, &str) = ("X10138", "ASHCOMBE & WYLE PCN");
const EASTBROOK: (&str, &str) = ("X10960", "EASTBROOK PCN");
const COPPER_BEECH: &str = "X80130";

#[test]
fn dragging_a_chip_to_another_card_moves_the_practice_and_updates_every_figure() {
    let mut harness = example_harness();
    let scenario = harness.state().document().scenario().clone();
    let before_source = sums(&scenario, ASHCOMBE.0, &[], &[]);
    let before_target = sums(&scenario, EASTBROOK.0, &[], &[]);
    // The cards show today's figures.
    harness.get_by_label(&card(ASHCOMBE.1, &before_source));
    harness.get_by_label(&card(EASTBROOK.1, &before_target));

    let chip = harness.get_by_label("Copper Beech Surgery, 17,585 patients");
    let from = chip.rect().center();
    let to = harness
        .get_by_label(&card(EASTBROOK.1, &before_target))
        .rect()
        .center();
    drag(&mut harness, from, to);

    let after_source = sums(&scenario, ASHCOMBE.0, &[], &[COPPER_BEECH]);
    let after_target = sums(&scenario, EASTBROOK.0, &[COPPER_BEECH], &[]);
    assert_eq!(
        after_target.registered - before_target.registered,
        1_758_475
    );
    // Cards.
    harness.get_by_label(&card(ASHCOMBE.1, &after_source));
    harness.get_by_label(&card(EASTBROOK.1, &after_target));
    // Figures table: registered, practices, change against baseline, core and total funding.
    let eastbrook_registered = whole_patients(after_target.registered);
    harness.get_by_label(&cell(EASTBROOK.1, "Registered", &eastbrook_registered));
    harness.get_by_label(&cell(EASTBROOK.1, "Practices", "6"));
    harness.get_by_label(&cell(EASTBROOK.1, "Δ registered", "+17,585"));
    harness.get_by_label(&cell(ASHCOMBE.1, "Δ registered", "−17,585"));
    harness.get_by_label(&cell(
        EASTBROOK.1,
        "Core",
        &whole_pounds(core_2025_26(&after_target)),
    ));
    harness.get_by_label(&cell(
        EASTBROOK.1,
        "Total",
        &whole_pounds(total_2025_26(&after_target)),
    ));
    harness.get_by_label(&cell(
        ASHCOMBE.1,
        "Total",
        &whole_pounds(total_2025_26(&after_source)),
    ));
    // One undo step, labelled by the model.
    let document = harness.state().document();
    assert_eq!(document.change_count(), 1);
    assert_eq!(
        document.undo_label(),
        Some("Move Copper Beech Surgery to Eastbrook PCN")
    );
    assert!(document.is_modified());
}

#[test]
fn dropping_outside_any_card_changes_nothing() {
    let mut harness = example_harness();
    let before = harness.state().document().metrics().clone();
    let chip = harness.get_by_label("Copper Beech Surgery, 17,585 patients");
    let from = chip.rect().center();
    // The middle of the map.
    drag(&mut harness, from, egui::pos2(700.0, 400.0));
    let document = harness.state().document();
    assert_eq!(document.change_count(), 0);
    assert_eq!(document.metrics(), &before);
    assert!(!document.is_modified());
    let scenario = document.scenario().clone();
    harness.get_by_label(&card(ASHCOMBE.1, &sums(&scenario, ASHCOMBE.0, &[], &[])));
}

#[test]
fn keyboard_undo_and_redo_restore_exact_figures() {
    let mut harness = example_harness();
    let start = harness.state().document().metrics().clone();
    let scenario = harness.state().document().scenario().clone();
    let target = sums(&scenario, EASTBROOK.0, &[], &[]);
    let from = harness
        .get_by_label("Copper Beech Surgery, 17,585 patients")
        .rect()
        .center();
    let to = harness
        .get_by_label(&card(EASTBROOK.1, &target))
        .rect()
        .center();
    drag(&mut harness, from, to);
    let moved = harness.state().document().metrics().clone();
    assert_ne!(moved, start);
    // Move the pointer away so nothing is hovered while typing.
    harness.hover_at(egui::pos2(700.0, 400.0) + vec2(0.0, 1.0));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().document().metrics(), &start);
    assert!(!harness.state().document().is_modified());
    harness.get_by_label(&card(EASTBROOK.1, &target));
    harness.get_by_label(&cell(
        EASTBROOK.1,
        "Registered",
        &whole_patients(target.registered),
    ));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(harness.state().document().metrics(), &moved);
    let after_target = sums(&scenario, EASTBROOK.0, &[COPPER_BEECH], &[]);
    harness.get_by_label(&card(EASTBROOK.1, &after_target));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().document().metrics(), &start);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().document().metrics(), &moved);
    harness.get_by_label(&cell(
        EASTBROOK.1,
        "Total",
        &whole_pounds(total_2025_26(&after_target)),
    ));
}

#[test]
fn a_selected_chip_can_be_moved_with_the_hub_picker() {
    let mut harness = example_harness();
    harness
        .get_by_label("Copper Beech Surgery, 17,585 patients")
        .click();
    harness.run();
    assert!(harness.state().selected_practice().is_some());
    harness.get_by_label("Move to hub").click();
    harness.run();
    harness.get_by_label("Eastbrook PCN").click();
    harness.run();
    let scenario = harness.state().document().scenario().clone();
    let after_target = sums(&scenario, EASTBROOK.0, &[COPPER_BEECH], &[]);
    harness.get_by_label(&card(EASTBROOK.1, &after_target));
    assert_eq!(harness.state().document().change_count(), 1);
}

#[test]
fn while_dragging_the_source_and_target_cards_preview_their_new_figures() {
    let mut harness = example_harness();
    let scenario = harness.state().document().scenario().clone();
    let target = sums(&scenario, EASTBROOK.0, &[], &[]);
    let from = harness
        .get_by_label("Copper Beech Surgery, 17,585 patients")
        .rect()
        .center();
    let to = harness
        .get_by_label(&card(EASTBROOK.1, &target))
        .rect()
        .center();
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    harness.hover_at(from + vec2(20.0, 5.0));
    harness.step();
    harness.hover_at(to);
    harness.step();
    harness.step();
    let after_source = sums(&scenario, ASHCOMBE.0, &[], &[COPPER_BEECH]);
    let after_target = sums(&scenario, EASTBROOK.0, &[COPPER_BEECH], &[]);
    let preview = |s: &Sums| {
        format!(
            "; if dropped: {} practices, {} registered, {}",
            s.practices,
            whole_patients(s.registered),
            band(s.registered)
        )
    };
    harness.get_by_label(&format!(
        "{}{}",
        card(EASTBROOK.1, &target),
        preview(&after_target)
    ));
    let source = sums(&scenario, ASHCOMBE.0, &[], &[]);
    harness.get_by_label(&format!(
        "{}{}",
        card(ASHCOMBE.1, &source),
        preview(&after_source)
    ));
    // The status line says what the drop would do on one line of its own.
    let summary = harness
        .get_by_label_contains("Dropping Copper Beech Surgery:")
        .rect();
    assert!(summary.height() < 30.0, "one line: {summary:?}");
    // The figures table previews both rows too, named so.
    for (name, after) in [(EASTBROOK.1, &after_target), (ASHCOMBE.1, &after_source)] {
        let hub = format!("{}, if dropped", title_case(name));
        harness.get_by_label(&format!(
            "{hub} Registered: {}",
            whole_patients(after.registered)
        ));
    }
    // Nothing has changed yet: the preview is not in the history.
    assert_eq!(harness.state().document().change_count(), 0);
    harness.drop_at(to);
    harness.run();
    assert_eq!(harness.state().document().change_count(), 1);
    assert!(
        harness.query_by_label_contains("if dropped").is_none(),
        "no preview after the drop"
    );
    harness.get_by_label(&cell(
        EASTBROOK.1,
        "Registered",
        &whole_patients(after_target.registered),
    ));
}

/// The frame in which the chip is released already shows the new figures (no frame of stale
/// figures after a drop): one `step()` after the release, not `run()`.
#[test]
fn the_drop_frame_itself_shows_the_new_figures() {
    let mut harness = example_harness();
    let scenario = harness.state().document().scenario().clone();
    let before_target = sums(&scenario, EASTBROOK.0, &[], &[]);
    let chip = harness.get_by_label("Copper Beech Surgery, 17,585 patients");
    let from = chip.rect().center();
    let to = harness
        .get_by_label(&card(EASTBROOK.1, &before_target))
        .rect()
        .center();
    drag_to_release_frame(&mut harness, from, to); // The release frame, and nothing after it.
    let after_source = sums(&scenario, ASHCOMBE.0, &[], &[COPPER_BEECH]);
    let after_target = sums(&scenario, EASTBROOK.0, &[COPPER_BEECH], &[]);
    harness.get_by_label(&card(ASHCOMBE.1, &after_source));
    harness.get_by_label(&card(EASTBROOK.1, &after_target));
    harness.get_by_label(&cell(EASTBROOK.1, "Practices", "6"));
    harness.get_by_label(&cell(EASTBROOK.1, "Δ registered", "+17,585"));
    harness.get_by_label(&cell(
        EASTBROOK.1,
        "Total",
        &whole_pounds(total_2025_26(&after_target)),
    ));
}
