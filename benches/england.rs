//! Whole-England benchmarks (issue 5). Run: `cargo bench --bench england`.
//!
//! Ids: `load_england_csv`, `save_load_england_ron`, `apply_move_england`,
//! `apply_move_england_with_staff`, `suggest_region_70F`, `suggest_england`, `ui_frame_england`,
//! `ui_map_zoom_frame_england`, `ui_drag_frame_england`, `ui_drop_frame_england`,
//! plus scaling runs at 60, 600 and 6,488 practices.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pcn_explorer::io::practice_csv::read_practice_csv;
use pcn_explorer::model::{Action, Document, Metrics, PracticeId, Region, RuleYear, Scenario};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

const ENGLAND: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/england_practices.csv"
);

fn england_bytes() -> Vec<u8> {
    // The app's allocator settings (src/main.rs), so frames are measured as the app runs them.
    pcn_explorer::allocator::tune_for_frames();
    std::fs::read(ENGLAND).expect("tests/data/england_practices.csv is readable")
}

fn england_scenario() -> Scenario {
    let data = read_practice_csv("england_practices.csv", &england_bytes()).expect("England loads");
    Scenario::baseline(Arc::new(data.region), RuleYear::Y2025_26)
}

/// The first `n` practices of England (in file order) with their PCNs, as a region.
fn first_practices(n: usize) -> Scenario {
    let bytes = england_bytes();
    let text = String::from_utf8_lossy(&bytes);
    let subset: String = text.lines().take(n + 1).flat_map(|l| [l, "\n"]).collect();
    let data = read_practice_csv("subset.csv", subset.as_bytes()).expect("subset loads");
    Scenario::baseline(Arc::new(data.region), RuleYear::Y2025_26)
}

/// Two practices in different hubs, so a move changes two hubs' figures.
fn move_pair(
    scenario: &Scenario,
) -> (
    PracticeId,
    pcn_explorer::model::HubId,
    pcn_explorer::model::HubId,
) {
    let practice = scenario
        .region()
        .practice_ids()
        .find(|id| scenario.hub_of(*id).is_some())
        .expect("an assigned practice");
    let from = scenario.hub_of(practice).expect("assigned");
    let to = *scenario
        .hubs()
        .keys()
        .find(|id| **id != from)
        .expect("another hub");
    (practice, from, to)
}

fn load_england_csv(c: &mut Criterion) {
    let bytes = england_bytes();
    c.bench_function("load_england_csv", |b| {
        b.iter(|| {
            let data =
                read_practice_csv("england_practices.csv", black_box(&bytes)).expect("loads");
            black_box(Region::len(&data.region))
        })
    });
}

fn save_load_england_ron(c: &mut Criterion) {
    use pcn_explorer::io::scenario_file::{save_scenario, scenario_to_string};
    let scenario = england_scenario();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("england.ron");
    save_scenario(&path, &scenario).expect("saves");
    // The whole round trip the user waits for: write atomically to disk, read back and validate.
    c.bench_function("save_load_england_ron", |b| {
        b.iter(|| {
            save_scenario(&path, black_box(&scenario)).expect("saves");
            let opened = pcn_explorer::io::open_path(&path, None).expect("loads");
            black_box(opened.scenario.region().len())
        })
    });
    c.bench_function("save_england_ron", |b| {
        b.iter(|| save_scenario(&path, black_box(&scenario)).expect("saves"))
    });
    c.bench_function("load_england_ron", |b| {
        b.iter(|| {
            black_box(
                pcn_explorer::io::open_path(&path, None)
                    .expect("loads")
                    .scenario
                    .hubs()
                    .len(),
            )
        })
    });
    c.bench_function("serialise_england_ron", |b| {
        b.iter(|| black_box(scenario_to_string(black_box(&scenario)).len()))
    });
}

fn apply_move_england(c: &mut Criterion) {
    bench_moves(
        c,
        "apply_move_england",
        Document::new(england_scenario(), true),
    );
}

/// Each iteration moves a practice and brings every figure up to date; the target alternates
/// so the document does not settle.
fn bench_moves(c: &mut Criterion, id: &str, mut document: Document) {
    let (practice, from, to) = move_pair(document.scenario());
    let mut flip = false;
    c.bench_function(id, |b| {
        b.iter(|| {
            flip = !flip;
            let target = if flip { to } else { from };
            document
                .perform(Action::MovePractice {
                    practice,
                    to: Some(target),
                })
                .expect("valid move");
            black_box(document.metrics().hubs[&target].arrs.headroom())
        })
    });
}

