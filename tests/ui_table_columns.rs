//! The figures table's columns can be resized like a spreadsheet's: drag a header's right edge
//! and every row's cell follows; double-click the edge for the default width. Long hub names
//! keep their full text in the accessible name whatever the width.

use egui::{Pos2, vec2};
use egui_kittest::kittest::Queryable;
use std::path::Path;

const ACF: &str = "Angmering Coppice Fitzalan (ACF) PCN";
const AIC: &str = "Arun Integrated Care (AIC) PCN";

/// Where the row's next cell (practices) ends: it moves with the hub column's right edge.
fn practices_cell_right(
    harness: &egui_kittest::Harness<'_, pcn_explorer::app::App>,
    hub: &str,
) -> f32 {
    harness
        .get_by_label(&format!(
            "{hub} Practices: {}",
            if hub == ACF { 2 } else { 3 }
        ))
        .rect()
        .right()
}

/// How wide the hub's name is drawn (its label, which is as wide as the text shown).
fn name_width(harness: &egui_kittest::Harness<'_, pcn_explorer::app::App>) -> f32 {
    harness
        .get_by_label(&format!("{ACF} Hub: {ACF}"))
        .rect()
        .width()
}

#[test]
fn dragging_a_header_edge_resizes_the_column_and_double_click_restores_it() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/region_70F.csv");
    let scenario = pcn_explorer::io::open_path(&file, None)
        .expect("70F")
        .scenario;
    // Frames a 60th of a second apart (kittest's default is a quarter), so that two clicks
    // can make a double-click as a person's do.
    let mut harness = egui_kittest::Harness::builder()
        .with_size(vec2(1920.0, 1080.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(200)
        .build_eframe(move |cc| {
            pcn_explorer::app::App::with_scenario(cc, scenario).without_file_dialogs()
        });
    harness.run();
    let before = practices_cell_right(&harness, ACF);
    let other_before = practices_cell_right(&harness, AIC);
    let name_before = name_width(&harness);

    let edge = harness.get_by_label("Resize column Hub").rect().center();
    harness.hover_at(edge);
    harness.step();
    harness.drag_at(edge);
    harness.step();
    for step in 1..=6 {
        harness.hover_at(Pos2::new(edge.x + 20.0 * step as f32, edge.y));
        harness.step();
    }
    harness.drop_at(Pos2::new(edge.x + 120.0, edge.y));
    harness.run();
    let wider = practices_cell_right(&harness, ACF);
    assert!(
        (wider - before - 120.0).abs() < 12.0,
        "the row's cells follow the header: {before} → {wider}"
    );
    // Every row follows, not only the first.
    let other = practices_cell_right(&harness, AIC);
    assert!(
        (other - other_before - (wider - before)).abs() < 1.0,
        "{other_before} → {other}"
    );
    // The wider column shows more of the long name (shortened to its distinguishing words
    // before).
    assert!(name_width(&harness) > name_before + 20.0);

    // Double-click the edge: back to the default.
    let handle = harness.get_by_label("Resize column Hub");
    handle.click();
    handle.click();
    harness.run();
    let restored = practices_cell_right(&harness, ACF);
    assert!((restored - before).abs() < 1.0, "{before} → {restored}");
}

/// The rows scroll sideways (the wheel, as a person does) and the header follows them, so each
/// heading stays over its column; scrolled down, the header stays in view. (The header now sits
/// in its own area that follows the rows' offset, so that the rows' vertical scroll bar is in
/// view rather than at the far right of the sideways area: seen on a screenshot.)
#[test]
fn the_header_follows_the_rows_sideways_and_stays_when_they_scroll_down() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/region_70F.csv");
    let scenario = pcn_explorer::io::open_path(&file, None)
        .expect("70F")
        .scenario;
    let mut harness = egui_kittest::Harness::builder()
        .with_size(vec2(1366.0, 768.0))
        .build_eframe(move |cc| pcn_explorer::app::App::with_scenario(cc, scenario));
    harness.run();
    let total = |harness: &egui_kittest::Harness<'_, pcn_explorer::app::App>| {
        let heading = harness.get_by_label("Sort by Total").rect();
        let cell = harness
            .get_by_label_contains(&format!("{AIC} Total:"))
            .rect();
        (heading.right(), cell.right())
    };
    let (heading_before, cell_before) = total(&harness);
    assert!((heading_before - cell_before).abs() < 2.0);
    let inside = Pos2::new(
        harness
            .get_by_label_contains(&format!("{AIC} Total:"))
            .rect()
            .center()
            .x,
        harness
            .get_by_label_contains(&format!("{AIC} Total:"))
            .rect()
            .center()
            .y,
    );
    harness.hover_at(inside);
    for _ in 0..10 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(-40.0, 0.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.step();
    }
    harness.run();
    let (heading_after, cell_after) = total(&harness);
    assert!(
        cell_after < cell_before - 50.0,
        "the rows scrolled sideways"
    );
    assert!(
        (heading_after - cell_after).abs() < 2.0,
        "the heading followed: {heading_after} over {cell_after}"
    );
    // Down to the last rows: the header is still where it was.
    let header_y = harness.get_by_label("Sort by Total").rect().top();
    for _ in 0..10 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, -60.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.step();
    }
    harness.run();
    assert_eq!(harness.get_by_label("Sort by Total").rect().top(), header_y);
    harness.get_by_label_contains("Region total Total:");
}

/// Every text painted in the frame (nested shapes included).
fn painted_texts(
    harness: &egui_kittest::Harness<'_, pcn_explorer::app::App>,
) -> Vec<(String, egui::Rect)> {
    fn walk(shape: &egui::Shape, out: &mut Vec<(String, egui::Rect)>) {
        match shape {
            egui::Shape::Text(text) => {
                out.push((text.galley.text().to_string(), text.visual_bounding_rect()))
            }
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// On a 1366×768 laptop the figures table shows each hub's whole name (at most without its
/// "PCN"): it gave the hub column so little room that "Carlisle Healthcare" showed as
/// "C… Healthcare" and "Eden (CUMBRIA)" as "Eden…" (seen on screenshots of North Cumbria).
#[test]
fn at_1366_the_table_shows_whole_hub_names() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/region_01H.csv");
    let scenario = pcn_explorer::io::open_path(&file, None)
        .expect("01H")
        .scenario;
    let names: Vec<String> = scenario
        .hubs()
        .values()
        .map(|h| pcn_explorer::model::format::title_case(&h.name))
        .collect();
    let mut harness = egui_kittest::Harness::builder()
        .with_size(vec2(1366.0, 768.0))
        .build_eframe(move |cc| pcn_explorer::app::App::with_scenario(cc, scenario));
    harness.run();
    let hub = harness.get_by_label_contains("Sort by Hub").rect();
    let total = harness.get_by_label("Sort by Total").rect();
    // The table's hub column: texts under its heading, left of the Total column.
    let in_column = |rect: &egui::Rect| {
        rect.top() > hub.bottom() && rect.left() >= hub.left() - 2.0 && rect.right() < total.left()
    };
    let texts = painted_texts(&harness);
    let cut: Vec<&String> = texts
        .iter()
        .filter(|(text, rect)| in_column(rect) && text.contains('…'))
        .map(|(text, _)| text)
        .collect();
    for name in &names {
        let short = name.strip_suffix(" PCN").unwrap_or(name);
        let row = texts
            .iter()
            .find(|(text, rect)| in_column(rect) && (text == name || text == short));
        assert!(
            row.is_some(),
            "{name} is not shown whole in the table; shortened: {cut:?}"
        );
    }
}
