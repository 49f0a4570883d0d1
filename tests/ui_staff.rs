//! The ARRS staff plan in the window: File → Import staff list… reads a CSV, each hub card and
//! the figures table show the hub's headroom, and dragging a practice out of a hub changes that
//! hub's headroom by the hand-computed amount (its entitlement falls with its weighted list, and
//! the staff the practice employs go with it); a hub pushed into overspend is named in the
//! status line.

mod ui_common;

use egui_kittest::kittest::Queryable;
use pcn_explorer::model::practice::title_case;
use ui_common::*;

const ASHCOMBE: (&str, &str) = ("X10138", "ASHCOMBE & WYLE PCN");
const EASTBROOK: (&str, &str) = ("X10960", "EASTBROOK PCN");
const COPPER_BEECH: &str = "X80130";
/// 2025-26: ARRS £26.631 per weighted patient (ten-thousandths of a pound).
const ARRS_E4: i64 = 266_310;
/// 2025-26 maxima per WTE, in pence: clinical pharmacist £66,972, GP £105,882.
const PHARMACIST: i64 = 6_697_200;
const GP: i64 = 10_588_200;

fn import_staff(harness: &mut egui_kittest::Harness<'_, pcn_explorer::app::App>, csv: &str) {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("staff.csv");
    std::fs::write(&path, csv).expect("write staff list");
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Import staff list…").click();
    harness.run();
    wait_until_idle(harness);
    type_path(harness, &path);
    harness.get_by_label("Import").click();
    harness.run();
    wait_until_idle(harness);
}

/// `£1,234` or `−£1,234`, as the card and the table write a headroom.
fn signed_pounds(pence: i64) -> String {
    if pence < 0 {
        format!("−{}", whole_pounds(-pence))
    } else {
        whole_pounds(pence)
    }
}

fn card_arrs(hub: &str, headroom_pence: i64, wte: &str) -> String {
    let word = if headroom_pence < 0 {
        "overspend"
    } else {
        "headroom"
    };
    format!(
        "{} ARRS {word} {} · {wte} WTE",
        title_case(hub),
        whole_pounds(headroom_pence.abs())
    )
}

fn drag_copper_beech_to_eastbrook(harness: &mut egui_kittest::Harness<'_, pcn_explorer::app::App>) {
    let scenario = harness.state().document().scenario().clone();
    let target = sums(&scenario, EASTBROOK.0, &[], &[]);
    let chip = harness.get_by_label("Copper Beech Surgery, 17,585 patients");
    let from = chip.rect().center();
    let to = harness
        .get_by_label(&card(EASTBROOK.1, &target))
        .rect()
        .center();
    drag(harness, from, to);
}