/// A staff plan on every hub: two pharmacists and a care co-ordinator employed by the network,
/// and a pharmacy technician employed by each hub's first practice (so a move carries staff).
fn with_staff_on_every_hub(mut scenario: Scenario) -> Scenario {
    use pcn_explorer::model::staffing::{Employer, StaffRow};
    use pcn_explorer::model::{Fte, Pence};
    let row = |role: &str, wte: i64, cost: Option<i64>| StaffRow {
        role: role.to_string(),
        wte: Fte(wte * 100),
        annual_cost: cost.map(|gbp| Pence(gbp * 100)),
        start_month: 0,
    };
    let mut actions = Vec::new();
    for id in scenario.hubs().keys().copied().collect::<Vec<_>>() {
        actions.push(Action::SetStaffRows {
            employer: Employer::Network(id),
            rows: vec![
                row("clinical_pharmacist", 2, None),
                row("care_coordinator", 1, Some(30_000)),
            ],
        });
        if let Some(first) = scenario.members(id).next() {
            actions.push(Action::SetStaffRows {
                employer: Employer::Practice(first),
                rows: vec![row("pharmacy_technician", 1, None)],
            });
        }
    }
    pcn_explorer::model::apply(&mut scenario, Action::Batch(actions)).expect("valid plan");
    scenario
}

fn apply_move_england_with_staff(c: &mut Criterion) {
    let document = Document::new(with_staff_on_every_hub(england_scenario()), true);
    bench_moves(c, "apply_move_england_with_staff", document);
}

/// Suggest with a time limit (a clock the bench owns), as the command line runs it.
fn suggest_with_limit(
    scenario: &Scenario,
    spread: Option<f64>,
    seconds: f64,
) -> pcn_explorer::model::optimise::Outcome {
    use pcn_explorer::model::optimise::{Constraints, Options, suggest};
    let options = Options {
        max_spread_km: spread,
        alternatives: 1,
        threads: 2,
        ..Options::default()
    };
    let started = std::time::Instant::now();
    let limit = Duration::from_secs_f64(seconds);
    suggest(scenario, &Constraints::default(), &options, &move || {
        started.elapsed() >= limit
    })
}

fn suggest_region_70f(c: &mut Criterion) {
    let region = pcn_explorer::io::readers::reference::bundled_region("70F").expect("70F");
    let scenario = Scenario::baseline(Arc::new(region), RuleYear::Y2025_26);
    let mut group = c.benchmark_group("suggest_region_70F");
    group.sample_size(10);
    for (name, spread) in [("none", None), ("15km", Some(15.0))] {
        group.bench_function(name, |b| {
            b.iter(|| black_box(suggest_with_limit(&scenario, spread, 1.0).suggestions.len()))
        });
    }
    group.finish();
}

fn suggest_england(c: &mut Criterion) {
    let scenario = england_scenario();
    let mut group = c.benchmark_group("suggest_england");
    group.sample_size(10);
    for (name, spread) in [("none", None), ("15km", Some(15.0))] {
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(
                    suggest_with_limit(&scenario, spread, 10.0)
                        .suggestions
                        .len(),
                )
            })
        });
    }
    group.finish();
}

fn metrics_from_scratch_england(c: &mut Criterion) {
    let scenario = england_scenario();
    c.bench_function("metrics_compute_england", |b| {
        b.iter(|| black_box(Metrics::compute(black_box(&scenario)).region.total_funding))
    });
}

/// The main window at 1600×900 with every panel visible, headless.
fn window_on(scenario: Scenario) -> egui_kittest::Harness<'static, pcn_explorer::app::App> {
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .with_max_steps(40)
        .build_eframe(move |cc| pcn_explorer::app::App::with_scenario(cc, scenario));
    harness.run_steps(5);
    harness
}

/// One `step()` (layout, interaction, shapes, accessibility) plus tessellation of that frame's
/// shapes into meshes, which is what eframe pays before the GPU draws. The copy of the shapes
/// that the harness makes us take is not timed (eframe hands them over without copying).
fn timed_frame(harness: &mut egui_kittest::Harness<'_, pcn_explorer::app::App>) -> Duration {
    let started = std::time::Instant::now();
    harness.step();
    let mut total = started.elapsed();
    let output = harness.output();
    let shapes = output.shapes.clone();
    let pixels_per_point = output.pixels_per_point;
    let started = std::time::Instant::now();
    black_box(harness.ctx.tessellate(shapes, pixels_per_point).len());
    total += started.elapsed();
    total
}

fn ui_frame(c: &mut Criterion, id: &str, scenario: Scenario) {
    let mut harness = window_on(scenario);
    c.bench_function(id, |b| {
        b.iter_custom(|iterations| (0..iterations).map(|_| timed_frame(&mut harness)).sum())
    });
}

fn ui_frame_england(c: &mut Criterion) {
    ui_frame(c, "ui_frame_england", england_scenario());
}

/// The chip of the first member of the first hub card and the start of the second card's
/// accessible name: a drag a user makes at the top of the board.
fn first_drag(scenario: &Scenario) -> (String, String) {
    use pcn_explorer::model::practice::title_case;
    let mut hubs: Vec<(String, pcn_explorer::model::HubId)> = scenario
        .hubs()
        .iter()
        .map(|(id, hub)| (hub.name.to_lowercase(), *id))
        .collect();
    hubs.sort();
    let first = scenario
        .members(hubs[0].1)
        .filter_map(|id| scenario.region().practice(id))
        .min_by_key(|p| p.display_name())
        .expect("a member");
    let chip =
        pcn_explorer::app::board::chip_label(&first.display_name(), first.registered_patients);
    let second = scenario.hub(hubs[1].1).expect("hub");
    (chip, format!("{} card:", title_case(&second.name)))
}

