//! List growth from two registrations extracts (2021-01-01 and 2026-04-01, real NHS Digital
//! files): each practice's earlier list joined by code, each hub's compound yearly rate and its
//! list projected ahead against figures computed by hand from the files, the report's columns,
//! a move changing the figures, the scenario file keeping both dates, and the refusals.

use pcn_explorer::io::readers::open_inputs;
use pcn_explorer::io::scenario_file::{read_scenario, scenario_to_string};
use pcn_explorer::model::growth::project;
use pcn_explorer::model::{Action, Band, Metrics, Patients, Scenario, apply};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NHS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nhs");

fn now_file() -> PathBuf {
    Path::new(NHS).join("gp-reg-pat-prac-all.csv")
}

fn then_file() -> PathBuf {
    Path::new(NHS).join("2021-01-01/gp-reg-pat-prac-all.csv")
}

fn map_file() -> PathBuf {
    Path::new(NHS).join("gp-reg-pat-prac-map.csv")
}

fn west_sussex(files: &[PathBuf]) -> Scenario {
    open_inputs(files, Some("70F")).expect("70F opens").scenario
}

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
        .args(args)
        .output()
        .expect("run pcn-explorer")
}

/// 2021-01-01 to 2026-04-01: 1,916 days.
const YEARS: f64 = 1916.0 / 365.25;

#[test]
fn the_earlier_extract_gives_each_practice_its_list_then_in_either_order() {
    let scenario = west_sussex(&[now_file(), then_file(), map_file()]);
    let region = scenario.region();
    assert_eq!(region.snapshot_date, "2026-04-01");
    assert_eq!(region.earlier_list_date, "2021-01-01");
    assert_eq!(region.len(), 75);
    // Every one of the 75 practices of 70F in 2026 is in the 2021 extract.
    assert!(
        region
            .practices()
            .iter()
            .all(|p| p.earlier_registered.is_some())
    );
    let practice = region
        .practices()
        .iter()
        .find(|p| p.code == "H82003")
        .expect("H82003 is in 70F");
    // From the files: H82003 had 9,443 patients in January 2021 and 10,882 in April 2026.
    assert_eq!(practice.registered_patients, Patients(1_088_200));
    assert_eq!(practice.earlier_registered, Some(Patients(944_300)));
    assert_eq!(
        practice.earlier_registered,
        Some(Patients(expected_2021("H82003") * 100))
    );
    assert!((region.list_years().expect("as expected") - YEARS).abs() < 1e-12);

    // The older file first gives the same region.
    let swapped = west_sussex(&[then_file(), map_file(), now_file()]);
    assert_eq!(swapped.region().practices(), scenario.region().practices());
    assert_eq!(swapped.region().earlier_list_date, "2021-01-01");
}

/// The list of a practice in the 2021 extract, read here independently of the app's reader.
fn expected_2021(code: &str) -> i64 {
    let text = std::fs::read_to_string(then_file()).expect("2021 file");
    text.lines()
        .map(|line| line.split(',').collect::<Vec<_>>())
        .find(|cells| cells.get(5) == Some(&code) && cells.get(7) == Some(&"ALL"))
        .and_then(|cells| cells.get(9)?.parse().ok())
        .expect("the practice is in the 2021 extract")
}

#[test]
fn hubs_grow_at_their_members_compound_rate_hand_computed() {
    let scenario = west_sussex(&[now_file(), then_file(), map_file()]);
    let metrics = Metrics::compute(&scenario);
    let figures = |code: &str| {
        let id = scenario.hub_by_code(code).expect("hub");
        metrics.hubs.get(&id).expect("figures").clone()
    };
    // Cissbury Integrated Care PCN (U01092), 4 practices: 47,963 in 2021, 49,470 in 2026.
    let cissbury = figures("U01092");
    assert_eq!(cissbury.trend.practices, 4);
    assert_eq!(cissbury.trend.earlier, Patients(4_796_300));
    assert_eq!(cissbury.trend.now, Patients(4_947_000));
    // (49,470 / 47,963)^(365.25 / 1,916) - 1 = 0.5915 % a year; 49,470 × 1.005915^3 = 50,353.03:
    // within the band today, above it in three years.
    let projection = project(&cissbury.trend, cissbury.registered, YEARS, 3).expect("as expected");
    assert!((projection.yearly_rate * 100.0 - 0.591_490_5).abs() < 1e-6);
    assert_eq!(projection.registered, Patients(5_035_303));
    assert_eq!(cissbury.band, Some(Band::Within));
    assert_eq!(projection.band, Band::Above);
    // Horsham Central PCN (U26939) shrank: 57,458 to 56,612, -0.282 % a year.
    let horsham = figures("U26939");
    let projection = project(&horsham.trend, horsham.registered, YEARS, 3).expect("as expected");
    assert!(
        (projection.yearly_rate * 100.0 + 0.2820).abs() < 1e-3,
        "{projection:?}"
    );
    assert!(projection.registered < horsham.registered);
}