#[test]
fn a_practice_dragged_out_takes_its_staff_and_the_hubs_headroom_falls_by_hand() {
    let mut harness = example_harness();
    // The network employs two pharmacists at the maximum; Copper Beech employs a pharmacy
    // technician at £40,000 (below the £43,352 maximum).
    import_staff(
        &mut harness,
        "hub_code,role,wte,employer,annual_cost_gbp,start_month\n\
         X10138,Clinical pharmacist,2,network,,\n\
         X10138,Pharmacy technician,1,X80130,40000,\n",
    );
    harness.get_by_label_contains("Read 2 staff rows for 1 hubs");
    let scenario = harness.state().document().scenario().clone();
    let before = sums(&scenario, ASHCOMBE.0, &[], &[]);
    let headroom_before = pence(ARRS_E4, before.weighted) - 2 * PHARMACIST - 4_000_000;
    harness.get_by_label(&card_arrs(ASHCOMBE.1, headroom_before, "3"));
    harness.get_by_label(&cell(
        ASHCOMBE.1,
        "Headroom",
        &signed_pounds(headroom_before),
    ));
    let eastbrook = sums(&scenario, EASTBROOK.0, &[], &[]);
    harness.get_by_label(&card_arrs(
        EASTBROOK.1,
        pence(ARRS_E4, eastbrook.weighted),
        "0",
    ));

    drag_copper_beech_to_eastbrook(&mut harness);

    let after = sums(&scenario, ASHCOMBE.0, &[], &[COPPER_BEECH]);
    let headroom_after = pence(ARRS_E4, after.weighted) - 2 * PHARMACIST;
    // Copper Beech's 19,838.54 weighted patients take 19,838.54 × £26.631 = £528,320.16 of
    // entitlement (each hub's sum rounded to the penny); its technician's £40,000 claim goes
    // too: the headroom falls by £488,320.16.
    assert_eq!(headroom_before - headroom_after, 52_832_016 - 4_000_000);
    harness.get_by_label(&card_arrs(ASHCOMBE.1, headroom_after, "2"));
    harness.get_by_label(&cell(
        ASHCOMBE.1,
        "Headroom",
        &signed_pounds(headroom_after),
    ));
    let eastbrook_after = sums(&scenario, EASTBROOK.0, &[COPPER_BEECH], &[]);
    let eastbrook_headroom = pence(ARRS_E4, eastbrook_after.weighted) - 4_000_000;
    harness.get_by_label(&card_arrs(EASTBROOK.1, eastbrook_headroom, "1"));
    harness.get_by_label(&cell(
        EASTBROOK.1,
        "Headroom",
        &signed_pounds(eastbrook_headroom),
    ));
    // Two steps: the import and the move; undoing the move gives the figures back.
    assert_eq!(harness.state().document().change_count(), 2);
    harness.get_by_label("Undo").click();
    harness.run();
    harness.get_by_label(&card_arrs(ASHCOMBE.1, headroom_before, "3"));
}

#[test]
fn a_hub_pushed_into_overspend_is_flagged_in_the_status_line() {
    let mut harness = example_harness();
    let scenario = harness.state().document().scenario().clone();
    let before = sums(&scenario, ASHCOMBE.0, &[], &[]);
    let after = sums(&scenario, ASHCOMBE.0, &[], &[COPPER_BEECH]);
    // Enough GPs to fit Ashcombe's entitlement today but not without Copper Beech.
    let gps = pence(ARRS_E4, after.weighted) / GP + 1;
    assert!(gps * GP < pence(ARRS_E4, before.weighted));
    import_staff(
        &mut harness,
        &format!("hub_code,role,wte\nX10138,GP,{gps}\n"),
    );
    assert!(harness.query_by_label_contains("ARRS overspend").is_none());

    drag_copper_beech_to_eastbrook(&mut harness);

    let overspend = gps * GP - pence(ARRS_E4, after.weighted);
    let status = format!(
        "{}: ARRS overspend {}",
        title_case(ASHCOMBE.1),
        whole_pounds(overspend)
    );
    harness.get_by_label(&status);
    harness.get_by_label(&card_arrs(ASHCOMBE.1, -overspend, &gps.to_string()));
}

#[test]
fn a_bad_staff_list_is_reported_with_its_line_and_changes_nothing() {
    let mut harness = example_harness();
    import_staff(&mut harness, "hub_code,role,wte\nX10138,Wizard,1\n");
    let error = harness.state().file_error().expect("reported");
    let text = format!("{error:?}");
    assert!(text.contains("line 2"), "{text}");
    assert!(text.contains("unknown role"), "{text}");
    assert_eq!(harness.state().document().change_count(), 0);
    assert!(harness.query_by_label_contains("Headroom").is_none());
}

