//! Moving a practice with the keyboard: select its chip, press M, type part of a hub's name,
//! press Enter. One undo step, like a drag; with nothing selected M says what to do.

mod ui_common;

use egui::Key;
use egui_kittest::kittest::Queryable;
use ui_common::*;

#[test]
fn m_then_typing_a_hub_and_enter_moves_the_selected_practice() {
    let mut harness = example_harness();
    harness.key_press(Key::M);
    harness.run();
    harness.get_by_label_contains("Select a practice first");
    harness
        .get_by_label("Copper Beech Surgery, 17,585 patients")
        .click();
    harness.run();
    harness.key_press(Key::M);
    harness.run();
    harness.get_by_label_contains(
        "Move Copper Beech Surgery (17,585 patients) from Ashcombe & Wyle PCN to:",
    );
    // Each hub with its list now and after the move.
    harness.get_by_label_contains("Eastbrook PCN: 61,950 to 79,535");
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Hub name or code:")
        .type_text("eastb");
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Fenland Villages PCN:")
            .is_none()
    );
    harness.key_press(Key::Enter);
    harness.run();
    let document = harness.state().document();
    let scenario = document.scenario();
    let copper = scenario.region().id_of("X80130").expect("practice");
    let eastbrook = scenario.hub_by_code("X10960").expect("hub");
    assert_eq!(scenario.hub_of(copper), Some(eastbrook));
    assert_eq!(document.change_count(), 1);
    assert_eq!(
        document.undo_label(),
        Some("Move Copper Beech Surgery to Eastbrook PCN")
    );
    assert!(
        harness.query_by_label("Move practice").is_none(),
        "the window closed"
    );
}
