//! `compare` and `export` on the command line: identity, one move by hand, antisymmetry at CSV
//! level, exports read back to the same figures, formula cells neutralised, clear errors.

use pcn_explorer::io::example::example_scenario;
use pcn_explorer::io::scenario_file::save_scenario;
use pcn_explorer::model::{Action, Metrics, PracticeId, RuleYear, Scenario, apply};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

fn run(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn ok(args: &[&str]) -> String {
    let (success, stdout, stderr) = run(args);
    assert!(success, "{args:?}: {stderr}");
    stdout
}

/// Header → cell maps, one per row.
fn parse_csv(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|record| {
            let record = record.expect("row");
            header
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn number(cell: &str) -> f64 {
    cell.parse()
        .unwrap_or_else(|_| panic!("not a number: {cell:?}"))
}

struct Files {
    _dir: tempfile::TempDir,
    before: PathBuf,
    after: PathBuf,
}

fn path(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// The example, and the example with its first practice moved to X10686 with a reason.
fn one_move_files() -> Files {
    let dir = tempfile::tempdir().expect("temp dir");
    let before = dir.path().join("before.ron");
    let after = dir.path().join("after.ron");
    let scenario = example_scenario();
    save_scenario(&before, &scenario).expect("saved");
    let mut moved = scenario.clone();
    let to = moved.hub_by_code("X10686").expect("hub");
    apply(
        &mut moved,
        Action::MovePractice {
            practice: PracticeId(0),
            to: Some(to),
        },
    )
    .expect("move");
    apply(
        &mut moved,
        Action::SetReason {
            practice: PracticeId(0),
            reason: Some("=shares the Thornleigh building".into()),
        },
    )
    .expect("reason");
    save_scenario(&after, &moved).expect("saved");
    Files {
        _dir: dir,
        before,
        after,
    }
}

#[test]
fn a_file_compared_with_itself_has_no_moves_and_zero_changes() {
    let files = one_move_files();
    let file = path(&files.before);
    let moves = ok(&["compare", file, file, "--format", "csv"]);
    assert_eq!(
        moves,
        "practice_code,practice_name,from_hub,to_hub,registered_patients,weighted_patients,reason\n"
    );
    let hubs = parse_csv(&ok(&["compare", file, file, "--format", "csv", "--hubs"]));
    assert_eq!(hubs.len(), example_scenario().hubs().len() + 1);
    for row in &hubs {
        for (column, cell) in row {
            if column == "band_change" {
                assert_eq!(cell, "", "{row:?}");
            } else if column.ends_with("_change") {
                assert_eq!(number(cell), 0.0, "{column} of {row:?}");
            }
        }
    }
    let table = ok(&["compare", file, file]);
    assert!(table.contains("No practice moved."), "{table}");
    assert!(table.contains("No hub changed."), "{table}");
}

#[test]
fn one_move_shows_that_practice_and_the_two_hubs_change_by_its_list_and_money() {
    let files = one_move_files();
    let (before, after) = (path(&files.before), path(&files.after));
    let moves = ok(&["compare", before, after, "--format", "csv"]);
    assert_eq!(
        moves,
        "practice_code,practice_name,from_hub,to_hub,registered_patients,weighted_patients,reason\n\
         X80013,ST ALDRIC'S FAMILY PRACTICE,X10001,X10686,5020.5,5309.06,'=shares the Thornleigh building\n"
    );
    let rows = parse_csv(&ok(&[
        "compare", before, after, "--format", "csv", "--hubs", "--year", "2025-26",
    ]));
    let row = |code: &str| rows.iter().find(|r| r["hub_code"] == code).expect("row");
    let (lost, gained) = (row("X10001"), row("X10686"));
    assert_eq!(lost["practices_change"], "-1");
    assert_eq!(gained["practices_change"], "1");
    assert_eq!(lost["registered_patients_change"], "-5020.5");
    assert_eq!(gained["registered_patients_change"], "5020.5");
    assert_eq!(gained["weighted_patients_change"], "5309.06");
    // Participation 2025-26: £1.761 × 5,309.06 weighted = £9,349.25 (±1p of per-hub rounding).
    assert!((number(&gained["participation_gbp_change"]) - 9_349.25).abs() <= 0.011);
    assert!((number(&lost["participation_gbp_change"]) + 9_349.25).abs() <= 0.011);
    // Every line and the total move from one hub to the other, give or take a penny.
    for (column, cell) in gained {
        if column.ends_with("_gbp_change") {
            assert!(
                (number(cell) + number(&lost[column])).abs() <= 0.021,
                "{column}"
            );
        }
    }
    // No other hub changed.
    for other in rows
        .iter()
        .filter(|r| !["X10001", "X10686", "UNASSIGNED"].contains(&r["hub_code"].as_str()))
    {
        assert_eq!(number(&other["total_gbp_change"]), 0.0, "{other:?}");
        assert_eq!(number(&other["registered_patients_change"]), 0.0);
    }
    let table = ok(&["compare", before, after]);
    assert!(table.contains("1 practice(s) moved"), "{table}");
    assert!(table.contains("=shares the Thornleigh building"), "{table}");
}

fn negated(cell: &str) -> String {
    if cell.is_empty() {
        return String::new();
    }
    let value = -number(cell);
    if value == 0.0 { 0.0f64 } else { value }.to_string()
}

#[test]
fn comparison_csv_is_antisymmetric() {
    // A merge (a hub disappears), an unassignment and a move, against the example.
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    let start = example_scenario();
    save_scenario(&a, &start).expect("saved");
    let mut other = start.clone();
    let ids: Vec<_> = start.hubs().keys().copied().collect();
    for action in [
        Action::MergeHubs {
            into: ids[0],
            from: ids[1],
        },
        Action::MovePractice {
            practice: PracticeId(7),
            to: None,
        },
        Action::MovePractice {
            practice: PracticeId(30),
            to: Some(ids[0]),
        },
    ] {
        apply(&mut other, action).expect("applies");
    }
    save_scenario(&b, &other).expect("saved");
    let (a, b) = (path(&a), path(&b));
    let forward = parse_csv(&ok(&["compare", a, b, "--format", "csv", "--hubs"]));
    let backward = parse_csv(&ok(&["compare", b, a, "--format", "csv", "--hubs"]));
    assert_eq!(forward.len(), backward.len());
    let mut disappeared = 0;
    for (f, b) in forward.iter().zip(&backward) {
        assert_eq!(f["hub_code"], b["hub_code"]);
        for (column, cell) in f {
            if let Some(name) = column.strip_suffix("_before") {
                assert_eq!(cell, &b[&format!("{name}_after")], "{column}");
            } else if column == "band_change" {
                let reversed = b[column]
                    .split_once('→')
                    .map(|(x, y)| format!("{y}→{x}"))
                    .unwrap_or_default();
                assert_eq!(cell, &reversed);
            } else if column.ends_with("_change") {
                assert_eq!(number(cell), number(&negated(&b[column])), "{column} {f:?}");
            }
        }
        if !f["practices_before"].is_empty() && f["practices_after"].is_empty() {
            disappeared += 1;
        }
    }
    assert_eq!(disappeared, 1, "the merged hub disappears");
    let forward = parse_csv(&ok(&["compare", a, b, "--format", "csv"]));
    let backward = parse_csv(&ok(&["compare", b, a, "--format", "csv"]));
    assert_eq!(forward.len(), backward.len());
    for (f, b) in forward.iter().zip(&backward) {
        assert_eq!(f["practice_code"], b["practice_code"]);
        assert_eq!(f["from_hub"], b["to_hub"]);
        assert_eq!(f["to_hub"], b["from_hub"]);
        assert_eq!(f["registered_patients"], b["registered_patients"]);
    }
}

#[test]
fn different_regions_name_both_files() {
    let files = one_move_files();
    let region = format!("{DATA}/region_70F.csv");
    let (success, _, stderr) = run(&["compare", path(&files.before), &region]);
    assert!(!success);
    assert!(
        stderr.contains("before.ron") && stderr.contains("region_70F.csv"),
        "{stderr}"
    );
    assert!(stderr.contains("different regions"), "{stderr}");
}

#[test]
fn compare_writes_a_file_and_reads_snapshots() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("options.ron");
    let mut scenario = example_scenario();
    apply(&mut scenario, Action::SaveSnapshot { name: "A".into() }).expect("save");
    apply(
        &mut scenario,
        Action::MovePractice {
            practice: PracticeId(2),
            to: None,
        },
    )
    .expect("move");
    apply(&mut scenario, Action::SaveSnapshot { name: "B".into() }).expect("save");
    save_scenario(&file, &scenario).expect("saved");
    let out = dir.path().join("cmp.csv");
    let file = path(&file);
    ok(&[
        "compare",
        file,
        file,
        "--before-snapshot",
        "A",
        "--after-snapshot",
        "B",
        "--format",
        "csv",
        "-o",
        path(&out),
    ]);
    let rows = parse_csv(&std::fs::read_to_string(&out).expect("written"));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["to_hub"], "");
    let (success, _, stderr) = run(&["compare", file, file, "--before-snapshot", "Z"]);
    assert!(!success);
    assert!(
        stderr.contains("no snapshot called \"Z\" (snapshots: A, B)"),
        "{stderr}"
    );
}

#[test]
fn exports_read_back_give_the_same_figures() {
    let files = one_move_files();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut scenario = pcn_explorer::io::open_path(&files.after, None)
        .expect("loads")
        .scenario;
    let after = path(&files.after);

    let hubs_out = dir.path().join("hubs.csv");
    ok(&["export", after, "--what", "hubs", "-o", path(&hubs_out)]);
    let text = std::fs::read_to_string(&hubs_out).expect("written");
    // The file starts with a byte order mark (for Excel); the terminal's report has none.
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a UTF-8 BOM")
        .to_string();
    assert_eq!(text, ok(&["report", after, "--format", "csv"]));
    let metrics = Metrics::compute(&scenario);
    let rows = parse_csv(&text);
    for (id, hub) in scenario.hubs() {
        let row = rows
            .iter()
            .find(|r| r["hub_code"] == hub.code)
            .expect("row");
        let figures = &metrics.hubs[id];
        assert_eq!(number(&row["practices"]), f64::from(figures.practices));
        assert_eq!(
            number(&row["registered_patients"]),
            figures.registered.as_f64()
        );
        assert_eq!(number(&row["weighted_patients"]), figures.weighted.as_f64());
        assert_eq!(number(&row["total_gbp"]), figures.total.as_pounds_f64());
        for (line, amount) in metrics.rules.lines.iter().zip(&figures.funding) {
            assert_eq!(
                number(&row[&format!("{}_gbp", line.id)]),
                amount.as_pounds_f64()
            );
        }
    }

    let assignments_out = dir.path().join("assignments.csv");
    ok(&[
        "export",
        after,
        "--what",
        "assignments",
        "-o",
        path(&assignments_out),
    ]);
    let rows = parse_csv(&std::fs::read_to_string(&assignments_out).expect("written"));
    assert_eq!(rows.len(), scenario.region().len());
    for (row, (id, practice)) in rows.iter().zip(
        scenario
            .region()
            .practice_ids()
            .zip(scenario.region().practices()),
    ) {
        assert_eq!(row["practice_code"], practice.code);
        let hub = scenario.hub_of(id).and_then(|h| scenario.hub(h));
        assert_eq!(row["hub_code"], hub.map_or("", |h| h.code.as_str()));
    }
    assert_eq!(rows[0]["reason"], "'=shares the Thornleigh building");

    // The HTML report: stamped, with the move and its reason, escaped, unverified rates named.
    apply(&mut scenario, Action::SetRuleYear(RuleYear::Y2022_23)).expect("year");
    let report =
        pcn_explorer::export::export_text(&scenario, pcn_explorer::export::ExportKind::Report);
    assert!(
        report.contains("rule year <b>2022-23</b>"),
        "stamped with the year"
    );
    assert!(report.contains("data snapshot"));
    assert!(report.contains("Unverified rates in 2022-23"));
    assert!(report.contains("=shares the Thornleigh building"));
    assert!(report.contains("Moves against today's PCNs (1)"));
    assert!(report.contains("<svg") && report.contains("<polygon"));
    assert!(report.contains("@page { size: A4 landscape"));
}

#[test]
fn formula_like_names_are_neutralised_in_every_csv() {
    let mut scenario: Scenario = example_scenario();
    let id = *scenario.hubs().keys().next().expect("hub");
    apply(
        &mut scenario,
        Action::RenameHub {
            id,
            name: "=HYPERLINK(\"http://x\")".into(),
        },
    )
    .expect("rename");
    let text =
        pcn_explorer::export::export_text(&scenario, pcn_explorer::export::ExportKind::Assignments);
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{text}");
    assert!(!text.contains(",=HYPERLINK"));
    let hubs = pcn_explorer::export::export_text(&scenario, pcn_explorer::export::ExportKind::Hubs);
    assert!(hubs.contains("'=HYPERLINK"));
}
