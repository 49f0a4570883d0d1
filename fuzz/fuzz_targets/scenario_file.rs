#![no_main]
//! Any bytes given to the scenario loader give a scenario or an error, never a panic; a scenario
//! that loads saves and loads back to itself.

use libfuzzer_sys::fuzz_target;
use pcn_explorer::io::scenario_file::{read_scenario, scenario_to_string};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(loaded) = read_scenario("fuzz.ron", bytes) {
        let text = scenario_to_string(&loaded.scenario);
        let again = read_scenario("again.ron", text.as_bytes()).expect("a saved scenario loads");
        assert_eq!(again.scenario, loaded.scenario);
    }
});
