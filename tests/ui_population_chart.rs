//! The population chart under the figures table: with all England open it plots only the hubs in
//! view (1,267 would cost most of a frame), yet scrolling it shows every hub, and a move redraws
//! the hubs it changed.

mod ui_common;

use egui::epaint::{ClippedShape, Shape};
use egui_kittest::kittest::Queryable;
use pcn_explorer::model::practice::title_case;
use pcn_explorer::model::{Metrics, Scenario};
use std::path::Path;
use ui_common::*;

const CHART: &str = "Chart of registered patients per hub with the 30,000 and 50,000 lines";

fn england() -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/england_practices.csv");
    pcn_explorer::io::open_path(&path, None)
        .expect("tests/data/england_practices.csv reads")
        .scenario
}

/// Every text the last frame painted, as one list of strings.
fn painted_texts(shapes: &[ClippedShape]) -> Vec<String> {
    fn collect(shape: &Shape, into: &mut Vec<String>) {
        match shape {
            Shape::Text(text) => into.push(text.galley.text().to_string()),
            Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, into)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    for clipped in shapes {
        collect(&clipped.shape, &mut texts);
    }
    texts
}

/// Hub names (title case) from the largest list to the smallest, as the chart orders them.
fn names_by_size(scenario: &Scenario) -> Vec<String> {
    let metrics = Metrics::compute(scenario);
    let mut hubs: Vec<(i64, String)> = scenario
        .hubs()
        .iter()
        .map(|(id, hub)| {
            let registered = metrics.hubs.get(id).map_or(0, |f| f.registered.0);
            (registered, title_case(&hub.name))
        })
        .collect();
    hubs.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    hubs.into_iter().map(|(_, name)| name).collect()
}

/// Chart labels start with the hub's name (shortened with `…` only when there is no room).
fn labelled(texts: &[String], name: &str) -> bool {
    texts
        .iter()
        .any(|text| text.starts_with(name) && text.contains("  "))
}

#[test]
fn england_chart_plots_the_hubs_in_view_and_scrolls_to_every_hub() {
    let scenario = england();
    let names = names_by_size(&scenario);
    assert_eq!(names.len(), 1_267, "all England's hubs");
    let mut harness = harness_on(scenario, egui::vec2(1600.0, 900.0));
    harness.run_steps(4);
    let texts = painted_texts(&harness.output().shapes);
    let chart_labels = texts.iter().filter(|t| t.contains("  ")).count();
    assert!(
        labelled(&texts, &names[0]),
        "the largest hub, {}, is labelled at the top: {texts:?}",
        names[0]
    );
    assert!(
        !labelled(&texts, &names[1_266]),
        "the smallest hub is far below the view and not drawn"
    );
    // England's largest hubs (266,923) run past the scale's end (so that the 30k and 50k lines
    // are not squeezed to the left): their bars say so.
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with(&names[0]) && t.ends_with(" »")),
        "the largest hub's bar is marked as cut: {texts:?}"
    );
    assert!(
        chart_labels < 80,
        "only the rows in view are plotted, not all 1,267: {chart_labels}"
    );
    // Scroll the chart to its end with the wheel, as a person would.
    let chart_top = harness.get_by_label(CHART).rect().min;
    let inside = egui::pos2(chart_top.x + 200.0, chart_top.y + 40.0);
    harness.hover_at(inside);
    for _ in 0..40 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -10.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.step();
    }
    harness.run_steps(4);
    let texts = painted_texts(&harness.output().shapes);
    let smallest = &names[1_266];
    assert!(
        labelled(&texts, smallest),
        "scrolled to the end, the smallest hub {smallest} is labelled"
    );
    assert!(
        !labelled(&texts, &names[0]),
        "and the largest is no longer drawn"
    );
}

#[test]
fn still_frames_reuse_the_chart_and_a_move_rebuilds_it() {
    let mut harness = harness_on(example_2025_26(), egui::vec2(1600.0, 900.0));
    harness.run_steps(3);
    let built = harness.state().population_chart_builds();
    harness.run_steps(5);
    assert_eq!(
        harness.state().population_chart_builds(),
        built,
        "frames of the same document reuse the chart's rows"
    );
    let before = painted_texts(&harness.output().shapes);
    move_with_picker(
        &mut harness,
        "Copper Beech Surgery, 17,585 patients",
        "Eastbrook PCN",
    );
    harness.run_steps(3);
    assert!(
        harness.state().population_chart_builds() > built,
        "a move builds the rows again"
    );
    let after = painted_texts(&harness.output().shapes);
    let changed: Vec<&String> = after
        .iter()
        .filter(|t| t.contains("  ") && !before.contains(t))
        .collect();
    assert!(
        changed.iter().any(|t| t.starts_with("Eastbrook")),
        "the chart shows Eastbrook's new list: {changed:?}"
    );
}
