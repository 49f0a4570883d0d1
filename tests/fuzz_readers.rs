//! Arbitrary and mutated bytes fed to every reader: an error is fine, a panic is not.

use pcn_explorer::io::{self, nhs_payments, practice_csv, scenario_file};
use proptest::prelude::*;

const SCENARIO: &str = include_str!("../scenarios/riverford-option-a-split-stanmere-oakby.ron");
const PRACTICE_CSV: &str = include_str!("../assets/example/riverford.csv");
const NHS_CSV: &str = "\u{FEFF}CCG Code,Sub ICB NAME,Code,CCG NAME,Practice Code,Practice Name,Practice Close Date,Practice type,Number of Registered Patients (Last Known Figure),Number of Weighted Patients (Last Known Figure)\n\
70F,NHS SUSSEX ICB - 70F,U06871,BURGESS HILL & VILLAGES PCN,H82003,MEADOWS SURGERY,,GP practice,9846.25,8709.97\n\
70F,NHS SUSSEX ICB - 70F,Unknown or no PCN,Unknown or no PCN,H82043,LONE SURGERY,,GP practice,4857,5078.09\n\
01H,NHS NORTH EAST AND NORTH CUMBRIA ICB - 01H,U00639,CARLISLE PCN,A82003,FELL SURGERY,,GP practice,5000,5100\n";

fn every_reader(bytes: &[u8]) {
    let _ = practice_csv::read_practice_csv("fuzz.csv", bytes);
    let _ = nhs_payments::read_nhs_payments("fuzz.csv", bytes, None);
    let _ = nhs_payments::read_nhs_payments("fuzz.csv", bytes, Some("70F"));
    let _ = nhs_payments::list_regions(bytes);
    let _ = scenario_file::read_scenario("fuzz.ron", bytes);
    if let Ok(opened) = io::open_bytes("fuzz", bytes, Some("70F")) {
        // Whatever loads can be saved and loaded again.
        let text = scenario_file::scenario_to_string(&opened.scenario);
        let again = scenario_file::read_scenario("again.ron", text.as_bytes())
            .unwrap_or_else(|error| panic!("{error}\n{text}"));
        assert!(again.scenario == opened.scenario);
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
