#![no_main]
//! Any bytes given to the practice CSV reader give a region or an error, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(data) = pcn_explorer::io::practice_csv::read_practice_csv("fuzz.csv", bytes) {
        let scenario = pcn_explorer::model::Scenario::baseline(
            std::sync::Arc::new(data.region),
            pcn_explorer::model::RuleYear::Y2025_26,
        );
        let _ = pcn_explorer::model::Metrics::compute(&scenario);
    }
});
