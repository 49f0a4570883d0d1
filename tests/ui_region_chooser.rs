//! The region chooser (start screen, File → New from a region of England…): typing a former CCG
//! name finds the sub-ICB, one click opens it; the About box names the data licence.

mod ui_common;

use egui_kittest::kittest::Queryable;
use ui_common::{example_harness, wait_until_idle};

/// Escape closes the chooser (with its search field focused or not), leaving the example open.
#[test]
fn escape_closes_the_chooser_and_keeps_the_example() {
    let mut harness = example_harness();
    let title = harness.state().document().scenario().title().to_string();
    for focus_search in [false, true] {
        harness.state_mut().show_region_chooser();
        harness.run();
        assert!(harness.query_by_label_contains("of 106 regions").is_some());
        if focus_search {
            harness.get_by_label("Search regions:").focus();
            harness.run();
            harness.get_by_label("Search regions:").type_text("sus");
            harness.run();
        }
        harness.key_press(egui::Key::Escape);
        harness.run();
        assert!(
            harness.query_by_label_contains("of 106 regions").is_none(),
            "Escape closed the chooser (search focused: {focus_search})"
        );
        assert_eq!(harness.state().document().scenario().title(), title);
    }
}

#[test]
fn typing_west_sussex_finds_70f_and_one_click_opens_it() {
    let mut harness = example_harness();
    harness.state_mut().show_region_chooser();
    harness.run();
    // Before searching, all 106 regions are offered.
    assert!(
        harness
            .query_by_label_contains("106 of 106 regions")
            .is_some()
    );
    harness.get_by_label("Search regions:").focus();
    harness.run();
    harness
        .get_by_label("Search regions:")
        .type_text("west sussex");
    harness.run();
    // "West Sussex" is only in the former CCG name: the sub-ICB is "NHS SUSSEX ICB - 70F".
    assert!(
        harness
            .query_by_label_contains("1 of 106 regions")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("formerly NHS West Sussex CCG")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("75 practices, 20 PCNs")
            .is_some()
    );
    assert!(
        harness.query_by_label_contains("11N").is_none(),
        "Cornwall filtered out"
    );
    harness.get_by_label("70F  NHS Sussex ICB - 70F").click();
    harness.run();
    let app = harness.state();
    assert!(!app.is_choosing_region());
    let region = app.document().scenario().region();
    assert_eq!((region.code.as_str(), region.len()), ("70F", 75));
    assert_eq!(app.document().scenario().hubs().len(), 20);
    // The board shows the region's hubs.
    assert!(
        harness
            .query_all_by_label_contains("Burgess Hill & Villages PCN")
            .next()
            .is_some()
    );
}

#[test]
fn the_chooser_searches_codes_and_keeps_the_example_one_click_away() {
    let mut harness = example_harness();
    harness.state_mut().show_region_chooser();
    harness.run();
    harness.get_by_label("Search regions:").focus();
    harness.run();
    harness
        .get_by_label("Search regions:")
        .type_text("cornwall");
    harness.run();
    assert!(
        harness
            .query_by_label_contains("1 of 106 regions")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("57 practices, 15 PCNs")
            .is_some()
    );
    harness.get_by_label("Open the example region").click();
    harness.run();
    assert!(!harness.state().is_choosing_region());
    assert!(
        harness
            .state()
            .document()
            .scenario()
            .region()
            .name
            .contains("fictional")
    );
}

#[test]
fn about_box_names_the_open_government_licence() {
    let mut harness = example_harness();
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("About pcn-explorer").click();
    harness.run();
    // The attribution text and the link to the licence.
    assert_eq!(
        harness
            .query_all_by_label_contains("Open Government Licence v3.0")
            .count(),
        2
    );
    assert!(
        harness
            .query_by_label_contains("NHS Payments to General Practice")
            .is_some()
    );
}

#[test]
fn practices_with_estimated_figures_are_marked_on_the_board_with_their_sources() {
    let nhs = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nhs");
    let files = [
        std::path::Path::new(nhs).join("gp-reg-pat-prac-all.csv"),
        std::path::Path::new(nhs).join("gp-reg-pat-prac-map.csv"),
    ];
    let opened = pcn_explorer::io::readers::open_inputs(&files, Some("70F")).expect("opens");
    let hubs = opened.scenario.hubs().len();
    let mut harness = ui_common::harness_on(opened.scenario, egui::vec2(1600.0, 900.0));
    // Every practice has a location from the bundled reference: all 75 are drawn.
    harness.get_by_label_contains(&format!("Map of 75 practices in {hubs} hubs;"));
    let marked = harness
        .query_all_by_label_contains("(estimated values)")
        .count();
    assert!(marked > 0, "estimated chips carry the mark in their names");
    let chip = harness
        .get_all_by_label_contains("(estimated values)")
        .next()
        .expect("a chip");
    chip.hover();
    harness.run();
    assert!(
        harness
            .query_by_label_contains(
                "weighted: estimated from the 2022/23 weighted/registered ratio"
            )
            .is_some(),
        "the tooltip names the source"
    );
    // Published data has no mark.
    let mut example = example_harness();
    example.run();
    assert_eq!(
        example
            .query_all_by_label_contains("(estimated values)")
            .count(),
        0
    );
}

#[test]
fn opening_a_monthly_registrations_file_asks_for_the_region_then_opens_it() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/nhs/gp-reg-pat-prac-all.csv");
    let mut harness = example_harness();
    harness.state_mut().open_path(path);
    wait_until_idle(&mut harness);
    harness.get_by_label("Choose a sub-ICB region");
    harness.get_by_label("Sub-ICB code:").focus();
    harness.run();
    harness.get_by_label("Sub-ICB code:").type_text("70F");
    harness.run();
    harness.get_by_label("Open region").click();
    harness.step();
    wait_until_idle(&mut harness);
    let region = harness.state().document().scenario().region();
    assert_eq!((region.code.as_str(), region.len()), ("70F", 75));
    assert_eq!(region.snapshot_date, "2026-04-01");
    harness.get_by_label_contains("Map of 75 practices in 20 hubs;");
}
