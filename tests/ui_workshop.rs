//! The workshop in the window: F5 presenter mode with its change strip (Esc leaves), options
//! kept with Ctrl+1–2 and shown with keys 1–2 changing the figures on screen, and File → Merge
//! options… settling a conflict and merging as one undo step.

mod ui_common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use pcn_explorer::io::scenario_file::save_scenario;
use pcn_explorer::model::{Action, WORKSHOP_START, apply};
use ui_common::*;

const EASTBROOK: (&str, &str) = ("X10960", "EASTBROOK PCN");
const COPPER_BEECH: &str = "Copper Beech Surgery, 17,585 patients";

#[test]
fn presenter_mode_comes_with_f5_shows_the_change_strip_and_leaves_with_escape() {
    // The room's projector: 1366×768.
    let mut harness = harness_on(example_2025_26(), egui::vec2(1366.0, 768.0));
    harness.key_press(Key::F5);
    harness.run();
    harness.get_by_label("No change since today's PCNs");
    assert!(
        harness
            .query_by_role_and_label(egui::accesskit::Role::Button, "Figures")
            .is_none(),
        "the menu bar is gone"
    );
    // The drag works in presenter mode as in the normal view, and the strip and the hub rows
    // follow: Copper Beech dragged to Unassigned (the card in view at this size).
    let scenario = harness.state().document().scenario().clone();
    let copper = scenario
        .region()
        .practices()
        .iter()
        .find(|p| p.name == "COPPER BEECH SURGERY")
        .expect("practice")
        .clone();
    let home = scenario
        .hub_by_code(copper.baseline_hub.as_deref().expect("in a PCN"))
        .and_then(|id| scenario.hub(id))
        .expect("hub")
        .clone();
    let from = harness.get_by_label(COPPER_BEECH).rect().center();
    let to = harness
        .get_by_label_contains("Unassigned card")
        .rect()
        .center();
    drag(&mut harness, from, to);
    assert_eq!(
        harness.state().document().change_count(),
        1,
        "{from:?} -> {to:?}"
    );
    harness.get_by_label_contains("Since today's PCNs: 1 practice moved");
    let after = sums(&scenario, &home.code, &[], &[copper.code.as_str()]);
    harness.get_by_label_contains(&format!(
        "{}: {} patients",
        pcn_explorer::model::practice::title_case(&home.name),
        whole_patients(after.registered)
    ));
    // The comparison opens over the presenter's screen.
    harness.get_by_label("Compare options…").click();
    harness.run();
    assert!(harness.state().compare_view().open);
    harness.get_by_label("Close window").click();
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "Figures");
}

