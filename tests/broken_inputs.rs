//! A corpus of broken, truncated, hostile and future-version files (tests/broken/): each gives a
//! specific message naming the file (and for CSV the line and column), never a panic.

use pcn_explorer::io;
use std::path::Path;
use std::process::Command;

const BROKEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/broken");

/// File → text its error must contain (after `PATH: `).
const CASES: &[(&str, &str)] = &[
    // Scenario files (RON).
    (
        "truncated.ron",
        "line 40: column 259: Expected opening `(` for struct `PracticeDto` (the file ends too early: was it truncated?)",
    ),
    (
        "truncated-mid-string.ron",
        "line 41: column 16: Expected end of string (the file ends too early",
    ),
    ("wrong-type.ron", "line 25: column 137: Expected float"),
    (
        "future-version.ron",
        "field format_version: is 2: the file was written by a newer version of pcn-explorer",
    ),
    (
        "version-zero.ron",
        "field format_version: is 0, which no version of pcn-explorer writes",
    ),
    (
        "missing-version.ron",
        "field format_version: is missing: this is not a pcn-explorer scenario file",
    ),
    (
        "unknown-hub.ron",
        "line 79, field assignments[\"X80026\"]: practice X80026 is assigned to hub U99999, which is not in the file's hubs",
    ),
    (
        "unknown-practice.ron",
        "line 80, field assignments[\"Z99999\"]: practice Z99999 is assigned to hub X10001 but is not in the file's practices",
    ),
    (
        "duplicate-assignment.ron",
        "line 79, field assignments[\"X80026\"]: practice X80026 is assigned more than once",
    ),
    (
        "duplicate-practice.ron",
        "field practices[1].code: practice code X80013 appears more than once",
    ),
    (
        "duplicate-hub-code.ron",
        "line 68, field hubs[1].code: hub code X10001 is used by more than one hub",
    ),
    (
        "duplicate-hub-id.ron",
        "line 69, field hubs[1].id: hub id 0 is used by both X10001 and X10138",
    ),
    (
        "negative-list.ron",
        "line 25, field practices[0].registered_patients: practice X80013: -120 is negative",
    ),
    (
        "nan.ron",
        "line 25, field practices[0].weighted_patients: practice X80013: NaN is not a finite number",
    ),
    (
        "infinite-fte.ron",
        "line 25, field practices[0].gp_fte: practice X80013: inf is not a finite number",
    ),
    (
        "huge-number.ron",
        "line 25, field practices[0].registered_patients: practice X80013: 1e300 is too large",
    ),
    (
        "zero-coordinates.ron",
        "line 25, field practices[0].lat: practice X80013: 0, 0 is not in the United Kingdom",
    ),
    (
        "lat-without-lon.ron",
        "line 25, field practices[0].lon: practice X80013: lat is given but lon is missing",
    ),
    (
        "unknown-field.ron",
        "line 25: column 146: Unexpected field named `weigthed_patients` in `PracticeDto`",
    ),
    (
        "bad-rule-year.ron",
        "line 7, field rule_year: unknown rule year \"2019-20\"",
    ),
    (
        "deep-nesting.ron",
        "line 1: column 43: the file nests deeper than 32 levels",
    ),
    ("invalid-utf8.ron", "line 25: is not valid UTF-8 text"),
    (
        "text-too-long.ron",
        "line 68, field hubs[0].name: is 300 characters long; at most 200 are accepted",
    ),
    (
        "empty-hub-name.ron",
        "line 68, field hubs[0].name: is empty",
    ),
    (
        "not-a-struct.ron",
        "line 2: column 1: Expected opening `(` for struct `ScenarioDto`",
    ),
    (
        "baseline-hub-unknown.ron",
        "line 25, field practices[0].baseline_hub: practice X80013: baseline hub X99999 is not in baseline_hubs",
    ),
    // Practice CSV.
    (
        "empty.csv",
        "line 1: the file is empty or has no header row",
    ),
    (
        "missing-column.csv",
        "line 1: required column missing: registered_patients",
    ),
    (
        "wrong-field-count.csv",
        "line 3: has 4 fields, the header has 11",
    ),
    (
        "invalid-utf8.csv",
        "line 3, field practice_name: is not valid UTF-8 text",
    ),
    (
        "negative-list.csv",
        "line 3, field registered_patients: -250 is negative",
    ),
    (
        "huge-number.csv",
        "line 3, field registered_patients: 1000000000000 is too large",
    ),
    (
        "nan.csv",
        "line 3, field registered_patients: \"NaN\" is not a finite number",
    ),
    (
        "zero-coordinates.csv",
        "line 3, field lat: 0, 0 is not in the United Kingdom",
    ),
    (
        "duplicate-practice.csv",
        "line 3, field practice_code: practice A81001 appears again (first on line 2)",
    ),
    (
        "unterminated-quote.csv",
        "line 3: a quote (\") opened on this line is never closed",
    ),
    (
        "binary-junk.bin",
        "line 1: required column missing: practice_code, practice_name, registered_patients",
    ),
    // Commas (issue 10, class 5): thousands separators only where they group by three.
    (
        "comma-decimal.csv",
        "line 3, field registered_patients: \"4029,25\" is not a number; the file seems to use a comma as the decimal mark: save it with a full stop as the decimal mark (4029.25)",
    ),
    (
        "comma-groups.csv",
        "line 3, field registered_patients: \"1,2,3,4\" is not a number; commas are only accepted between groups of three digits (9,846.25)",
    ),
    (
        "nhs-comma-decimal.csv",
        "line 3, field Number of Registered Patients (Last Known Figure): \"4857,5\" is not a number; the file seems to use a comma as the decimal mark",
    ),
    // Codes differing only in case or spaces (class 6) are one code, so a duplicate.
    (
        "case-duplicate-practice.csv",
        "line 3, field practice_code: practice A81001 appears again (first on line 2)",
    ),
    (
        "nhs-case-duplicate.csv",
        "line 3, field Practice Code: practice H82003 appears again (first on line 2)",
    ),
    (
        "case-duplicate-practice.ron",
        "field practices[1].code: practice code X80013 appears more than once",
    ),
    (
        "case-duplicate-hub.ron",
        "field hubs[1].code: hub code X10001 is used by more than one hub",
    ),
    // Control and direction characters (class 9).
    (
        "escape-in-name.csv",
        "line 3, field practice_name: contains the control or direction character U+001B (not allowed in text)",
    ),
    (
        "bidi-in-name.csv",
        "line 3, field practice_name: contains the control or direction character U+202E (not allowed in text)",
    ),
    (
        "escape-in-hub-name.ron",
        "line 68, field hubs[0].name: contains the control or direction character U+001B (not allowed in text)",
    ),
    (
        "bidi-in-title.ron",
        "field title: contains the control or direction character U+202E (not allowed in text)",
    ),
    // Encodings, line ends, empty scenarios, long values, counts (class 12).
    (
        "utf16.csv",
        "the file is saved as UTF-16 ('Unicode text'); save it as CSV UTF-8",
    ),
    (
        "utf16-no-bom.csv",
        "the file is saved as UTF-16 ('Unicode text'); save it as CSV UTF-8",
    ),
    (
        "utf16.ron",
        "the file is saved as UTF-16 ('Unicode text'); save it as UTF-8",
    ),
    (
        "empty.ron",
        "the file is empty: it is not a pcn-explorer scenario file",
    ),
    (
        "whitespace.ron",
        "the file is empty: it is not a pcn-explorer scenario file",
    ),
    (
        "cr-only.csv",
        "line 3, field registered_patients: -250 is negative",
    ),
    (
        "long-number.csv",
        "line 3, field registered_patients: 1e150 is too large",
    ),
    (
        "missing-62-practices.ron",
        "62 problems\n  line 78, field assignments[\"Z00000\"]: practice Z00000 is assigned to hub X10001 but is not in the file's practices",
    ),
    // Unreadable values are named, not dropped (class 8).
    (
        "nhs-bad-close-date.csv",
        "line 3, field Practice Close Date: \"31st March\" is not a date (DD/MM/YYYY), so it is not known whether the practice is open",
    ),
    // NHS payments CSV.
    (
        "nhs-missing-column.csv",
        "line 1: required column missing: Number of Weighted Patients (Last Known Figure)",
    ),
    (
        "nhs-wrong-field-count.csv",
        "line 3: has 3 fields, the header has 10",
    ),
    (
        "nhs-negative.csv",
        "line 3, field Number of Weighted Patients (Last Known Figure): -3 is negative",
    ),
    (
        "nhs-duplicate-practice.csv",
        "line 3, field Practice Code: practice H82003 appears again (first on line 2)",
    ),
];

