//! List growth in the window: West Sussex read from the 2021 and 2026 registrations extracts
//! (dropped on the window together with the practice→PCN map, as a person does) shows each hub's
//! yearly growth and its list three years on, names the hubs that would leave their band, and
//! follows the years typed in; the figures are those worked by hand in `tests/list_growth.rs`.

mod ui_common;

use egui::accesskit::Role;
use egui::vec2;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::sync::Arc;
use ui_common::DroppedPath;
use ui_common::{example_harness, harness_on, wait_until_idle};

const NHS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nhs");

fn drop_files(harness: &mut egui_kittest::Harness<'_, pcn_explorer::app::App>, names: &[&str]) {
    for name in names {
        harness
            .input_mut()
            .dropped_files
            .push(Arc::new(DroppedPath(Path::new(NHS).join(name))));
    }
    wait_until_idle(harness);
}

#[test]
fn three_nhs_files_dropped_together_open_one_region_with_growth() {
    let mut harness = example_harness();
    drop_files(
        &mut harness,
        &[
            "gp-reg-pat-prac-all.csv",
            "2021-01-01/gp-reg-pat-prac-all.csv",
            "gp-reg-pat-prac-map.csv",
        ],
    );
    // The files cover all England: the window asks which sub-ICB, naming all three files.
    harness.get_by_label("Choose a sub-ICB region");
    harness.get_by_label_contains("gp-reg-pat-prac-map.csv are NHS files covering many areas");
    harness.get_by_label("Sub-ICB code:").focus();
    harness.run();
    harness.get_by_label("Sub-ICB code:").type_text("70F");
    harness.run();
    harness.get_by_label("Open region").click();
    harness.step();
    wait_until_idle(&mut harness);
    assert!(harness.state().file_error().is_none());
    let region = harness.state().document().scenario().region();
    assert_eq!((region.code.as_str(), region.len()), ("70F", 75));
    assert_eq!(region.earlier_list_date, "2021-01-01");
    // The PCNs come from the map: 20 hubs.
    assert_eq!(harness.state().document().scenario().hubs().len(), 20);
    harness.get_by_label("Sort by Growth/yr");
    harness.get_by_label("Sort by In 3 years");
}

fn west_sussex_with_growth() -> pcn_explorer::model::Scenario {
    let files = [
        Path::new(NHS).join("gp-reg-pat-prac-all.csv"),
        Path::new(NHS).join("2021-01-01/gp-reg-pat-prac-all.csv"),
        Path::new(NHS).join("gp-reg-pat-prac-map.csv"),
    ];
    pcn_explorer::io::readers::open_inputs(&files, Some("70F"))
        .expect("70F")
        .scenario
}

#[test]
fn the_table_shows_growth_and_the_hubs_leaving_their_band() {
    let mut harness = harness_on(west_sussex_with_growth(), vec2(1920.0, 1080.0));
    // Cissbury Integrated Care PCN: 47,963 to 49,470 patients, +0.6 % a year, 50,353 in three
    // years: above the band (hand-computed in tests/list_growth.rs).
    harness.get_by_label("Cissbury Integrated Care PCN Growth/yr: +0.6 %");
    harness.get_by_label("Cissbury Integrated Care PCN In 3 years: 50,353 above");
    // Angmering Coppice Fitzalan: 29,675 today, 30,234 in three years, into the band.
    harness.get_by_label_contains("Fitzalan (ACF) PCN In 3 years: 30,234 in band");
    let warning = harness.get_by_label_contains("hubs leave the 30k–50k band within 3 years:");
    let text = format!("{warning:?}");
    assert!(text.contains("Cissbury Integrated Care PCN"), "{text}");
    assert!(
        !text.contains("Fitzalan"),
        "coming into the band is not leaving it: {text}"
    );
    harness.get_by_label_contains(
        "1 hub comes into the 30k–50k band within 3 years: Angmering Coppice Fitzalan (ACF) PCN",
    );

    // One year ahead: Cissbury (49,763) stays in the band.
    harness
        .get_by_role_and_label(Role::SpinButton, "Years to project ahead")
        .set_value_accesskit(1.0);
    harness.run();
    harness.get_by_label("Sort by In 1 year");
    harness.get_by_label("Cissbury Integrated Care PCN In 1 year: 49,763");
    let warning = harness.get_by_label_contains("band within a year:");
    assert!(!format!("{warning:?}").contains("Cissbury"));
    assert!(
        harness
            .query_by_label_contains("Cissbury Integrated Care PCN In 1 year: 49,763 ")
            .is_none()
    );
}

/// On a 1366×768 projector in workshop mode the growth line is one line: the hubs changing band
/// are counted (named on hover and to a screen reader), so the table keeps its rows in view.
#[test]
fn workshop_mode_at_1366_keeps_the_table_rows_under_the_growth_line() {
    let scenario = west_sussex_with_growth();
    let mut harness = harness_on(scenario.clone(), vec2(1366.0, 768.0));
    harness.get_by_role_and_label(Role::Button, "View").click();
    harness.run();
    harness.get_by_label("Workshop mode (large text)").click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    let warning = harness.get_by_label_contains("hubs leave the 30k–50k band within 3 years:");
    assert!(format!("{warning:?}").contains("Cissbury Integrated Care PCN"));
    let spin = harness
        .get_by_role_and_label(Role::SpinButton, "Years to project ahead")
        .rect();
    let leaving = warning.rect();
    assert!(
        (leaving.center().y - spin.center().y).abs() < spin.height(),
        "the count sits on the line of the years ({leaving:?} and {spin:?})"
    );
    let window = harness.ctx.content_rect();
    let rows = scenario
        .hubs()
        .values()
        .filter(|hub| {
            let name = pcn_explorer::model::practice::title_case(&hub.name);
            let label = format!("{name} Growth/yr:");
            harness
                .query_by_label_contains(&label)
                .is_some_and(|node| node.rect().max.y <= window.max.y)
        })
        .count();
    assert!(rows >= 6, "{rows} table rows in view");
}