#[test]
fn keys_keep_and_show_options_and_the_screen_says_which() {
    let mut harness = example_harness();
    let scenario = harness.state().document().scenario().clone();
    let today = sums(&scenario, EASTBROOK.0, &[], &[]);
    let with_copper = sums(&scenario, EASTBROOK.0, &["X80130"], &[]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    harness.get_by_label("Showing: Option A");
    move_with_picker(&mut harness, COPPER_BEECH, "Eastbrook PCN");
    harness.get_by_label("Showing: an unsaved option");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    harness.get_by_label("Showing: Option B");
    harness.get_by_label(&card(EASTBROOK.1, &with_copper));

    harness.key_press(Key::Num1);
    harness.run();
    harness.get_by_label("Showing: Option A");
    harness.get_by_label(&card(EASTBROOK.1, &today));
    assert!(
        harness
            .query_by_label(&card(EASTBROOK.1, &with_copper))
            .is_none()
    );
    harness.key_press(Key::Num2);
    harness.run();
    harness.get_by_label(&card(EASTBROOK.1, &with_copper));
    // No Option C yet: the status line says how to make it, nothing changes.
    let before = harness.state().document().change_count();
    harness.key_press(Key::Num3);
    harness.run();
    harness.get_by_label_contains("There is no Option C yet");
    assert_eq!(harness.state().document().change_count(), before);
}

#[test]
fn merging_another_laptops_file_settles_a_conflict_and_is_one_undo_step() {
    let mut harness = example_harness();
    harness.get_by_label("File").click();
    harness.run();
    harness
        .get_by_label("Start a workshop from this option")
        .click();
    harness.run();
    let start = harness.state().document().scenario().clone();
    assert!(start.workshop_id().is_some());
    assert!(start.snapshot(WORKSHOP_START).is_some());
    // The other laptop: Copper Beech to Riverford Central, and Oakby to Hollins Vale.
    let mut other = start.clone();
    let id = |code: &str| start.region().id_of(code).expect("practice");
    let hub = |code: &str| start.hub_by_code(code).expect("hub");
    for (practice, to) in [("X80130", "X10001"), ("X80351", "X10275")] {
        let practice = id(practice);
        apply(
            &mut other,
            Action::MovePractice {
                practice,
                to: Some(hub(to)),
            },
        )
        .expect("move");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("laptop-b.ron");
    save_scenario(&file, &other).expect("save");

    // This laptop: Copper Beech to Eastbrook (the conflict).
    move_with_picker(&mut harness, COPPER_BEECH, "Eastbrook PCN");
    let changes = harness.state().document().change_count();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Merge options…").click();
    harness.step();
    wait_until_idle(&mut harness);
    type_path(&mut harness, &file);
    harness.get_by_label("Merge").click();
    harness.run();
    harness.get_by_label_contains("1 conflict(s): choose a side for each.");
    harness.get_by_label_contains("Copper Beech Surgery (X80130): A moved it to Eastbrook PCN");
    harness.get_by_label("B (1)").click();
    harness.run();
    harness.get_by_label("Merge").click();
    harness.run();
    let merged = harness.state().document().scenario().clone();
    let hub_of = |code: &str| {
        merged
            .hub_of(merged.region().id_of(code).expect("practice"))
            .and_then(|id| merged.hub(id))
            .map(|hub| hub.code.clone())
    };
    assert_eq!(
        hub_of("X80130").as_deref(),
        Some("X10001"),
        "B's side chosen"
    );
    assert_eq!(
        hub_of("X80351").as_deref(),
        Some("X10275"),
        "B's other move combined"
    );
    assert_eq!(harness.state().document().change_count(), changes + 1);
    harness.get_by_label("Undo").click();
    harness.run();
    let back = harness.state().document().scenario().clone();
    assert_eq!(
        back.hub_of(back.region().id_of("X80130").expect("practice"))
            .and_then(|id| back.hub(id))
            .map(|hub| hub.code.clone())
            .as_deref(),
        Some("X10960")
    );
}

#[test]
fn in_workshop_mode_a_move_asks_for_a_reason_that_then_appears_in_the_comparison() {
    let mut harness = example_harness();
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "View")
        .click();
    harness.run();
    harness.get_by_label("Workshop mode (large text)").click();
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    move_with_picker(&mut harness, COPPER_BEECH, "Eastbrook PCN");
    harness.get_by_label_contains("Why did Copper Beech Surgery move to Eastbrook PCN?");
    harness
        .get_by_label("Reason:")
        .type_text("shares a building with Eastbrook Surgery");
    harness.run();
    harness.get_by_label("Record reason").click();
    harness.run();
    assert!(harness.query_by_label("Reason for the move").is_none());
    let scenario = harness.state().document().scenario().clone();
    let copper = scenario.region().id_of("X80130").expect("practice");
    assert_eq!(
        scenario.reason(copper),
        Some("shares a building with Eastbrook Surgery")
    );
    // The comparison with today's PCNs lists the move with its reason, on screen.
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Compare")
        .click();
    harness.run();
    harness.get_by_label("Compare…").click();
    harness.run();
    harness.get_by_label_contains("shares a building with Eastbrook Surgery");
    // A skipped prompt records nothing new.
    harness.get_by_label("Close window").click();
    harness.run();
    let changes = harness.state().document().change_count();
    move_with_picker(&mut harness, COPPER_BEECH, "Riverford Central PCN");
    harness.get_by_label("Skip").click();
    harness.run();
    assert!(harness.query_by_label("Reason for the move").is_none());
    assert_eq!(harness.state().document().change_count(), changes + 1);
    assert_eq!(
        harness.state().document().scenario().reason(copper),
        Some("shares a building with Eastbrook Surgery")
    );
}
