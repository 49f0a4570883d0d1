//! The monthly NHS Digital files (registrations of 2026 and 2021, the practice→PCN map,
//! epraccur): row counts, joins, sentinels, both header eras, and regions built from them with
//! a map, staff figures and estimated weighted lists marked as such.

use pcn_explorer::io::readers::monthly_files::{
    MonthlyKind, monthly_kind, read_epraccur, read_pcn_map, read_registrations,
};
use pcn_explorer::io::readers::{open_inputs, reference::reference};
use pcn_explorer::io::{self, FileKind};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const NHS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nhs");
const REGISTRATIONS: &str = "gp-reg-pat-prac-all.csv";
const REGISTRATIONS_2021: &str = "2021-01-01/gp-reg-pat-prac-all.csv";
const MAP: &str = "gp-reg-pat-prac-map.csv";
const EPRACCUR: &str = "epraccur.csv";

fn path(name: &str) -> PathBuf {
    Path::new(NHS).join(name)
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(path(name)).expect("data file")
}

#[test]
fn each_kind_is_recognised_from_its_header() {
    assert_eq!(
        monthly_kind(&bytes(REGISTRATIONS)),
        Some(MonthlyKind::Registrations)
    );
    assert_eq!(
        monthly_kind(&bytes(REGISTRATIONS_2021)),
        Some(MonthlyKind::Registrations)
    );
    assert_eq!(monthly_kind(&bytes(MAP)), Some(MonthlyKind::PcnMap));
    assert_eq!(monthly_kind(&bytes(EPRACCUR)), Some(MonthlyKind::Epraccur));
    assert_eq!(monthly_kind(&bytes("payments-2022-23-practice.csv")), None);
}

#[test]
fn registrations_2026_rows_dates_and_totals() {
    let read = read_registrations(REGISTRATIONS, &bytes(REGISTRATIONS)).expect("reads");
    assert_eq!(read.extract_date, "2026-04-01");
    assert_eq!(read.rows.len(), 6_168);
    let total: i64 = read
        .rows
        .iter()
        .map(|row| row.registered.hundredths())
        .sum();
    assert_eq!(total, 63_673_685 * 100);
    let areas: BTreeSet<&str> = read.rows.iter().map(|row| row.area_code.as_str()).collect();
    assert_eq!(areas.len(), 106);
    assert!(areas.contains("X2C4Y") && areas.contains("16C"));
    assert_eq!(
        read.rows
            .iter()
            .filter(|row| row.area_code == "70F")
            .count(),
        75
    );
    let first = &read.rows[0];
    assert_eq!(
        (first.code.as_str(), first.postcode.as_str()),
        ("A81001", "TS18 1HU")
    );
    assert_eq!(first.registered.hundredths(), 3_747 * 100);
}

#[test]
fn registrations_2021_ccg_header_and_dates() {
    let read = read_registrations(REGISTRATIONS_2021, &bytes(REGISTRATIONS_2021)).expect("reads");
    assert_eq!(read.extract_date, "2021-01-01");
    assert_eq!(read.rows.len(), 6_658);
    assert_eq!(read.rows[0].area_code, "00L");
    assert_eq!(read.rows[0].registered.hundredths(), 5_903 * 100);
}

#[test]
fn map_joins_the_2026_file_and_unallocated_means_no_pcn() {
    let map = read_pcn_map(MAP, &bytes(MAP)).expect("reads");
    assert_eq!(map.extract_date, "2022-01-01");
    assert_eq!(map.rows.len(), 6_527);
    assert_eq!(map.rows.iter().filter(|row| row.pcn.is_none()).count(), 68);
    let registrations = read_registrations(REGISTRATIONS, &bytes(REGISTRATIONS)).expect("reads");
    let codes: BTreeSet<&str> = registrations
        .rows
        .iter()
        .map(|row| row.code.as_str())
        .collect();
    let matching = map
        .rows
        .iter()
        .filter(|row| codes.contains(row.code.as_str()))
        .count();
    assert_eq!(matching, 6_158);
    let quoted = map
        .rows
        .iter()
        .find(|row| {
            row.pcn
                .as_ref()
                .is_some_and(|(_, name)| name.contains("BIRTLEY, OXFORD"))
        })
        .expect("a quoted PCN name with a comma");
    assert_eq!(
        quoted.pcn.as_ref().map(|(_, name)| name.as_str()),
        Some("BIRTLEY, OXFORD TERR & RAWLING RD PCN")
    );
}