#[test]
fn every_broken_file_gives_its_specific_message() {
    assert!(CASES.len() >= 20);
    for (name, expected) in CASES {
        let path = format!("{BROKEN}/{name}");
        let error = io::open_path(Path::new(&path), None)
            .err()
            .unwrap_or_else(|| panic!("{name} must not load"));
        let shown = error.to_string();
        let headline = format!("{path}: ");
        assert!(shown.starts_with(&headline), "{name}: {shown}");
        assert!(
            shown.contains(expected),
            "{name}:\n  got      {shown}\n  expected {expected}"
        );
    }
}

#[test]
fn every_file_in_the_corpus_is_tested() {
    let mut on_disk: Vec<String> = std::fs::read_dir(BROKEN)
        .expect("corpus")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|(name, _)| name.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn the_cli_reports_broken_files_on_stderr_with_a_failure_code() {
    for name in [
        "future-version.ron",
        "negative-list.csv",
        "binary-junk.bin",
        "deep-nesting.ron",
    ] {
        let path = format!("{BROKEN}/{name}");
        for command in ["check", "report"] {
            let output = Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
                .args([command, &path])
                .output()
                .expect("run");
            assert_eq!(output.status.code(), Some(1), "{command} {name}");
            assert!(output.stdout.is_empty());
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.starts_with(&format!("error: {path}: ")), "{stderr}");
        }
    }
}