/// What a user feels while dragging at England scale: a frame with a chip held over another
/// card (the preview of both cards), and the frame of the drop itself (which lays out twice so
/// that it already shows the new figures).
fn ui_drag_and_drop_england(c: &mut Criterion) {
    use egui_kittest::kittest::Queryable;
    let scenario = england_scenario();
    let (chip, target) = first_drag(&scenario);
    let mut harness = window_on(scenario);
    let from = harness.get_by_label(&chip).rect().center();
    let to = harness.get_by_label_contains(&target).rect().center();
    let pick_up = |harness: &mut egui_kittest::Harness<'_, pcn_explorer::app::App>| {
        harness.hover_at(from);
        harness.step();
        harness.drag_at(from);
        harness.step();
        harness.hover_at(from + egui::vec2(20.0, 5.0));
        harness.step();
        harness.hover_at(to);
        harness.step();
    };
    pick_up(&mut harness);
    let mut wiggle = false;
    c.bench_function("ui_drag_frame_england", |b| {
        b.iter_custom(|iterations| {
            (0..iterations)
                .map(|_| {
                    wiggle = !wiggle;
                    harness.hover_at(to + egui::vec2(0.0, if wiggle { 2.0 } else { 0.0 }));
                    timed_frame(&mut harness)
                })
                .sum()
        })
    });
    // Put the chip back where it was, then time drops (each undone, untimed, before the next).
    harness.drop_at(from);
    harness.run_steps(3);
    c.bench_function("ui_drop_frame_england", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                pick_up(&mut harness);
                harness.drop_at(to);
                total += timed_frame(&mut harness);
                assert_eq!(
                    harness.state().document().change_count(),
                    1,
                    "the drop moved it"
                );
                harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
                harness.run_steps(2);
            }
            total
        })
    });
}

/// A frame that changes the map's view (the Zoom in and Zoom out buttons in turn) with all
/// England on it: the scene is built again, its 6,488 practice circles drawn into the picture.
fn ui_map_zoom_frame_england(c: &mut Criterion) {
    use egui_kittest::kittest::Queryable;
    let mut harness = window_on(england_scenario());
    let mut zoom_in = false;
    c.bench_function("ui_map_zoom_frame_england", |b| {
        b.iter_custom(|iterations| {
            (0..iterations)
                .map(|_| {
                    zoom_in = !zoom_in;
                    let button = if zoom_in { "Zoom in" } else { "Zoom out" };
                    harness.get_by_label(button).click();
                    let built = harness.state().map_view().scenes_built();
                    let time = timed_frame(&mut harness);
                    assert!(harness.state().map_view().scenes_built() > built, "rebuilt");
                    time
                })
                .sum()
        })
    });
}

fn scaling(c: &mut Criterion) {
    for n in [60usize, 600, 6_488] {
        let mut group = c.benchmark_group("scaling");
        let bytes = england_bytes();
        let text = String::from_utf8_lossy(&bytes);
        let subset: String = text.lines().take(n + 1).flat_map(|l| [l, "\n"]).collect();
        group.bench_with_input(BenchmarkId::new("load_csv", n), &subset, |b, subset| {
            b.iter(|| read_practice_csv("subset.csv", subset.as_bytes()).expect("loads"))
        });
        let scenario = first_practices(n);
        group.bench_with_input(BenchmarkId::new("metrics_compute", n), &scenario, |b, s| {
            b.iter(|| black_box(Metrics::compute(s).region.total_funding))
        });
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("subset.ron");
        group.bench_with_input(BenchmarkId::new("save_load_ron", n), &scenario, |b, s| {
            b.iter(|| {
                pcn_explorer::io::scenario_file::save_scenario(&path, s).expect("saves");
                black_box(
                    pcn_explorer::io::open_path(&path, None)
                        .expect("loads")
                        .scenario
                        .hubs()
                        .len(),
                )
            })
        });
        group.finish();
        ui_frame(c, &format!("scaling/ui_frame/{n}"), scenario.clone());
        let mut group = c.benchmark_group("scaling");
        let mut document = Document::new(scenario.clone(), true);
        let (practice, from, to) = move_pair(document.scenario());
        let mut flip = false;
        group.bench_function(BenchmarkId::new("apply_move", n), |b| {
            b.iter(|| {
                flip = !flip;
                let target = if flip { to } else { from };
                document
                    .perform(Action::MovePractice {
                        practice,
                        to: Some(target),
                    })
                    .expect("valid move");
            })
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = load_england_csv, save_load_england_ron, apply_move_england, apply_move_england_with_staff, suggest_region_70f, suggest_england, ui_frame_england, ui_drag_and_drop_england, ui_map_zoom_frame_england, metrics_from_scratch_england, scaling
}
criterion_main!(benches);
