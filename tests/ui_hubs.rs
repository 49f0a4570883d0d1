//! Creating, renaming, merging and deleting hubs through the window.

mod ui_common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use ui_common::*;

const ASHCOMBE: (&str, &str) = ("X10138", "ASHCOMBE & WYLE PCN");
const EASTBROOK: (&str, &str) = ("X10960", "EASTBROOK PCN");

fn replace_text(
    harness: &mut egui_kittest::Harness<'_, pcn_explorer::app::App>,
    label: &str,
    text: &str,
) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

#[test]
fn rename_a_hub() {
    let mut harness = example_harness();
    harness.get_by_label("Edit hub Eastbrook PCN").click();
    harness.run();
    replace_text(&mut harness, "Name:", "Eastbrook and Heron Way PCN");
    harness.get_by_label("Rename").click();
    harness.run();
    let scenario = harness.state().document().scenario().clone();
    let eastbrook = sums(&scenario, EASTBROOK.0, &[], &[]);
    harness.get_by_label(&card("Eastbrook and Heron Way PCN", &eastbrook));
    assert!(
        harness
            .query_by_label(&card(EASTBROOK.1, &eastbrook))
            .is_none()
    );
    harness.get_by_label(&cell(
        "Eastbrook and Heron Way PCN",
        "Registered",
        &whole_patients(eastbrook.registered),
    ));
    assert_eq!(
        harness.state().document().undo_label(),
        Some("Rename Eastbrook PCN to Eastbrook and Heron Way PCN")
    );
}

#[test]
fn merge_a_hub_into_another() {
    let mut harness = example_harness();
    harness.get_by_label("Edit hub Eastbrook PCN").click();
    harness.run();
    harness.get_by_label("Merge into").click();
    harness.run();
    harness.get_by_label("Ashcombe & Wyle PCN").click();
    harness.run();
    // Before merging, the dialog shows the combined total.
    let before = harness.state().document().scenario().clone();
    let together = sums(&before, ASHCOMBE.0, &[], &[]).registered
        + sums(&before, EASTBROOK.0, &[], &[]).registered;
    harness.get_by_label_contains(&format!(
        "Together: {} registered patients",
        whole_patients(together)
    ));
    harness.get_by_label("Merge").click();
    harness.run();
    let scenario = harness.state().document().scenario().clone();
    let mut merged = sums(&scenario, ASHCOMBE.0, &[], &[]);
    let eastbrook = sums(&scenario, EASTBROOK.0, &[], &[]);
    merged.practices += eastbrook.practices;
    merged.registered += eastbrook.registered;
    merged.weighted += eastbrook.weighted;
    merged.beds += eastbrook.beds;
    assert_eq!(merged.practices, 13);
    harness.get_by_label(&card(ASHCOMBE.1, &merged));
    assert!(harness.query_by_label("Edit hub Eastbrook PCN").is_none());
    harness.get_by_label(&cell(
        ASHCOMBE.1,
        "Total",
        &whole_pounds(total_2025_26(&merged)),
    ));
    assert_eq!(harness.state().document().scenario().hubs().len(), 7);
}

#[test]
fn delete_a_hub_leaves_its_practices_unassigned_and_undo_restores_it() {
    let mut harness = example_harness();
    let start = harness.state().document().metrics().clone();
    let scenario = harness.state().document().scenario().clone();
    let unassigned_before = scenario.unassigned().count() as u32;
    harness.get_by_label("Edit hub Eastbrook PCN").click();
    harness.run();
    harness.get_by_label("Delete hub…").click();
    harness.run();
    // The dialog says what deleting does before it does it.
    let eastbrook = sums(&scenario, EASTBROOK.0, &[], &[]);
    harness.get_by_label_contains(&format!(
        "5 practices with {} registered patients will become unassigned",
        whole_patients(eastbrook.registered)
    ));
    assert_eq!(
        harness.state().document().change_count(),
        0,
        "nothing deleted yet"
    );
    harness.get_by_label("Delete").click();
    harness.run();
    let metrics = harness.state().document().metrics();
    assert_eq!(metrics.unassigned.practices, unassigned_before + 5);
    assert!(harness.query_by_label("Edit hub Eastbrook PCN").is_none());
    harness.get_by_label_contains(&format!(
        "Unassigned card: {} practices",
        unassigned_before + 5
    ));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().document().metrics(), &start);
    harness.get_by_label(&card(EASTBROOK.1, &sums(&scenario, EASTBROOK.0, &[], &[])));
}

#[test]
fn create_a_hub_and_find_it_with_the_search_box() {
    let mut harness = example_harness();
    harness.get_by_label("+ New hub").click();
    harness.run();
    replace_text(&mut harness, "Name:", "Riverside PCN");
    harness.get_by_label("Create").click();
    harness.run();
    assert_eq!(harness.state().document().scenario().hubs().len(), 9);
    assert_eq!(
        harness.state().document().undo_label(),
        Some("Create hub Riverside PCN")
    );
    // Cards are sorted by name: the new card is below the fold; the search box finds hubs too.
    harness.get_by_label("Search").focus();
    harness.run();
    harness.get_by_label("Search").type_text("riverside");
    harness.run();
    harness.get_by_label("Riverside PCN card: 0 practices, 0 registered, below 30k");
    harness.get_by_label(&cell("Riverside PCN", "Registered", "0"));
    harness.get_by_label(&cell("Riverside PCN", "Δ registered", "new"));
}

#[test]
fn the_rename_dialog_opens_focused_on_the_displayed_name_and_enter_and_escape_work() {
    let mut harness = example_harness();
    harness.get_by_label("Edit hub Eastbrook PCN").click();
    harness.run();
    // The name as the card shows it, with the keyboard already in the field: typing replaces
    // nothing until the user selects, so select all and type, then press Enter.
    let field = harness.get_by_label("Name:");
    assert_eq!(
        field.accesskit_node().value().as_deref(),
        Some("Eastbrook PCN")
    );
    assert!(
        field.accesskit_node().is_focused(),
        "the name field has the focus on open"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_label("Name:")
        .type_text("Eastbrook Vale PCN");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().document().undo_label(),
        Some("Rename Eastbrook PCN to Eastbrook Vale PCN")
    );
    assert!(
        harness.query_by_label("Name:").is_none(),
        "Enter confirmed and closed"
    );
    // Escape closes a dialog without changing anything.
    harness.get_by_label("+ New hub").click();
    harness.run();
    assert!(harness.get_by_label("Name:").accesskit_node().is_focused());
    harness.key_press(Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label("Name:").is_none(),
        "Escape closed it"
    );
    assert_eq!(harness.state().document().scenario().hubs().len(), 8);
}
