//! The map as a person uses it: drag a practice onto another hub, zoom with the buttons and the
//! wheel, read the hub and practice names it writes, and see that those names stay put.

mod ui_common;

use egui::{Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, TouchPhase, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pcn_explorer::app::App;
use pcn_explorer::model::PracticeId;
use pcn_explorer::model::practice::title_case;
use ui_common::*;

const ASHCOMBE: (&str, &str) = ("X10138", "ASHCOMBE & WYLE PCN");
const EASTBROOK: (&str, &str) = ("X10960", "EASTBROOK PCN");
const COPPER_BEECH: &str = "X80130";
/// Granary Surgery, beside Copper Beech in Ashcombe & Wyle PCN.
const GRANARY: &str = "X80143";
/// Heron Way Surgery, in Eastbrook PCN.
const HERON_WAY: &str = "X80481";

fn practice(harness: &Harness<'_, App>, code: &str) -> PracticeId {
    harness
        .state()
        .document()
        .scenario()
        .region()
        .id_of(code)
        .expect("practice in the example")
}

fn on_map(harness: &Harness<'_, App>, code: &str) -> Pos2 {
    let id = practice(harness, code);
    harness
        .state()
        .map_position_of(id)
        .unwrap_or_else(|| panic!("{code} is drawn on the map"))
}

fn apart(harness: &Harness<'_, App>) -> f32 {
    on_map(harness, COPPER_BEECH).distance(on_map(harness, HERON_WAY))
}

fn labels(harness: &Harness<'_, App>) -> Vec<String> {
    harness
        .state()
        .map_view()
        .label_texts()
        .into_iter()
        .map(str::to_string)
        .collect()
}

#[test]
fn dragging_a_practice_on_the_map_onto_another_hub_moves_it_in_one_undo_step() {
    let mut harness = example_harness();
    let scenario = harness.state().document().scenario().clone();
    let before_source = sums(&scenario, ASHCOMBE.0, &[], &[]);
    let before_target = sums(&scenario, EASTBROOK.0, &[], &[]);
    harness.get_by_label(&card(EASTBROOK.1, &before_target));
    let from = on_map(&harness, COPPER_BEECH);
    let to = on_map(&harness, HERON_WAY);
    drag(&mut harness, from, to);

    let copper_beech = practice(&harness, COPPER_BEECH);
    let heron_way = practice(&harness, HERON_WAY);
    let document = harness.state().document();
    assert_eq!(
        document.scenario().hub_of(copper_beech),
        document.scenario().hub_of(heron_way),
        "Copper Beech joined Heron Way's hub"
    );
    assert_eq!(document.change_count(), 1, "one move, one undo step");
    // The board's cards and the figures table show it.
    let after_source = sums(&scenario, ASHCOMBE.0, &[], &[COPPER_BEECH]);
    let after_target = sums(&scenario, EASTBROOK.0, &[COPPER_BEECH], &[]);
    assert_eq!(
        after_target.registered - before_target.registered,
        1_758_475
    );
    harness.get_by_label(&card(ASHCOMBE.1, &after_source));
    harness.get_by_label(&card(EASTBROOK.1, &after_target));
    harness.get_by_label(&cell(EASTBROOK.1, "Practices", "6"));
    harness.get_by_label(&cell(EASTBROOK.1, "Δ registered", "+17,585"));
    // Undo puts it back in one step.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().document().change_count(), 0);
    harness.get_by_label(&card(ASHCOMBE.1, &before_source));
    harness.get_by_label(&card(EASTBROOK.1, &before_target));
}

#[test]
fn dropping_a_practice_on_its_own_hub_or_clicking_it_moves_nothing() {
    let mut harness = example_harness();
    let from = on_map(&harness, COPPER_BEECH);
    drag(&mut harness, from, from + vec2(30.0, 30.0));
    assert_eq!(harness.state().document().change_count(), 0);
    // A press and release on the spot is a click: it selects.
    let at = on_map(&harness, COPPER_BEECH);
    harness.drag_at(at);
    harness.step();
    harness.drop_at(at);
    harness.run();
    assert_eq!(harness.state().document().change_count(), 0);
    assert_eq!(
        harness.state().selected_practice(),
        Some(practice(&harness, COPPER_BEECH))
    );
}

/// The two practices drawn nearest the middle of the map: a zoom about the middle keeps them in
/// view (one near the edge, such as Heron Way, leaves it at 1.5×).
fn two_near_the_middle(harness: &Harness<'_, App>) -> (String, String) {
    let middle = harness
        .get_by_label_contains("circle area the list size")
        .rect()
        .center();
    let scenario = harness.state().document().scenario().clone();
    let mut near: Vec<(f32, String)> = scenario
        .region()
        .practices()
        .iter()
        .filter_map(|p| {
            let id = scenario.region().id_of(&p.code)?;
            let at = harness.state().map_position_of(id)?;
            Some((at.distance(middle), p.code.clone()))
        })
        .collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0));
    (near[0].1.clone(), near[1].1.clone())
}

