//! A save killed at any moment leaves a loadable file: the previous one or the new one.

use pcn_explorer::io;
use std::process::Command;
use std::time::{Duration, Instant};

const ENGLAND: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/england_practices.csv"
);
const WEST_SUSSEX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/region_70F.csv");

#[test]
fn killing_import_at_random_moments_never_leaves_a_broken_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("plan.ron");
    let status = Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
        .args(["import", WEST_SUSSEX, "-o", &out.display().to_string()])
        .status()
        .expect("first import");
    assert!(status.success());
    // How long a whole import of England takes, to spread the kills over it.
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
        .args(["import", ENGLAND, "-o", &out.display().to_string()])
        .status()
        .expect("timed import");
    assert!(status.success());
    let full = started.elapsed().as_micros().max(1) as u64;
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..30 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let source = if round % 2 == 0 { WEST_SUSSEX } else { ENGLAND };
        let mut child = Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
            .args(["import", source, "-o", &out.display().to_string()])
            .spawn()
            .expect("spawn import");
        std::thread::sleep(Duration::from_micros(seed % (full + full / 4)));
        let _ = child.kill();
        let _ = child.wait();
        let loaded =
            io::open_path(&out, None).unwrap_or_else(|error| panic!("round {round}: {error}"));
        let practices = loaded.scenario.region().len();
        assert!(
            practices == 75 || practices == 6_488,
            "round {round}: {practices}"
        );
    }
}