#[test]
fn epraccur_keeps_gp_practices_and_reads_status() {
    let rows = read_epraccur(EPRACCUR, &bytes(EPRACCUR)).expect("reads");
    assert!(rows.len() < 14_357 && rows.len() > 6_000, "{}", rows.len());
    let densham = rows
        .iter()
        .find(|row| row.code == "A81001")
        .expect("A81001");
    assert!(densham.active);
    assert_eq!(densham.commissioner, "00K");
    let closed = rows
        .iter()
        .find(|row| row.code == "A81003")
        .expect("A81003");
    assert!(!closed.active, "status C is closed");
    let spelled = "\"Z00001\",\"NEW SURGERY\",\"Y63\",\"Q74\",\"\",\"\",\"\",\"\",\"\",\"TS1 1AA\",\"20200101\",\"\",\"ACTIVE\",\"B\",\"70F\",\"20200101\",\"\",\"\",\"\",\"\",\"\",\"0\",\"\",\"70F\",\"\",\"4\",\"\"\n";
    let rows = read_epraccur("new.csv", spelled.as_bytes()).expect("reads");
    assert!(rows[0].active, "newer releases spell the status out");
}

#[test]
fn west_sussex_from_registrations_and_map_has_a_map_staff_and_estimates() {
    let opened = open_inputs(&[path(REGISTRATIONS), path(MAP)], Some("70F")).expect("opens");
    assert_eq!(opened.kind, FileKind::NhsMonthly);
    let region = opened.scenario.region();
    assert_eq!(region.len(), 75);
    assert_eq!(region.code, "70F");
    assert_eq!(region.snapshot_date, "2026-04-01");
    let reference = reference().expect("reference");
    for practice in region.practices() {
        let known = reference
            .practice(&practice.code)
            .expect("every 70F practice is in the reference");
        assert!(
            practice.location.is_some(),
            "{} has a location",
            practice.code
        );
        assert_eq!(practice.location, known.location);
        let staff = practice.gp_fte.map_or(0, |f| f.0) + practice.nurse_fte.map_or(0, |f| f.0);
        assert!(staff > 0, "{} has staff", practice.code);
        let weighted = practice
            .provenance
            .weighted
            .as_ref()
            .expect("weighted source");
        assert!(weighted.estimated, "{}", practice.code);
        let registered = practice
            .provenance
            .registered
            .as_ref()
            .expect("registered source");
        assert_eq!(registered.text, "NHS Digital registrations 2026-04-01");
        assert!(!registered.estimated);
    }
    // H82003's list from the 2026 file, its weighted list from its 2022/23 ratio, by hand.
    let densham = region
        .practices()
        .iter()
        .find(|p| p.code == "H82003")
        .expect("H82003");
    let known = reference.practice("H82003").expect("known");
    // 2022/23: 9,846.25 registered, 8,709.97 weighted; 2026: 10,882 registered.
    assert_eq!(known.registered_patients.hundredths(), 984_625);
    assert_eq!(densham.registered_patients.hundredths(), 1_088_200);
    // 10,882 × 8,709.97 / 9,846.25 = 9,626.192…
    assert_eq!(
        densham.weighted_patients.expect("estimated").hundredths(),
        962_619
    );
    // The map is of January 2022: its PCNs are the baseline; three 70F practices have none.
    assert_eq!(
        opened.scenario.unassigned().len(),
        opened
            .scenario
            .region()
            .practices()
            .iter()
            .filter(|p| p.baseline_hub.is_none())
            .count()
    );
    assert!(
        opened.scenario.hubs().len() >= 18,
        "{}",
        opened.scenario.hubs().len()
    );
}

#[test]
fn registrations_alone_take_pcns_from_the_reference_and_epraccur_drops_closed() {
    let opened = open_inputs(&[path(REGISTRATIONS), path(EPRACCUR)], Some("70F")).expect("opens");
    let region = opened.scenario.region();
    assert!(region.len() <= 75 && region.len() > 60, "{}", region.len());
    assert_eq!(
        opened.scenario.hubs().len(),
        20,
        "the reference's 2022/23 PCNs"
    );
    let single = io::open_path(&path(REGISTRATIONS), Some("70f")).expect("one file with a region");
    assert_eq!(single.scenario.region().len(), 75);
}

#[test]
fn the_2021_extract_reads_with_its_ccg_codes() {
    let opened = open_inputs(&[path(REGISTRATIONS_2021), path(MAP)], Some("70F")).expect("opens");
    let region = opened.scenario.region();
    assert_eq!(region.snapshot_date, "2021-01-01");
    assert!(region.len() >= 70, "{}", region.len());
    assert_eq!(region.name, "NHS SUSSEX ICB - 70F");
}