#[test]
fn the_zoom_buttons_and_the_wheel_zoom_and_fit_frames_the_region_again() {
    let mut harness = example_harness();
    harness.get_by_label_contains("wheel: zoom");
    let fitted = apart(&harness);
    let (a, b) = two_near_the_middle(&harness);
    let between = |harness: &Harness<'_, App>| on_map(harness, &a).distance(on_map(harness, &b));
    let before = between(&harness);
    harness.get_by_label("Zoom in").click();
    harness.run();
    let zoomed = between(&harness);
    assert!(
        (zoomed / before - 1.5).abs() < 0.02,
        "{a} to {b}: {before} → {zoomed}"
    );
    harness.get_by_label("Zoom out").click();
    harness.run();
    assert!((between(&harness) - before).abs() < 0.5);
    assert!(
        (apart(&harness) - fitted).abs() < 0.5,
        "back to the fitted view"
    );

    // The wheel zooms about the pointer: the practice under it stays where it is.
    let under = on_map(&harness, COPPER_BEECH);
    let neighbour = under.distance(on_map(&harness, GRANARY));
    harness.hover_at(under);
    harness.step();
    harness.event(Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: vec2(0.0, 120.0),
        phase: TouchPhase::Move,
        source: MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(30);
    let still = on_map(&harness, COPPER_BEECH);
    let wheeled = still.distance(on_map(&harness, GRANARY));
    assert!(
        wheeled > neighbour * 1.2,
        "the wheel zoomed in: {neighbour} → {wheeled}"
    );
    assert!(
        still.distance(under) < 3.0,
        "{under:?} → {still:?}: zoomed, not panned"
    );

    harness.get_by_label("Fit the map to the region").click();
    harness.run();
    assert!((apart(&harness) - fitted).abs() < 0.5);
}

#[test]
fn every_hub_is_named_and_the_names_stay_put_while_the_pointer_moves() {
    let mut harness = example_harness();
    let names = labels(&harness);
    let scenario = harness.state().document().scenario().clone();
    for hub in scenario.hubs().values() {
        let name = title_case(&hub.name);
        assert!(
            names.contains(&name),
            "{name} is named on the map: {names:?}"
        );
    }
    // The map's name tells a screen reader what the picture encodes.
    harness.get_by_label_contains("circle area the list size");
    let built = harness.state().map_view().scenes_built();
    for spot in [COPPER_BEECH, HERON_WAY, COPPER_BEECH] {
        let at = on_map(&harness, spot) + vec2(1.0, 1.0);
        harness.hover_at(at);
        harness.run_steps(3);
        assert_eq!(labels(&harness), names, "hovering {spot} moved no name");
    }
    assert_eq!(
        harness.state().map_view().scenes_built(),
        built,
        "hovering reuses the map's paint"
    );
}

#[test]
fn practice_names_appear_when_zoomed_in() {
    let mut harness = example_harness();
    let scenario = harness.state().document().scenario().clone();
    let practice_names: Vec<String> = scenario
        .region()
        .practices()
        .iter()
        .map(|p| p.display_name())
        .collect();
    let count = |labels: &[String]| labels.iter().filter(|l| practice_names.contains(l)).count();
    assert_eq!(
        count(&labels(&harness)),
        0,
        "the whole region: hub names only"
    );
    for _ in 0..3 {
        harness.get_by_label("Zoom in").click();
        harness.run();
    }
    let zoomed = labels(&harness);
    assert!(
        count(&zoomed) >= 3,
        "practice names when zoomed in: {zoomed:?}"
    );
}

/// The practices are drawn as one picture on the screen's pixel grid, sized to the map, and a
/// new view redraws into the same texture rather than adding one per zoom.
#[test]
fn the_practices_are_one_picture_the_size_of_the_map_reused_on_zoom() {
    let mut harness = example_harness();
    let pictures = |harness: &Harness<'_, App>| -> Vec<[usize; 2]> {
        let manager = harness.ctx.tex_manager();
        let manager = manager.read();
        manager
            .allocated()
            .filter(|(_, meta)| meta.name == "map practices")
            .map(|(_, meta)| meta.size)
            .collect()
    };
    let map = harness
        .get_by_label_contains("circle area the list size")
        .rect();
    let sizes = pictures(&harness);
    assert_eq!(sizes.len(), 1, "one picture: {sizes:?}");
    let [width, height] = sizes[0];
    let pixels_per_point = harness.ctx.pixels_per_point();
    assert!(
        (width as f32 - map.width() * pixels_per_point).abs() <= 2.0
            && (height as f32 - map.height() * pixels_per_point).abs() <= 2.0,
        "{width}x{height} pixels for a map of {map:?}"
    );
    let built = harness.state().map_view().scenes_built();
    harness.get_by_label("Zoom in").click();
    harness.run();
    assert!(harness.state().map_view().scenes_built() > built, "redrawn");
    assert_eq!(
        pictures(&harness).len(),
        1,
        "still one picture after zooming"
    );
}

/// A region from the NHS payments file has no coordinates: the map says so in words (it was an
/// empty black panel) and lists the practices without coordinates.
#[test]
fn a_region_without_coordinates_says_why_there_is_no_map() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/nhs/payments-2022-23-practice.csv");
    let scenario = pcn_explorer::io::open_path(&path, Some("70F"))
        .expect("70F from the payments file")
        .scenario;
    let practices = scenario.region().len();
    let mut harness = ui_common::harness_on(scenario, vec2(1366.0, 768.0));
    harness.run();
    harness.get_by_label_contains(&format!(
        "No map: none of the {practices} practices has coordinates"
    ));
    assert!(
        harness.query_by_label_contains("wheel: zoom").is_none(),
        "no map controls without a map"
    );
}
