//! What the README promises a user, done as a user does it: drag a chip to *Unassigned*, click a
//! practice on the map to select it, and read the Edit menu's undo label.

mod ui_common;

use egui_kittest::kittest::Queryable;
use ui_common::*;

const ASHCOMBE: (&str, &str) = ("X10138", "ASHCOMBE & WYLE PCN");
const COPPER_BEECH: &str = "X80130";
const COPPER_BEECH_CHIP: &str = "Copper Beech Surgery, 17,585 patients";

#[test]
fn dragging_a_chip_to_unassigned_takes_it_out_of_its_hub() {
    let mut harness = example_harness();
    let scenario = harness.state().document().scenario().clone();
    let before = sums(&scenario, ASHCOMBE.0, &[], &[]);
    let unassigned_before = harness.state().document().metrics().unassigned.practices;
    let from = harness.get_by_label(COPPER_BEECH_CHIP).rect().center();
    let to = harness
        .get_by_label_contains("Unassigned card")
        .rect()
        .center();
    drag(&mut harness, from, to);
    let after = sums(&scenario, ASHCOMBE.0, &[], &[COPPER_BEECH]);
    // Copper Beech Surgery: 17,584.75 registered patients (assets/example/riverford.csv).
    assert_eq!(after.registered, before.registered - 1_758_475);
    harness.get_by_label(&card(ASHCOMBE.1, &after));
    let document = harness.state().document();
    let id = document
        .scenario()
        .region()
        .id_of(COPPER_BEECH)
        .expect("practice");
    assert_eq!(
        document.scenario().hub_of(id),
        None,
        "Copper Beech is unassigned"
    );
    assert_eq!(
        document.metrics().unassigned.practices,
        unassigned_before + 1
    );
    harness.get_by_label_contains(&format!(
        "Unassigned card: {} practice",
        unassigned_before + 1
    ));
}

#[test]
fn clicking_a_practice_on_the_map_selects_it() {
    let mut harness = example_harness();
    let id = harness
        .state()
        .document()
        .scenario()
        .region()
        .id_of(COPPER_BEECH)
        .expect("practice");
    assert_eq!(harness.state().selected_practice(), None);
    let at = harness
        .state()
        .map_position_of(id)
        .expect("Copper Beech is drawn on the map");
    harness.hover_at(at);
    harness.run();
    // Press and release on the same spot: a click.
    harness.drag_at(at);
    harness.step();
    harness.drop_at(at);
    harness.run();
    assert_eq!(harness.state().selected_practice(), Some(id));
    // The selection offers the move, as the README says.
    harness.get_by_label("Move to hub");
}

#[test]
fn the_edit_menu_names_the_move_it_would_undo() {
    let mut harness = example_harness();
    move_with_picker(&mut harness, COPPER_BEECH_CHIP, "Eastbrook PCN");
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Undo Move Copper Beech Surgery to Eastbrook PCN");
    harness
        .get_by_label_contains("Undo Move Copper Beech Surgery to Eastbrook PCN")
        .click();
    harness.run();
    assert_eq!(harness.state().document().change_count(), 0);
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Redo Move Copper Beech Surgery to Eastbrook PCN");
}
