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

#[test]
fn while_dragging_the_cards_and_the_status_line_say_what_the_drop_would_do() {
    let mut harness = example_harness();
    let scenario = harness.state().document().scenario().clone();
    let eastbrook = sums(&scenario, "X10960", &[], &[]);
    let ashcombe = sums(&scenario, ASHCOMBE.0, &[], &[]);
    let from = harness.get_by_label(COPPER_BEECH_CHIP).rect().center();
    let to = harness
        .get_by_label(&card("EASTBROOK PCN", &eastbrook))
        .rect()
        .center();
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    harness.hover_at(from + egui::vec2(20.0, 5.0));
    harness.step();
    harness.hover_at(to);
    harness.step();
    harness.step();
    // Eastbrook with Copper Beech, and Ashcombe without it, summed here from the file.
    let new_eastbrook = whole_patients(eastbrook.registered + 1_758_475);
    let new_ashcombe = whole_patients(ashcombe.registered - 1_758_475);
    harness.get_by_label_contains(&format!(
        "Dropping Copper Beech Surgery: Ashcombe & Wyle PCN {} to {new_ashcombe}",
        whole_patients(ashcombe.registered)
    ));
    harness.get_by_label_contains(&format!(
        "Eastbrook PCN {} to {new_eastbrook}",
        whole_patients(eastbrook.registered)
    ));
    // Inside the target card, not beside it: the card's own name carries the preview.
    harness.get_by_label_contains(&format!(
        "if dropped: 6 practices, {new_eastbrook} registered"
    ));
    harness.drop_at(to);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Dropping Copper Beech")
            .is_none()
    );
}

#[test]
fn each_card_shows_its_staffing_with_one_decimal() {
    let harness = example_harness();
    // Eastbrook PCN's members in the example: GP FTE and nurse FTE summed from the CSV.
    let scenario = harness.state().document().scenario().clone();
    let (mut gp, mut nurse) = (0i64, 0i64);
    for practice in scenario.region().practices() {
        if practice.baseline_hub.as_deref() == Some("X10960") {
            gp += practice.gp_fte.map_or(0, |f| f.0);
            nurse += practice.nurse_fte.map_or(0, |f| f.0);
        }
    }
    let one_decimal = |hundredths: i64| {
        let tenths = (hundredths + 5) / 10;
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    harness.get_by_label_contains(&format!(
        "Eastbrook PCN staffing: GP FTE {} · nurse FTE {}",
        one_decimal(gp),
        one_decimal(nurse)
    ));
    // 26.5 GP FTE by hand from assets/example/riverford.csv.
    assert_eq!(one_decimal(gp), "26.5");
}

#[test]
fn the_help_menu_lists_keys_figures_data_and_version() {
    let mut harness = example_harness();
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("Keys, figures and data…").click();
    harness.run();
    harness.get_by_label("Undo the last change");
    harness.get_by_label("Band");
    harness.get_by_label_contains("Open Government Licence v3.0");
    harness.get_by_label(&format!("pcn-explorer {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_hub_whose_practices_publish_no_fte_says_unknown_not_zero() {
    // The example with Eastbrook's workforce figures removed, as in files that have none.
    let example = pcn_explorer::io::example::example_scenario();
    let mut practices = example.region().practices().to_vec();
    for practice in &mut practices {
        if practice.baseline_hub.as_deref() == Some("X10960") {
            practice.gp_fte = None;
            practice.nurse_fte = None;
        }
    }
    let region = pcn_explorer::model::Region::new(
        "No FTE",
        practices,
        example.region().baseline_hubs().clone(),
    )
    .expect("valid region");
    let scenario =
        pcn_explorer::model::Scenario::baseline(std::sync::Arc::new(region), example.rule_year());
    let mut harness = harness_on(scenario, egui::vec2(1600.0, 900.0));
    harness.run();
    harness.get_by_label_contains("Eastbrook PCN staffing: GP FTE unknown · nurse FTE unknown");
    harness.get_by_label(&cell("EASTBROOK PCN", "GP FTE", "unknown"));
    assert!(
        harness
            .query_by_label(&cell("EASTBROOK PCN", "GP FTE", "0"))
            .is_none()
    );
}
