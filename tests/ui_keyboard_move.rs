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

#[test]
fn holding_a_chip_at_the_boards_bottom_edge_scrolls_it() {
    let mut harness = example_harness();
    let scenario = harness.state().document().scenario().clone();
    let eastbrook = card("EASTBROOK PCN", &sums(&scenario, "X10960", &[], &[]));
    let before = harness.get_by_label(&eastbrook).rect().top();
    let chip = harness
        .get_by_label("Copper Beech Surgery, 17,585 patients")
        .rect()
        .center();
    harness.hover_at(chip);
    harness.step();
    harness.drag_at(chip);
    harness.step();
    harness.hover_at(chip + egui::vec2(20.0, 5.0));
    harness.step();
    // Just above the status line: the bottom edge of the board.
    let edge = egui::pos2(chip.x, harness.ctx.content_rect().bottom() - 40.0);
    for _ in 0..30 {
        harness.hover_at(edge);
        harness.step();
    }
    let during = harness.get_by_label(&eastbrook).rect().top();
    assert!(
        during < before - 50.0,
        "the board scrolled: {before} to {during}"
    );
    // Dropped back where it came from: nothing moved.
    harness.hover_at(chip);
    harness.step();
    harness.drop_at(edge);
    harness.run();
}

#[test]
fn edge_scroll_is_fastest_at_the_edge_and_nothing_in_the_middle() {
    use pcn_explorer::app::board::edge_scroll_speed;
    let clip = egui::Rect::from_min_max(egui::pos2(0.0, 100.0), egui::pos2(300.0, 700.0));
    assert_eq!(edge_scroll_speed(clip, egui::pos2(150.0, 400.0)), 0.0);
    assert_eq!(edge_scroll_speed(clip, egui::pos2(150.0, 100.0)), 18.0);
    assert_eq!(edge_scroll_speed(clip, egui::pos2(150.0, 120.0)), 9.0);
    assert!(edge_scroll_speed(clip, egui::pos2(150.0, 690.0)) < 0.0);
    assert_eq!(
        edge_scroll_speed(clip, egui::pos2(400.0, 690.0)),
        0.0,
        "outside the board"
    );
}

#[test]
fn tab_reaches_a_chip_which_is_then_selected_and_moved_with_m() {
    let mut harness = example_harness();
    let chip = "Copper Beech Surgery, 17,585 patients";
    // Keyboard focus on the chip (as Tab, or a screen reader, puts it there).
    harness.get_by_label(chip).focus();
    harness.run();
    assert!(
        harness
            .get_by_label_contains("Copper Beech Surgery, 17,585")
            .is_focused()
    );
    let copper = harness
        .state()
        .document()
        .scenario()
        .region()
        .id_of("X80130")
        .expect("practice");
    assert_eq!(harness.state().selected_practice(), Some(copper));
    // Tab goes on to the next chip, which becomes the selected practice.
    harness.key_press(Key::Tab);
    harness.run();
    let next = harness
        .state()
        .selected_practice()
        .expect("a chip is selected");
    assert_ne!(next, copper);
    let name = harness
        .state()
        .document()
        .scenario()
        .region()
        .practice(next)
        .expect("practice")
        .display_name();
    // M moves the focused chip's practice.
    harness.key_press(Key::M);
    harness.run();
    harness.get_by_label_contains(&format!("Move {name} ("));
}
