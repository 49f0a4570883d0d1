//! All of England in the window: a drag between two hubs gives exact figures, and a frame stays
//! cheap because only the cards, chips and rows in view are laid out.

mod ui_common;

use egui_kittest::kittest::Queryable;
use pcn_explorer::model::practice::title_case;
use std::path::Path;
use std::time::Instant;
use ui_common::*;

fn england() -> pcn_explorer::model::Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/england_practices.csv");
    pcn_explorer::io::open_path(&path, None)
        .expect("tests/data/england_practices.csv reads")
        .scenario
}

#[test]
fn england_drag_between_two_visible_hubs_is_exact_and_frames_are_cheap() {
    let scenario = england();
    let mut harness = harness_on(scenario.clone(), egui::vec2(1600.0, 900.0));
    // Frame time (layout + accessibility, no tessellation), debug or release as built.
    let start = Instant::now();
    for _ in 0..10 {
        harness.step();
    }
    let per_frame_ms = start.elapsed().as_secs_f64() * 100.0;
    // Tessellation of the last frame's shapes, which the GPU renderer would add.
    let shapes = harness.output().shapes.clone();
    let pixels_per_point = harness.output().pixels_per_point;
    let _warm_up = harness.ctx.tessellate(shapes.clone(), pixels_per_point);
    let start = Instant::now();
    let primitives = harness.ctx.tessellate(shapes, pixels_per_point);
    let tessellate_ms = start.elapsed().as_secs_f64() * 1000.0;
    eprintln!(
        "England frame: {per_frame_ms:.2} ms per step + {tessellate_ms:.2} ms tessellation ({} meshes)",
        primitives.len()
    );

    // The first two hub cards by name (after Unassigned).
    let mut hubs: Vec<(String, String)> = scenario
        .hubs()
        .values()
        .map(|hub| (hub.name.to_lowercase(), hub.code.clone()))
        .collect();
    hubs.sort();
    let source_code = &hubs[0].1;
    let target_code = &hubs[1].1;
    let name_of = |code: &str| {
        scenario
            .hubs()
            .values()
            .find(|hub| hub.code == code)
            .map(|hub| hub.name.clone())
            .expect("hub")
    };
    let (source_name, target_name) = (name_of(source_code), name_of(target_code));
    let source = sums(&scenario, source_code, &[], &[]);
    let target = sums(&scenario, target_code, &[], &[]);
    // A member of the source hub, as its chip shows it.
    let moved = scenario
        .region()
        .practices()
        .iter()
        .filter(|p| p.baseline_hub.as_deref() == Some(source_code.as_str()))
        .min_by_key(|p| p.display_name())
        .expect("member");
    let chip_text = format!(
        "{}, {} patients",
        title_case(&moved.name),
        whole_patients(moved.registered_patients.0)
    );
    let from = harness.get_by_label(&chip_text).rect().center();
    let to = harness
        .get_by_label(&card(&target_name, &target))
        .rect()
        .center();
    drag(&mut harness, from, to);

    let source_after = sums(&scenario, source_code, &[], &[&moved.code]);
    let target_after = sums(&scenario, target_code, &[&moved.code], &[]);
    // The expected totals from the practice's own list, not from the helper on both sides.
    let moved_registered = moved.registered_patients.0;
    assert_eq!(
        source_after.registered,
        source.registered - moved_registered
    );
    assert_eq!(
        target_after.registered,
        target.registered + moved_registered
    );
    assert_eq!(source_after.practices + 1, source.practices);
    assert_eq!(target_after.practices, target.practices + 1);
    // The screen shows those totals on both cards...
    harness.get_by_label(&card(&source_name, &source_after));
    harness.get_by_label(&card(&target_name, &target_after));
    // ...and the metrics behind the table agree to the hundredth of a patient.
    let metrics = harness.state().document().metrics();
    let hub_of = |code: &str| {
        harness
            .state()
            .document()
            .scenario()
            .hub_by_code(code)
            .expect("hub")
    };
    assert_eq!(
        metrics.hubs[&hub_of(source_code)].registered.0,
        source.registered - moved_registered
    );
    assert_eq!(
        metrics.hubs[&hub_of(target_code)].registered.0,
        target.registered + moved_registered
    );
    assert_eq!(harness.state().document().change_count(), 1);
}

/// All England at 1366×768: the map names as many hubs as fit, none of them over the key in the
/// corner (they were drawn across it).
#[test]
fn england_names_on_the_map_keep_clear_of_the_key() {
    let mut harness = harness_on(england(), egui::vec2(1366.0, 768.0));
    harness.run_steps(3);
    let (names, key) = harness.state().map_view().label_areas();
    let key = key.expect("the key fits on the map");
    assert!(names.len() >= 20, "{} hub names placed", names.len());
    let over: Vec<_> = names.iter().filter(|name| name.intersects(key)).collect();
    assert!(over.is_empty(), "names over the key {key:?}: {over:?}");
    // The key takes the corner with the fewest practices under it: at the bottom left (its old
    // place) it covered Cornwall and Devon.
    let scenario = harness.state().document().scenario().clone();
    let positions: Vec<egui::Pos2> = scenario
        .region()
        .practice_ids()
        .filter_map(|id| harness.state().map_position_of(id))
        .collect();
    let under = |rect: egui::Rect| positions.iter().filter(|p| rect.contains(**p)).count();
    let map = harness
        .get_by_label_contains("circle area the list size")
        .rect();
    let bottom_left = egui::Rect::from_min_size(
        egui::pos2(map.left() + 6.0, map.bottom() - 6.0 - key.height()),
        key.size(),
    );
    assert!(
        under(key) < under(bottom_left),
        "{} practices under the key, {} at the bottom left",
        under(key),
        under(bottom_left)
    );
}
