//! Shared helpers of the window tests: the harness on the bundled example, a person-like drag,
//! and hand arithmetic (independent of `model::metrics`).
#![allow(dead_code)]

use egui::{Pos2, Vec2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pcn_explorer::app::App;
use pcn_explorer::io::example::example_scenario;
use pcn_explorer::model::practice::title_case;
use pcn_explorer::model::{RuleYear, Scenario};

/// The window at a laptop-ish size on the example region, under the 2025-26 rules (the year
/// the hand-worked figures of these tests use; a new document defaults to the latest year).
pub fn example_harness() -> Harness<'static, App> {
    harness_on(example_2025_26(), vec2(1600.0, 900.0))
}

/// The bundled example pinned to the 2025-26 rules.
pub fn example_2025_26() -> Scenario {
    let mut scenario = example_scenario();
    pcn_explorer::model::apply(
        &mut scenario,
        pcn_explorer::model::Action::SetRuleYear(RuleYear::Y2025_26),
    )
    .expect("a year with embedded rules");
    scenario
}

pub fn harness_on(scenario: Scenario, size: Vec2) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(40)
        .build_eframe(move |cc| App::with_scenario(cc, scenario).without_file_dialogs());
    harness.run();
    harness
}

/// Drags from one point to another like a person: press, move past the threshold, hover over the
/// target, release.
pub fn drag(harness: &mut Harness<'_, App>, from: Pos2, to: Pos2) {
    drag_to_release_frame(harness, from, to);
    harness.run();
}

/// Like [`drag`], but stops after the one frame in which the button is released, to check what
/// that very frame shows.
pub fn drag_to_release_frame(harness: &mut Harness<'_, App>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    harness.hover_at(from + vec2(20.0, 5.0));
    harness.step();
    harness.hover_at(to);
    harness.step();
    harness.drop_at(to);
    harness.step();
}

/// Selects a practice by its chip and moves it with the map's hub picker, as a person does.
pub fn move_with_picker(harness: &mut Harness<'_, App>, chip: &str, hub: &str) {
    harness.get_by_label(chip).click();
    harness.run();
    harness.get_by_label("Move to hub").click();
    harness.run();
    harness.get_by_label(hub).click();
    harness.run();
}

/// `12,345` from hundredths, rounded to whole patients (written here, not taken from the app).
pub fn whole_patients(hundredths: i64) -> String {
    group((hundredths + 50) / 100)
}

/// `£12,345` from pence, rounded to the pound.
pub fn whole_pounds(pence: i64) -> String {
    format!("£{}", group((pence + 50) / 100))
}

pub fn group(value: i64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (index, ch) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Pence of `rate` (pounds, exact to 4 decimals, given as ten-thousandths) on a base in
/// hundredths, rounded half up to the penny.
pub fn pence(rate_e4: i64, base_hundredths: i64) -> i64 {
    (rate_e4 * base_hundredths + 5_000) / 10_000
}

/// Registered, weighted and adjusted (= weighted here: the example supplies no adjusted list)
/// hundredths of the practices whose CSV row names `pcn_code`, plus `extra` practice codes, minus
/// `removed` codes.
pub struct Sums {
    pub practices: u32,
    pub registered: i64,
    pub weighted: i64,
    /// Care-home beds in hundredths.
    pub beds: i64,
}

pub fn sums(scenario: &Scenario, pcn_code: &str, extra: &[&str], removed: &[&str]) -> Sums {
    let mut out = Sums {
        practices: 0,
        registered: 0,
        weighted: 0,
        beds: 0,
    };
    for practice in scenario.region().practices() {
        let member = practice.baseline_hub.as_deref() == Some(pcn_code)
            && !removed.contains(&practice.code.as_str());
        if member || extra.contains(&practice.code.as_str()) {
            out.practices += 1;
            out.registered += practice.registered_patients.0;
            out.weighted += practice
                .weighted_patients
                .unwrap_or(practice.registered_patients)
                .0;
            out.beds += practice.care_home_beds.map_or(0, |beds| beds.0);
        }
    }
    out
}

/// Band text of a registered total in hundredths (DOMAIN.md: 30,000–50,000 inclusive).
pub fn band(registered_hundredths: i64) -> &'static str {
    if registered_hundredths < 3_000_000 {
        "below 30k"
    } else if registered_hundredths > 5_000_000 {
        "above 50k"
    } else {
        "30k–50k"
    }
}

