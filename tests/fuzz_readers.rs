//! Arbitrary and mutated bytes fed to every reader: an error is fine, a panic is not.

use pcn_explorer::io::{self, LoadError, nhs_payments, practice_csv, scenario_file};
use pcn_explorer::model::{Metrics, Patients, Region, RuleYear, Scenario};
use proptest::prelude::*;
use std::sync::Arc;

const SCENARIO: &str = include_str!("../scenarios/riverford-option-a-split-stanmere-oakby.ron");
const PRACTICE_CSV: &str = include_str!("../assets/example/riverford.csv");
const NHS_CSV: &str = "\u{FEFF}CCG Code,Sub ICB NAME,Code,CCG NAME,Practice Code,Practice Name,Practice Close Date,Practice type,Number of Registered Patients (Last Known Figure),Number of Weighted Patients (Last Known Figure)\n\
70F,NHS SUSSEX ICB - 70F,U06871,BURGESS HILL & VILLAGES PCN,H82003,MEADOWS SURGERY,,GP practice,9846.25,8709.97\n\
70F,NHS SUSSEX ICB - 70F,Unknown or no PCN,Unknown or no PCN,H82043,LONE SURGERY,,GP practice,4857,5078.09\n\
01H,NHS NORTH EAST AND NORTH CUMBRIA ICB - 01H,U00639,CARLISLE PCN,A82003,FELL SURGERY,,GP practice,5000,5100\n";

/// A refusal names the file it refused and says at least one thing about why.
fn assert_names_the_file(error: &LoadError, file: &str) {
    assert_eq!(error.file, file);
    assert!(!error.problems.is_empty());
    let text = error.to_string();
    assert!(text.starts_with(file), "{text}");
    assert!(
        error.problems.iter().all(|p| !p.message.trim().is_empty()),
        "{text}"
    );
}

/// Figures of whatever loaded: the hubs and the unassigned add up to the region, as the
/// window and the report would show them.
fn assert_figures_add_up(region: Region) {
    let registered: Patients = region
        .practices()
        .iter()
        .map(|p| p.registered_patients)
        .sum();
    let scenario = Scenario::baseline(Arc::new(region), RuleYear::Y2024_25);
    let metrics = Metrics::compute(&scenario);
    let hubs: Patients = metrics.hubs.values().map(|h| h.registered).sum();
    assert_eq!(hubs + metrics.unassigned.registered, registered);
    assert_eq!(metrics.region.registered, registered);
}

fn every_reader(bytes: &[u8]) {
    match practice_csv::read_practice_csv("fuzz.csv", bytes) {
        Ok(data) => assert_figures_add_up(data.region),
        Err(error) => assert_names_the_file(&error, "fuzz.csv"),
    }
    for region in [None, Some("70F")] {
        match nhs_payments::read_nhs_payments("fuzz.csv", bytes, region) {
            Ok(data) => assert_figures_add_up(data.region),
            Err(error) => assert_names_the_file(&error, "fuzz.csv"),
        }
    }
    let _ = nhs_payments::list_regions(bytes);
    match scenario_file::read_scenario("fuzz.ron", bytes) {
        Ok(loaded) => {
            let metrics = Metrics::compute(&loaded.scenario);
            assert_eq!(
                metrics.region.registered,
                loaded
                    .scenario
                    .region()
                    .practices()
                    .iter()
                    .map(|p| p.registered_patients)
                    .sum()
            );
        }
        Err(error) => assert_names_the_file(&error, "fuzz.ron"),
    }
    match io::open_bytes("fuzz", bytes, Some("70F")) {
        Ok(opened) => {
            // Whatever loads can be saved and loaded again.
            let text = scenario_file::scenario_to_string(&opened.scenario);
            let again = scenario_file::read_scenario("again.ron", text.as_bytes())
                .unwrap_or_else(|error| panic!("{error}\n{text}"));
            assert!(again.scenario == opened.scenario);
        }
        Err(error) => assert_names_the_file(&error, "fuzz"),
    }
}

/// A valid file with a few random byte edits.
fn mutated(base: &'static str) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..8).prop_map(move |edits| {
        let mut bytes = base.as_bytes().to_vec();
        for (position, byte, kind) in edits {
            let at = position % (bytes.len() + 1);
            match kind {
                0 => bytes.insert(at, byte),
                1 if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ if at < bytes.len() => bytes[at] = byte,
                _ => bytes.push(byte),
            }
        }
        bytes
    })
}

/// A valid file cut short anywhere.
fn truncated(base: &'static str) -> impl Strategy<Value = Vec<u8>> {
    (0..=base.len()).prop_map(move |end| base.as_bytes()[..end].to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        every_reader(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(?s).{0,512}") {
        every_reader(text.as_bytes());
        every_reader(format!("(format_version: 1, {text}").as_bytes());
        every_reader(format!("practice_code,practice_name,registered_patients\n{text}").as_bytes());
    }

    #[test]
    fn mutated_scenarios_never_panic(bytes in mutated(SCENARIO)) {
        every_reader(&bytes);
    }

    #[test]
    fn truncated_scenarios_never_panic(bytes in truncated(SCENARIO)) {
        every_reader(&bytes);
    }

    #[test]
    fn mutated_practice_csv_never_panics(bytes in mutated(PRACTICE_CSV)) {
        every_reader(&bytes);
    }

    #[test]
    fn mutated_nhs_csv_never_panics(bytes in mutated(NHS_CSV)) {
        every_reader(&bytes);
    }
}

/// Files damaged in ways that can never be valid are refused, naming the file.
#[test]
fn damaged_files_are_refused_with_the_file_named() {
    let cut = &SCENARIO[..SCENARIO.len() / 2];
    let error = scenario_file::read_scenario("cut.ron", cut.as_bytes()).expect_err("cut short");
    assert_names_the_file(&error, "cut.ron");
    let no_list = PRACTICE_CSV.replacen("5020.5", "many", 1);
    let error = practice_csv::read_practice_csv("edited.csv", no_list.as_bytes())
        .expect_err("a list that is not a number");
    assert_names_the_file(&error, "edited.csv");
    assert!(error.to_string().contains("registered_patients"), "{error}");
    let error = nhs_payments::read_nhs_payments("nhs.csv", &NHS_CSV.as_bytes()[..40], Some("70F"))
        .expect_err("header cut short");
    assert_names_the_file(&error, "nhs.csv");
}
