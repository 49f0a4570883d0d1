//! The England reference bundled in the binary: it matches tests/data, lists 106 sub-ICBs,
//! opens a region with no file, from the library and the command line.

use pcn_explorer::io::readers::reference::{reference, search};
use pcn_explorer::io::{self, FileKind};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::process::Command;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
const ASSETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/england");

fn run(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn bundled_file_is_the_test_data_file() {
    let gz = std::fs::read(format!("{ASSETS}/england_practices.csv.gz")).expect("asset");
    let mut unpacked = Vec::new();
    flate2::read::GzDecoder::new(gz.as_slice())
        .read_to_end(&mut unpacked)
        .expect("gunzip");
    let original = std::fs::read(format!("{DATA}/england_practices.csv")).expect("data");
    assert!(unpacked == original, "run tools/make_england_assets.sh");
}

#[test]
fn former_ccg_names_come_from_the_practice_to_pcn_map() {
    // Every (sub-ICB, CCG name) pair of the asset is a practice of the map that the reference
    // places in that sub-ICB, and every sub-ICB of the reference has at least one name.
    let reference = reference().expect("reference");
    let mut map =
        csv::Reader::from_path(format!("{DATA}/nhs/gp-reg-pat-prac-map.csv")).expect("map");
    let headers = map.headers().expect("header").clone();
    let at = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (code_at, name_at) = (at("PRACTICE_CODE"), at("CCG_NAME"));
    let mut pairs = BTreeSet::new();
    for record in map.records() {
        let record = record.expect("row");
        if let Some(practice) = reference.practice(&record[code_at]) {
            pairs.insert((practice.sub_icb_code.clone(), record[name_at].to_string()));
        }
    }
    let bundled: BTreeSet<(String, String)> = reference
        .sub_icbs
        .iter()
        .flat_map(|s| s.former_names.iter().map(|n| (s.code.clone(), n.clone())))
        .collect();
    assert_eq!(bundled, pairs);
    assert!(
        reference
            .sub_icbs
            .iter()
            .all(|s| !s.former_names.is_empty())
    );
}

#[test]
fn reference_has_every_practice_and_106_sub_icbs() {
    let reference = reference().expect("reference");
    assert_eq!(reference.england.len(), 6_488);
    assert_eq!(reference.sub_icbs.len(), 106);
    let total: usize = reference.sub_icbs.iter().map(|s| s.practices).sum();
    assert_eq!(total, 6_488);
    let west_sussex = reference.sub_icb("70f").expect("70F");
    assert_eq!(
        (
            west_sussex.name.as_str(),
            west_sussex.practices,
            west_sussex.pcns
        ),
        ("NHS SUSSEX ICB - 70F", 75, 20)
    );
    assert_eq!(west_sussex.former_names, ["NHS West Sussex CCG"]);
}

#[test]
fn search_finds_names_codes_and_former_ccg_names() {
    let reference = reference().expect("reference");
    let codes = |query: &str| -> Vec<String> {
        search(&reference.sub_icbs, query)
            .iter()
            .map(|s| s.code.clone())
            .collect()
    };
    assert_eq!(codes("west sussex"), ["70F"]);
    assert_eq!(codes("NHS West Sussex CCG"), ["70F"]);
    assert_eq!(codes("70F")[0], "70F");
    assert_eq!(codes("cornwall"), ["11N"]);
    let sussex = codes("sussex");
    assert!(
        sussex.len() >= 3 && sussex.contains(&"70F".to_string()),
        "{sussex:?}"
    );
    assert_eq!(codes("").len(), 106);
    assert!(codes("no such place").is_empty());
}

#[test]
fn a_bundled_region_equals_the_region_file() {
    let bundled = io::readers::open_bundled("70F").expect("70F");
    assert_eq!(bundled.kind, FileKind::Bundled);
    let file = io::open_path(Path::new(&format!("{DATA}/region_70F.csv")), None).expect("file");
    let (a, b) = (bundled.scenario.region(), file.scenario.region());
    assert_eq!(a.practices(), b.practices());
    assert_eq!(a.baseline_hubs(), b.baseline_hubs());
    assert_eq!(
        (a.code.as_str(), a.name.as_str()),
        ("70F", "NHS SUSSEX ICB - 70F")
    );
    assert_eq!(bundled.scenario.hubs().len(), 20);
    assert_eq!(bundled.scenario.unassigned().len(), 3);
}

#[test]
fn an_unknown_region_suggests_matches() {
    let error = io::readers::open_bundled("Sussex").expect_err("not a code");
    let shown = error.to_string();
    assert!(shown.contains("no sub-ICB \"Sussex\""), "{shown}");
    assert!(shown.contains("did you mean "), "{shown}");
    assert!(shown.contains("70F (NHS SUSSEX ICB - 70F)"), "{shown}");
}

#[test]
fn regions_command_prints_106_rows() {
    let (ok, out, err) = run(&["regions"]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "code,name,practices,pcns");
    assert_eq!(lines.len(), 107);
    assert!(lines.contains(&"70F,NHS SUSSEX ICB - 70F,75,20"), "{out}");
}

#[test]
fn report_and_check_with_a_region_and_no_file() {
    let (ok, out, err) = run(&["report", "--region", "70F", "--format", "csv"]);
    assert!(ok, "{err}");
    let file = format!("{DATA}/region_70F.csv");
    let (ok, from_file, err) = run(&["report", &file, "--format", "csv"]);
    assert!(ok, "{err}");
    assert_eq!(
        out, from_file,
        "the bundled region reports as the file does"
    );
    assert_eq!(
        out.lines().count(),
        22,
        "20 hubs, unassigned and the header"
    );
    let (ok, out, err) = run(&["check", "--region", "11N"]);
    assert!(ok, "{err}");
    assert_eq!(
        out,
        "bundled data: 57 practices, 15 hubs, 2 unassigned, rule year 2026-27: OK\n"
    );
    let (ok, _, err) = run(&["report"]);
    assert!(!ok);
    assert!(err.contains("--region CODE"), "{err}");
}

#[test]
fn import_and_compare_with_the_bundled_region() {
    let folder = tempfile::tempdir().expect("temp");
    let out = folder.path().join("ws.ron");
    let out_text = out.display().to_string();
    let (ok, _, err) = run(&["import", "--region", "70F", "-o", &out_text]);
    assert!(ok, "{err}");
    let (ok, moves, err) = run(&["compare", &out_text, "--region", "70F", "--format", "csv"]);
    assert!(ok, "{err}");
    assert_eq!(
        moves.lines().count(),
        1,
        "no practice moved: only the header\n{moves}"
    );
}