#[test]
fn a_move_carries_the_practice_growth_to_its_new_hub() {
    let mut scenario = west_sussex(&[now_file(), then_file(), map_file()]);
    let region = scenario.region_arc().clone();
    let practice = region.id_of("H82003").expect("H82003");
    let from = scenario.hub_of(practice).expect("in a hub");
    let to = scenario.hub_by_code("U80779").expect("East Grinstead PCN");
    let before = Metrics::compute(&scenario);
    apply(
        &mut scenario,
        Action::MovePractice {
            practice,
            to: Some(to),
        },
    )
    .expect("move");
    let after = Metrics::compute(&scenario);
    let then = Patients(expected_2021("H82003") * 100);
    let now = region
        .practice(practice)
        .expect("as expected")
        .registered_patients;
    assert_eq!(
        after.hubs[&to].trend.earlier,
        before.hubs[&to].trend.earlier + then
    );
    assert_eq!(after.hubs[&to].trend.now, before.hubs[&to].trend.now + now);
    assert_eq!(
        after.hubs[&from].trend.practices,
        before.hubs[&from].trend.practices - 1
    );
}

#[test]
fn report_project_years_adds_the_three_columns() {
    let output = cli(&[
        "report",
        now_file().to_str().expect("as expected"),
        then_file().to_str().expect("as expected"),
        map_file().to_str().expect("as expected"),
        "--region",
        "70F",
        "--format",
        "csv",
        "--project-years",
        "3",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("as expected");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("as expected").clone();
    let at = |name: &str| {
        header
            .iter()
            .position(|column| column == name)
            .unwrap_or_else(|| panic!("column {name} in {header:?}"))
    };
    let (growth, projected, band) = (
        at("registered_growth_pct_a_year"),
        at("registered_projected"),
        at("band_projected"),
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |code: &str| {
        rows.iter()
            .find(|row| &row[0] == code)
            .expect("as expected")
            .clone()
    };
    // Hand-computed from the files (see the hub test above).
    let cissbury = row("U01092");
    assert_eq!(&cissbury[growth], "0.59");
    assert_eq!(&cissbury[projected], "50353.03");
    assert_eq!(&cissbury[band], "above");
    // Angmering Coppice Fitzalan (ACF) PCN: 28,723 to 29,675, +0.6235 % a year; 29,675 ×
    // 1.006235^3 = 30,233.56, so it comes into the band.
    let acf = row("U04748");
    assert_eq!(&acf[growth], "0.62");
    assert_eq!(&acf[projected], "30233.56");
    assert_eq!(&acf[band], "within");
    // The table names the hubs that would leave their band.
    let table = cli(&[
        "report",
        now_file().to_str().expect("as expected"),
        then_file().to_str().expect("as expected"),
        map_file().to_str().expect("as expected"),
        "--region",
        "70F",
        "--project-years",
        "3",
    ]);
    let table = String::from_utf8(table.stdout).expect("as expected");
    assert!(
        table.contains("List growth 2021-01-01 to 2026-04-01"),
        "{table}"
    );
    let leaving = table
        .lines()
        .find(|line| {
            line.starts_with("Hubs that would leave the 30,000–50,000 band within 3 years")
        })
        .expect("the hubs leaving the band are named");
    assert!(leaving.contains("U01092 (above 50k)"), "{leaving}");
    assert!(!leaving.contains("U04748"), "{leaving}");
    let entering = table
        .lines()
        .find(|line| line.starts_with("Hubs that would come into the 30,000–50,000 band"))
        .expect("the hubs coming into the band are named");
    assert!(entering.contains("U04748 (30k–50k)"), "{entering}");
}

#[test]
fn project_years_without_two_extracts_is_refused_clearly() {
    let output = cli(&[
        "report",
        now_file().to_str().expect("as expected"),
        "--region",
        "70F",
        "--project-years",
        "3",
    ]);
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("--project-years needs each practice's list at two dates"),
        "{message}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn two_extracts_of_the_same_date_are_refused() {
    let copy = tempfile::tempdir().expect("as expected");
    let second = copy.path().join("again.csv");
    std::fs::copy(now_file(), &second).expect("as expected");
    let error = open_inputs(&[now_file(), second], Some("70F")).expect_err("refused");
    let text = error.to_string();
    assert!(text.contains("EXTRACT_DATE"), "{text}");
    assert!(text.contains("same date (2026-04-01)"), "{text}");
}

#[test]
fn the_scenario_file_keeps_both_lists_and_checks_the_date() {
    let scenario = west_sussex(&[now_file(), then_file(), map_file()]);
    let text = scenario_to_string(&scenario);
    assert!(
        text.contains("earlier_list_date: \"2021-01-01\""),
        "{text:.400}"
    );
    let loaded = read_scenario("ws.ron", text.as_bytes())
        .expect("loads")
        .scenario;
    assert_eq!(loaded.region().earlier_list_date, "2021-01-01");
    assert_eq!(loaded.region().practices(), scenario.region().practices());
    assert_eq!(Metrics::compute(&loaded), Metrics::compute(&scenario));

    // A date after the snapshot is refused, naming the field.
    let broken = text.replace(
        "earlier_list_date: \"2021-01-01\"",
        "earlier_list_date: \"2027-01-01\"",
    );
    let error = read_scenario("ws.ron", broken.as_bytes())
        .expect_err("refused")
        .to_string();
    assert!(error.contains("region.earlier_list_date"), "{error}");
    assert!(
        error.contains("before the region's snapshot_date"),
        "{error}"
    );
    // A file from before growth existed has neither field and loads without growth.
    let old = pcn_explorer::io::example::example_scenario();
    assert!(old.region().list_years().is_none());
}
