//! `pcn-explorer rules` and `--rate` on the command line, and the "edited" marks in exports.

use pcn_explorer::io::example::example_scenario;
use pcn_explorer::io::scenario_file::save_scenario;
use pcn_explorer::model::{Action, Base, Document, Rate, RateOverride, RuleYear};
use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
        .args(args)
        .output()
        .expect("run pcn-explorer")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn rows(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|record| record.expect("row"))
        .collect()
}

#[test]
fn rules_csv_shows_the_october_to_march_period_of_gp_arrs_2024_25() {
    let text = stdout(&cli(&["rules", "--year", "2024-25", "--format", "csv"]));
    assert_eq!(
        text.lines().next(),
        Some("id,name,base,rate,period,paid_to,source,verified,edited")
    );
    let rows = rows(&text);
    let gp_arrs = rows
        .iter()
        .find(|row| &row[0] == "gp_arrs")
        .expect("gp_arrs");
    assert_eq!(&gp_arrs[2], "weighted");
    assert_eq!(&gp_arrs[3], "1.303");
    assert_eq!(&gp_arrs[4], "October 2024 – March 2025");
    assert_eq!(&gp_arrs[8], "");
    let core = rows.iter().find(|row| &row[0] == "core").expect("core");
    assert_eq!(
        (&core[2], &core[3], &core[7]),
        ("registered+adjusted", "2.257+0.71", "false")
    );
    let table = stdout(&cli(&["rules", "--year", "2024-25"]));
    assert!(table.contains("October 2024 – March 2025"), "{table}");
}

#[test]
fn rules_2026_27_has_no_casp_or_caip_and_pays_the_gp_scheme_to_practices() {
    let text = stdout(&cli(&["rules", "--year", "2026-27", "--format", "csv"]));
    let rows = rows(&text);
    let ids: Vec<&str> = rows
        .iter()
        .map(|row| row.get(0).unwrap_or_default())
        .collect();
    assert_eq!(
        ids,
        [
            "core",
            "participation",
            "enhanced_access",
            "gp_reimbursement",
            "care_home_premium",
            "arrs"
        ]
    );
    let scheme = &rows[3];
    assert_eq!(
        (&scheme[3], &scheme[5], &scheme[7]),
        ("4.57", "practice", "false")
    );
    // Without --year the latest year is shown.
    assert_eq!(stdout(&cli(&["rules", "--format", "csv"])), text);
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&cli(&["rules", "--format", "json"]))).expect("JSON");
    assert_eq!(json["rule_year"], "2026-27");
}

#[test]
fn rules_with_a_rate_marks_the_line_edited() {
    let text = stdout(&cli(&[
        "rules",
        "--year",
        "2026-27",
        "--rate",
        "enhanced_access=9.10",
        "--format",
        "csv",
    ]));
    let rows = rows(&text);
    let line = rows
        .iter()
        .find(|row| &row[0] == "enhanced_access")
        .expect("line");
    assert_eq!(&line[3], "9.1");
    assert_eq!(&line[8], "edited: was £8.903 × adjusted");
    assert!(rows.iter().filter(|row| !row[8].is_empty()).count() == 1);
}

#[test]
fn a_bad_rate_argument_is_refused_with_a_reason() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/region_70F.csv");
    let output = cli(&["report", path, "--year", "2026-27", "--rate", "casp=1"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("2026-27 has no line \"casp\""), "{stderr}");
    let output = cli(&["report", path, "--rate", "core=1"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("core.registered"), "{stderr}");
}

#[test]
fn exports_of_a_file_with_an_edited_rate_say_so() {
    let mut document = Document::new(example_scenario(), true);
    document
        .perform(Action::SetRate {
            year: RuleYear::Y2026_27,
            line: "arrs".into(),
            base: Base::Weighted,
            rate: Some(RateOverride {
                rate: Rate(280_000),
                note: "ICB letter 14 May 2026".into(),
            }),
        })
        .expect("applies");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("edited.ron");
    save_scenario(&file, document.scenario()).expect("saved");
    let file = file.display().to_string();
    let html_path = dir.path().join("report.html").display().to_string();
    cli(&["export", &file, "--what", "report", "-o", &html_path]);
    let html = std::fs::read_to_string(&html_path).expect("html");
    assert!(html.contains("Total funding <span class=\"edited\">(edited)</span>"));
    assert!(html.contains("edited: was £27.668 × weighted; ICB letter 14 May 2026"));
    let csv_text = stdout(&cli(&["report", &file, "--format", "csv"]));
    assert!(
        csv_text
            .lines()
            .next()
            .unwrap_or_default()
            .ends_with(",total_gbp,arrs_entitlement_gbp,arrs_claimable_gbp,arrs_headroom_gbp,additional_roles_wte,edited")
    );
    let table = stdout(&cli(&["report", &file]));
    assert!(table.contains("arrs (edited)"), "{table}");
    assert!(table.contains("Edited rates"), "{table}");
    // A comparison uses the after file's rates and says which are edited.
    let baseline = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/riverford-baseline.ron"
    );
    let hubs = stdout(&cli(&[
        "compare", baseline, &file, "--hubs", "--format", "csv",
    ]));
    assert!(
        hubs.lines().next().unwrap_or_default().ends_with(",edited"),
        "{hubs}"
    );
    let rows = rows(&hubs);
    assert!(
        rows.iter()
            .all(|row| row[row.len() - 1].contains("arrs_gbp"))
    );
    let table = stdout(&cli(&["compare", baseline, &file]));
    assert!(table.contains("Edited rates"), "{table}");
}
