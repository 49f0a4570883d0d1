#![no_main]
//! Any bytes given to the NHS payments reader give a region or an error, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // Both with and without a chosen sub-ICB.
    let _ = pcn_explorer::io::nhs_payments::read_nhs_payments("fuzz.csv", bytes, None);
    let _ = pcn_explorer::io::nhs_payments::read_nhs_payments("fuzz.csv", bytes, Some("70F"));
});