/// The accessible name of a hub card as a person would read it.
pub fn card(name: &str, sums: &Sums) -> String {
    let count = if sums.practices == 1 {
        "1 practice".to_string()
    } else {
        format!("{} practices", sums.practices)
    };
    format!(
        "{} card: {count}, {} registered, {}",
        title_case(name),
        whole_patients(sums.registered),
        band(sums.registered)
    )
}

/// The accessible name of a figures-table cell.
pub fn cell(hub: &str, column: &str, text: &str) -> String {
    format!("{} {column}: {text}", title_case(hub))
}

/// Network total of the 2025-26 rules for a hub with these sums,
/// from the rates in DOMAIN.md: core 2.266 × registered + 0.733 × adjusted; participation 1.761 ×
/// weighted; enhanced access 8.427, CASP 3.208, CAIP 1.375 × adjusted; care home premium 130.253
/// per bed; ARRS 26.631 × weighted.
pub fn total_2025_26(s: &Sums) -> i64 {
    let adjusted = s.weighted;
    let core = pence(22_660, s.registered) + pence(7_330, adjusted);
    core + pence(17_610, s.weighted)
        + pence(84_270, adjusted)
        + pence(32_080, adjusted)
        + pence(13_750, adjusted)
        + pence(1_302_530, s.beds)
        + pence(266_310, s.weighted)
}

/// Core PCN funding in 2025-26 and 2023-24 (1.50 × registered).
pub fn core_2025_26(s: &Sums) -> i64 {
    pence(22_660, s.registered) + pence(7_330, s.weighted)
}

pub fn core_2023_24(s: &Sums) -> i64 {
    pence(15_000, s.registered)
}

/// What the window's close button does: a close request for the root viewport, one frame.
pub fn request_close(harness: &mut Harness<'_, App>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
}

/// True when the last frame asked the platform to cancel a close request.
pub fn close_was_cancelled(harness: &Harness<'_, App>) -> bool {
    harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|output| {
            output
                .commands
                .contains(&egui::ViewportCommand::CancelClose)
        })
}

/// A file dropped on the window, as the OS hands it over.
#[derive(Debug)]
pub struct DroppedPath(pub std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// While `pending` holds, waits a little and steps the window, for at most a minute of
/// wall-clock time; says whether it stopped holding. It checks before the first step, so a
/// simulated clock moves only while something is pending. A minute costs nothing on a fast
/// machine (it returns as soon as `pending` is false); a count of steps instead ran out on a
/// loaded one (a debug build beside a release build on two cores).
pub fn step_while(
    harness: &mut egui_kittest::Harness<'_, pcn_explorer::app::App>,
    mut pending: impl FnMut(&mut egui_kittest::Harness<'_, pcn_explorer::app::App>) -> bool,
) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while pending(harness) {
        if std::time::Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    true
}

/// Steps the window, then goes on stepping until `done` holds (see [`step_while`]).
pub fn step_until(
    harness: &mut egui_kittest::Harness<'_, pcn_explorer::app::App>,
    mut done: impl FnMut(&mut egui_kittest::Harness<'_, pcn_explorer::app::App>) -> bool,
) -> bool {
    harness.step();
    step_while(harness, |harness| !done(harness))
}

/// Steps until the window's file job (dialog, load, save) has finished.
pub fn wait_until_idle(harness: &mut egui_kittest::Harness<'_, pcn_explorer::app::App>) {
    step_until(harness, |harness| !harness.state().is_busy());
    harness.run();
}

/// Replaces whatever the path field holds with `path`, as a person does (select all, type).
pub fn type_path(
    harness: &mut egui_kittest::Harness<'_, pcn_explorer::app::App>,
    path: &std::path::Path,
) {
    harness.get_by_label("Path of the file:").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_label("Path of the file:")
        .type_text(&path.display().to_string());
    harness.run();
}
