//! Workshop (large text) mode on a 1366×768 laptop: the window is 976 points wide, too narrow
//! for three panels, so it shows the board beside one larger panel chosen by tabs (Figures or
//! Map). Every hub's money columns are then inside the window, not cut; the Map tab shows the
//! map; at 1920×1080 the three panels stay.

mod ui_common;

use egui_kittest::kittest::Queryable;
use pcn_explorer::model::practice::title_case;
use ui_common::*;

fn workshop_mode(harness: &mut egui_kittest::Harness<'_, pcn_explorer::app::App>) {
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "View")
        .click();
    harness.run();
    harness.get_by_label("Workshop mode (large text)").click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
}

#[test]
fn at_1366_by_768_workshop_mode_shows_figures_or_map_beside_the_board_with_nothing_cut() {
    let mut harness = harness_on(example_2025_26(), egui::vec2(1366.0, 768.0));
    // Three panels at the laptop's normal size: the map is there beside the figures.
    harness.get_by_label_contains("wheel: zoom");
    workshop_mode(&mut harness);
    let window = harness.ctx.content_rect();
    assert!(window.width() < 1000.0, "workshop zoom: {}", window.width());
    assert!(
        harness.query_by_label_contains("wheel: zoom").is_none(),
        "the Figures tab is shown"
    );
    let scenario = harness.state().document().scenario().clone();
    let metrics = harness.state().document().metrics().clone();
    // The table draws the rows in view (it scrolls); each drawn row must fit.
    let mut rows_seen = 0;
    for (id, hub) in scenario.hubs() {
        let total = metrics.hubs[id].total.to_whole_pounds_string();
        let name = title_case(&hub.name);
        let label = cell(&hub.name, "Total", &total);
        let Some(node) = harness.query_by_label(&label) else {
            continue;
        };
        rows_seen += 1;
        let rect = node.rect();
        assert!(
            rect.max.x <= window.max.x + 0.5,
            "{name}: the Total cell ends at {} of {}",
            rect.max.x,
            window.max.x
        );
        let band_label = format!("{name} Band:");
        let band = harness.get_by_label_contains(&band_label).rect();
        assert!(band.max.x <= window.max.x + 0.5, "{name}: band cut");
    }
    assert!(rows_seen >= 4, "{rows_seen} rows in view");
    // The Map tab shows the map instead of the figures.
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Map")
        .click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains(&cell(
                scenario
                    .hubs()
                    .values()
                    .next()
                    .map_or("", |h| h.name.as_str()),
                "Total",
                ""
            ))
            .is_none(),
        "the table is hidden behind the Map tab"
    );
    harness.get_by_label_contains("wheel: zoom");
}

#[test]
fn at_1920_by_1080_workshop_mode_keeps_three_panels() {
    let mut harness = harness_on(example_2025_26(), egui::vec2(1920.0, 1080.0));
    workshop_mode(&mut harness);
    assert!(harness.ctx.content_rect().width() > 1100.0);
    harness.get_by_label_contains("wheel: zoom");
    let scenario = harness.state().document().scenario().clone();
    let (id, hub) = scenario.hubs().iter().next().expect("a hub");
    let total = harness.state().document().metrics().hubs[id]
        .total
        .to_whole_pounds_string();
    harness.get_by_label(&cell(&hub.name, "Total", &total));
}