#[test]
fn while_a_chip_is_held_over_a_card_both_hubs_preview_their_headroom() {
    let mut harness = example_harness();
    import_staff(
        &mut harness,
        "hub_code,role,wte,employer\nX10138,Clinical pharmacist,2,network\nX10138,GP,1,X80130\n",
    );
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
    harness.hover_at(from + egui::vec2(20.0, 5.0));
    harness.step();
    harness.hover_at(to);
    harness.step();
    harness.step();
    let after = sums(&scenario, ASHCOMBE.0, &[], &[COPPER_BEECH]);
    let source_after = pence(ARRS_E4, after.weighted) - 2 * PHARMACIST;
    let target_after = sums(&scenario, EASTBROOK.0, &[COPPER_BEECH], &[]);
    let eastbrook_after = pence(ARRS_E4, target_after.weighted) - GP;
    harness.get_by_label_contains(&format!(
        "{} If dropped: ARRS headroom {}",
        title_case(ASHCOMBE.1),
        whole_pounds(source_after)
    ));
    harness.get_by_label_contains(&format!(
        "{} If dropped: ARRS headroom {}",
        title_case(EASTBROOK.1),
        whole_pounds(eastbrook_after)
    ));
    // The status line says it too.
    harness.get_by_label_contains(&format!("to {}", signed_pounds(eastbrook_after)));
    harness.drop_at(to);
    harness.run();
    assert_eq!(harness.state().document().change_count(), 2);
}

#[test]
fn the_staff_plan_window_adds_a_row_corrects_a_maximum_and_each_is_one_undo_step() {
    let mut harness = example_harness();
    import_staff(
        &mut harness,
        "hub_code,role,wte,employer\nX10138,Clinical pharmacist,2,network\n",
    );
    let scenario = harness.state().document().scenario().clone();
    let ashcombe = sums(&scenario, ASHCOMBE.0, &[], &[]);
    let entitlement = pence(ARRS_E4, ashcombe.weighted);
    // A practice of Ashcombe & Wyle is selected: the window opens on its hub.
    harness
        .get_by_label("Copper Beech Surgery, 17,585 patients")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Figures")
        .click();
    harness.run();
    harness.get_by_label("Staff plan (ARRS)…").click();
    harness.run();
    // Ashcombe & Wyle, with its two pharmacists.
    harness.get_by_label(&whole_pounds(entitlement));
    // Claimable and the staff cost: both two pharmacists at the maximum.
    assert_eq!(
        harness
            .query_all_by_label(&whole_pounds(2 * PHARMACIST))
            .count(),
        2
    );
    // A new row (a clinical pharmacist at the maximum by default), applied as one step.
    harness.get_by_label("Add a row").click();
    harness.run();
    harness.get_by_label("Apply staff changes").click();
    harness.run();
    assert_eq!(harness.state().document().change_count(), 2);
    let headroom = entitlement - 3 * PHARMACIST;
    harness.get_by_label(&card_arrs(ASHCOMBE.1, headroom, "3"));
    // Correct the pharmacist's maximum to £60,000.
    harness
        .get_by_label("Role maxima 2025-26 (Outside London)")
        .click();
    harness.run();
    let correct = "Correct the maximum of Clinical pharmacist";
    harness.get_by_label(correct).scroll_to_me();
    harness.run();
    harness.get_by_label(correct).click();
    harness.run();
    harness
        .get_by_label("Clinical pharmacist: £")
        .scroll_to_me();
    harness.run();
    harness.get_by_label("Clinical pharmacist: £").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_label("Clinical pharmacist: £")
        .type_text("60,000");
    harness.run();
    harness.get_by_label("Use this maximum").scroll_to_me();
    harness.run();
    harness.get_by_label("Use this maximum").click();
    harness.run();
    assert_eq!(harness.state().document().change_count(), 3);
    harness.get_by_label("£60,000 (corrected)");
    // Three pharmacists now claim 3 × £60,000.
    harness.get_by_label(&card_arrs(ASHCOMBE.1, entitlement - 3 * 6_000_000, "3"));
    harness.get_by_label("Undo").click();
    harness.run();
    harness.get_by_label("Undo").click();
    harness.run();
    harness.get_by_label(&card_arrs(ASHCOMBE.1, entitlement - 2 * PHARMACIST, "2"));
}
