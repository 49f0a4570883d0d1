//! Every real data file loads, with the counts data/README.md gives; the raw NHS payments file
//! agrees with the project's CSV for West Sussex; the CLI checks and imports them.

use pcn_explorer::io::{self, FileKind, nhs_payments};
use pcn_explorer::model::Scenario;
use std::path::Path;
use std::process::Command;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

fn open(name: &str, region: Option<&str>) -> io::Opened {
    io::open_path(Path::new(&format!("{DATA}/{name}")), region).expect("file loads")
}

fn counts(scenario: &Scenario) -> (usize, usize, usize) {
    (
        scenario.region().len(),
        scenario.hubs().len(),
        scenario.unassigned().len(),
    )
}

#[test]
fn region_files_load_with_the_published_counts() {
    for (file, practices, hubs, unassigned) in [
        ("region_70F.csv", 75, 20, 3),
        ("region_01H.csv", 35, 8, 0),
        ("region_03R.csv", 34, 7, 0),
        ("region_16C.csv", 80, 14, 0),
        ("region_11N.csv", 57, 15, 2),
        ("england_practices.csv", 6_488, 1_267, 98),
    ] {
        let opened = open(file, None);
        assert_eq!(opened.kind, FileKind::PracticeCsv);
        assert_eq!(
            counts(&opened.scenario),
            (practices, hubs, unassigned),
            "{file}"
        );
    }
}

#[test]
fn raw_nhs_file_for_west_sussex_agrees_with_the_region_file() {
    let raw = open("nhs/payments-2022-23-practice.csv", Some("70F"));
    assert_eq!(raw.kind, FileKind::NhsPayments);
    assert_eq!(counts(&raw.scenario), (75, 20, 3));
    let csv = open("region_70F.csv", None);
    let raw_region = raw.scenario.region();
    let csv_region = csv.scenario.region();
    assert_eq!(raw_region.code, "70F");
    assert_eq!(raw_region.baseline_hubs(), csv_region.baseline_hubs());
    let mut unassigned = Vec::new();
    for practice in csv_region.practices() {
        let id = raw_region
            .id_of(&practice.code)
            .expect("same practice codes");
        let other = raw_region.practice(id).expect("practice");
        assert_eq!(
            other.registered_patients, practice.registered_patients,
            "{}",
            practice.code
        );
        assert_eq!(
            other.weighted_patients, practice.weighted_patients,
            "{}",
            practice.code
        );
        assert_eq!(
            other.baseline_hub, practice.baseline_hub,
            "{}",
            practice.code
        );
        assert_eq!(other.name, practice.name, "{}", practice.code);
        assert_eq!(other.postcode, practice.postcode, "{}", practice.code);
        if other.baseline_hub.is_none() {
            unassigned.push(practice.code.as_str());
        }
    }
    assert_eq!(unassigned, ["H82043", "H82058", "H82099"]);
}

#[test]
fn raw_nhs_file_needs_a_region_and_lists_them() {
    let path = format!("{DATA}/nhs/payments-2022-23-practice.csv");
    let error = io::open_path(Path::new(&path), None).expect_err("several regions");
    let shown = error.to_string();
    assert!(shown.starts_with(&path), "{shown}");
    assert!(
        shown.contains("106 sub-ICB areas") && shown.contains("--region CODE"),
        "{shown}"
    );
    let error = io::open_path(Path::new(&path), Some("ZZZ")).expect_err("unknown region");
    assert!(error.to_string().contains("\"ZZZ\""), "{error}");

    let bytes = std::fs::read(&path).expect("read");
    let regions = nhs_payments::list_regions(&bytes);
    assert_eq!(regions.len(), 106);
    assert!(regions.contains(&("70F".to_string(), "NHS SUSSEX ICB - 70F".to_string(), 75)));
    let total: usize = regions.iter().map(|(_, _, count)| count).sum();
    assert!(total > 6_400, "{total} open GP practices");
    assert!(nhs_payments::list_regions(b"not,a,payments,file\n").is_empty());
}

#[test]
fn every_region_of_the_raw_file_loads() {
    let bytes = std::fs::read(format!("{DATA}/nhs/payments-2022-23-practice.csv")).expect("read");
    for (code, _, count) in nhs_payments::list_regions(&bytes) {
        let data = nhs_payments::read_nhs_payments("payments.csv", &bytes, Some(&code))
            .expect("region loads");
        assert_eq!(data.region.len(), count, "{code}");
    }
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
        .args(args)
        .output()
        .expect("run pcn-explorer")
}

#[test]
fn cli_check_prints_a_one_line_summary() {
    let path = format!("{DATA}/region_70F.csv");
    let output = cli(&["check", &path]);
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        // Practice data opens as a new document, under the latest rule year.
        format!("{path}: 75 practices, 20 hubs, 3 unassigned, rule year 2026-27: OK\n")
    );
    let raw = format!("{DATA}/nhs/payments-2022-23-practice.csv");
    let output = cli(&["check", &raw]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&raw) && stderr.contains("--region CODE"),
        "{stderr}"
    );
    let output = cli(&["check", &raw, "--region", "70F"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn cli_import_writes_a_scenario_that_loads_as_the_same_region() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("west-sussex.ron");
    let raw = format!("{DATA}/nhs/payments-2022-23-practice.csv");
    let output = cli(&[
        "import",
        &raw,
        "--region",
        "70F",
        "-o",
        &out.display().to_string(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let loaded = io::open_path(&out, None).expect("scenario loads");
    assert_eq!(loaded.kind, FileKind::Scenario);
    assert_eq!(
        loaded.scenario,
        open("nhs/payments-2022-23-practice.csv", Some("70F")).scenario
    );
    let output = cli(&["report", &out.display().to_string(), "--format", "json"]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["totals"]["practices"], 75);
    assert_eq!(json["hubs"].as_array().map(Vec::len), Some(20));
    assert_eq!(json["unassigned"]["practices"], 3);
}

#[test]
fn cli_errors_name_the_file_and_exit_non_zero() {
    let output = cli(&["report", "/nonexistent/plan.ron"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/plan.ron"));
    let output = cli(&[
        "report",
        &format!("{DATA}/region_70F.csv"),
        "--year",
        "2019-20",
    ]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("2019-20"));
}

#[test]
fn cli_table_report_shows_totals_and_unverified_rates() {
    let output = cli(&[
        "report",
        &format!("{DATA}/region_70F.csv"),
        "--year",
        "2022-23",
    ]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("Region"), "{text}");
    assert!(text.contains("£"), "{text}");
    assert!(text.contains("Unverified rates in 2022-23"), "{text}");
    assert!(text.contains("Clinical director"), "{text}");
}