#[test]
fn several_regions_need_a_choice_and_other_files_are_refused() {
    let error = open_inputs(&[path(REGISTRATIONS), path(MAP)], None).expect_err("106 areas");
    assert!(
        error.to_string().contains("choose one with --region CODE"),
        "{error}"
    );
    let error = open_inputs(&[path(REGISTRATIONS), path(MAP)], Some("Sussex")).expect_err("name");
    assert!(
        error
            .to_string()
            .contains("no practices in area \"Sussex\""),
        "{error}"
    );
    let payments = path("payments-2022-23-practice.csv");
    let error = open_inputs(&[path(REGISTRATIONS), payments], Some("70F")).expect_err("mixed");
    assert!(
        error.to_string().contains("is not a monthly NHS file"),
        "{error}"
    );
    let error = open_inputs(&[path(MAP), path(MAP)], Some("70F")).expect_err("twice");
    assert!(
        error.to_string().contains("a second practice to PCN map"),
        "{error}"
    );
}

#[test]
fn cli_imports_monthly_files_and_flags_estimates_in_the_report() {
    let folder = tempfile::tempdir().expect("temp");
    let out = folder.path().join("ws.ron");
    let registrations = path(REGISTRATIONS).display().to_string();
    let map = path(MAP).display().to_string();
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
            .args(args)
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    run(&[
        "import",
        &registrations,
        &map,
        "--region",
        "70F",
        "-o",
        &out.display().to_string(),
    ]);
    let saved = std::fs::read_to_string(&out).expect("written");
    assert!(
        saved.contains("estimated: true"),
        "sources are kept in the file"
    );
    let loaded = io::open_path(&out, None).expect("loads back");
    let fresh = open_inputs(&[path(REGISTRATIONS), path(MAP)], Some("70F")).expect("opens");
    assert_eq!(
        loaded.scenario.region().practices(),
        fresh.scenario.region().practices()
    );

    let csv = run(&["report", &out.display().to_string(), "--format", "csv"]);
    let header = csv.lines().next().expect("header");
    assert!(header.ends_with(",total_gbp,arrs_entitlement_gbp,arrs_claimable_gbp,arrs_headroom_gbp,additional_roles_wte,estimated"), "{header}");
    for line in csv
        .lines()
        .skip(1)
        .filter(|line| !line.starts_with("UNASSIGNED,"))
    {
        assert!(
            line.contains(",weighted "),
            "every hub row flags its estimated weighted lists: {line}"
        );
    }
    let table = run(&["report", &out.display().to_string()]);
    assert!(
        table.contains("* Estimated values (not published): weighted for 75 practices"),
        "{table}"
    );
    // A published-only region keeps the old columns.
    let bundled = run(&["report", "--region", "70F", "--format", "csv"]);
    assert!(bundled.lines().next().expect("header").ends_with(
        ",total_gbp,arrs_entitlement_gbp,arrs_claimable_gbp,arrs_headroom_gbp,additional_roles_wte"
    ));
}

/// Codes written in lower case (a spreadsheet's "proper case", a hand-edited file) are the same
/// practices, PCNs and sub-ICBs: the monthly readers upper-case every code as the others do.
#[test]
fn lower_case_codes_in_monthly_files_read_as_the_same_practices() {
    let lower = |name: &str| {
        let text = String::from_utf8(bytes(name)).expect("utf-8");
        let mut lines = text.lines();
        let header = lines.next().expect("header").to_string();
        let rows: Vec<String> = lines.map(str::to_lowercase).collect();
        format!("{header}\n{}\n", rows.join("\n"))
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let (registrations, map) = (dir.path().join(REGISTRATIONS), dir.path().join(MAP));
    std::fs::write(&registrations, lower(REGISTRATIONS)).expect("write");
    std::fs::write(&map, lower(MAP)).expect("write");
    let upper = open_inputs(&[path(REGISTRATIONS), path(MAP)], Some("70F")).expect("opens");
    let lowered = open_inputs(&[registrations, map], Some("70f")).expect("opens lower case");
    let codes = |opened: &pcn_explorer::io::Opened| -> Vec<(String, Option<String>)> {
        opened
            .scenario
            .region()
            .practices()
            .iter()
            .map(|p| (p.code.clone(), p.baseline_hub.clone()))
            .collect()
    };
    assert_eq!(codes(&lowered), codes(&upper));
    assert_eq!(lowered.scenario.region().len(), 75);
    assert_eq!(
        lowered.scenario.hubs().len(),
        upper.scenario.hubs().len(),
        "the PCNs are the same"
    );
}