#[test]
fn oversized_scenario_is_refused_before_parsing() {
    let big = vec![b' '; io::scenario_file::MAX_SCENARIO_BYTES + 1];
    let error = io::scenario_file::read_scenario("big.ron", &big).expect_err("too big");
    assert!(
        error.to_string().starts_with(
            "big.ron: the file is 64.0 MiB; scenario files over 64 MiB are not accepted"
        ),
        "{error}"
    );
}

#[test]
fn a_scenario_with_62_unknown_practices_says_62_and_lists_fifty() {
    let path = format!("{BROKEN}/missing-62-practices.ron");
    let error = io::open_path(Path::new(&path), None).expect_err("must not load");
    assert_eq!(error.total_problems, 62);
    let shown = error.to_string();
    assert!(shown.ends_with("… and 12 more problems"), "{shown}");
    assert_eq!(shown.lines().count(), 1 + 50 + 1, "{shown}");
}

#[test]
fn a_practice_csv_with_62_bad_rows_says_62_and_lists_fifty() {
    // The CSV readers keep the first fifty problems and count the rest (issue 10, class 12).
    let mut text = String::from("practice_code,practice_name,registered_patients\n");
    for row in 0..62 {
        text.push_str(&format!("A{row},PRACTICE {row},-{}\n", row + 1));
    }
    let error = io::open_bytes("bad.csv", text.as_bytes(), None).expect_err("must not load");
    assert_eq!(error.total_problems, 62, "{error}");
    let shown = error.to_string();
    assert!(shown.starts_with("bad.csv: 62 problems\n"), "{shown}");
    assert!(shown.ends_with("… and 12 more problems"), "{shown}");
    assert_eq!(shown.lines().count(), 1 + 50 + 1, "{shown}");
}
