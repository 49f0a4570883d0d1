//! The Excel workbook from the command line: four sheets, frozen headers, numbers as numbers
//! with formats, and the same figures as the CSV report.

use std::io::Read;
use std::process::Command;

const WEST_SUSSEX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/region_70F.csv");

fn part(archive: &mut zip::ZipArchive<std::fs::File>, name: &str) -> String {
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} is in the workbook"))
        .read_to_string(&mut text)
        .expect("UTF-8 XML");
    text
}

#[test]
fn export_workbook_writes_hubs_moves_practices_and_rates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("options.xlsx");
    let status = Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
        .args([
            "export",
            WEST_SUSSEX,
            "--what",
            "workbook",
            "-o",
            &out.display().to_string(),
        ])
        .status()
        .expect("runs");
    assert!(status.success());
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&out).expect("written"))
        .expect("an .xlsx is a zip archive");
    let book = part(&mut archive, "xl/workbook.xml");
    for sheet in ["Hubs", "Moves", "Practices", "Rates"] {
        assert!(
            book.contains(&format!("name=\"{sheet}\"")),
            "{sheet}: {book}"
        );
    }
    let hubs = part(&mut archive, "xl/worksheets/sheet1.xml");
    // Frozen header row.
    assert!(hubs.contains("ySplit=\"1\""), "{hubs}");
    // Burgess Hill & Villages PCN: 50,892.50 registered patients (tests/data/region_70F.csv),
    // written as a number, not as text.
    assert!(
        hubs.contains("<v>50892.5</v>"),
        "registered total as a number"
    );
    let strings = part(&mut archive, "xl/sharedStrings.xml");
    assert!(strings.contains("Burgess Hill &amp; Villages PCN"));
    assert!(strings.contains("Registered patients"));
    // Money has a pound format.
    let styles = part(&mut archive, "xl/styles.xml");
    assert!(styles.contains("£#,##0.00"), "{styles}");
    // One row per practice (75) under the header on the Practices sheet.
    let practices = part(&mut archive, "xl/worksheets/sheet3.xml");
    assert!(practices.contains("<row r=\"76\""), "75 practice rows");
    assert!(!practices.contains("<row r=\"77\""));
}
