//! Estimated figures are marked in every export, not only in the report: a region read from the
//! 2026 registrations extract alone has weighted lists estimated from the 2022/23 ratio, and
//! the hubs CSV, the assignments CSV, the HTML report and the Excel workbook each say so.

use pcn_explorer::export::{ExportKind, export_bytes};
use pcn_explorer::io::readers::open_inputs;
use std::io::Read;
use std::path::Path;

fn west_sussex_2026() -> pcn_explorer::model::Scenario {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/nhs/gp-reg-pat-prac-all.csv");
    open_inputs(&[file], Some("70F")).expect("70F").scenario
}

fn text(kind: ExportKind) -> String {
    let bytes = export_bytes(&west_sussex_2026(), kind).expect("export");
    String::from_utf8(bytes)
        .expect("UTF-8")
        .trim_start_matches('\u{feff}')
        .to_string()
}

#[test]
fn the_csv_exports_carry_an_estimated_column() {
    let hubs = text(ExportKind::Hubs);
    let header = hubs.lines().next().expect("as expected");
    assert!(header.ends_with(",estimated"), "{header}");
    // Burgess Hill & Villages PCN: 4 practices, each with an estimated weighted list.
    let burgess = hubs
        .lines()
        .find(|l| l.starts_with("U06871,"))
        .expect("as expected");
    assert!(burgess.ends_with(",weighted 4 of 4"), "{burgess}");

    let assignments = text(ExportKind::Assignments);
    assert_eq!(
        assignments.lines().next().expect("as expected"),
        "practice_code,practice_name,hub_code,hub_name,reason,estimated"
    );
    let h82003 = assignments
        .lines()
        .find(|l| l.starts_with("H82003,"))
        .expect("as expected");
    assert!(h82003.ends_with(",weighted"), "{h82003}");
}

#[test]
fn the_html_report_marks_hubs_and_explains_the_estimates() {
    let html = text(ExportKind::Report);
    assert!(
        html.contains("title=\"estimated: weighted 4 of 4\">*</span>"),
        "a hub's weighted cell is marked"
    );
    assert!(html.contains("Estimated values (not published): weighted for 75 practices"));
    assert!(html.contains("estimated from the 2022/23 weighted/registered ratio"));
}

#[test]
fn the_workbook_names_the_estimates_per_hub_and_the_sources_per_practice() {
    let bytes = export_bytes(&west_sussex_2026(), ExportKind::Workbook).expect("workbook");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut strings = String::new();
    archive
        .by_name("xl/sharedStrings.xml")
        .expect("shared strings")
        .read_to_string(&mut strings)
        .expect("UTF-8");
    for expected in [
        "Estimated figures",
        "weighted 4 of 4",
        "Sources",
        "weighted: estimated from the 2022/23 weighted/registered ratio",
    ] {
        assert!(strings.contains(expected), "{expected} is in the workbook");
    }
}
