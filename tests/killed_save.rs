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

/// Every round kills a save while it is half way through writing (the save waits there for the
/// test, see `PAUSE_MID_WRITE_ENV`): the file keeps its previous content, the backup is intact,
/// and the next save removes what the killed one left.
#[test]
fn a_kill_in_the_middle_of_a_write_leaves_the_previous_file_and_its_backup() {
    use pcn_explorer::io::atomic::{PAUSE_MID_WRITE_ENV, backup_path};
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("plan.ron");
    let import = |source: &str| {
        let status = Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
            .args(["import", source, "-o", &out.display().to_string()])
            .status()
            .expect("import runs");
        assert!(status.success());
    };
    import(WEST_SUSSEX);
    import(ENGLAND);
    let practices = |path: &std::path::Path| {
        io::open_path(path, None)
            .unwrap_or_else(|error| panic!("{error}"))
            .scenario
            .region()
            .len()
    };
    let temps = || {
        std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
            .count()
    };
    for round in 0..3 {
        let marker = dir.path().join(format!("marker-{round}"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
            .args(["import", WEST_SUSSEX, "-o", &out.display().to_string()])
            .env(PAUSE_MID_WRITE_ENV, &marker)
            .spawn()
            .expect("spawn import");
        let started = Instant::now();
        while !marker.exists() && started.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(
            marker.exists(),
            "round {round}: the save reached the middle of its write"
        );
        child.kill().expect("kill");
        let _ = child.wait();
        // The kill landed half way through the new file: the old one is whole and unchanged.
        assert_eq!(practices(&out), 6_488, "round {round}");
        assert_eq!(practices(&backup_path(&out)), 75, "round {round}");
        assert!(
            temps() >= 1,
            "round {round}: the killed save's half file is there"
        );
    }
    // The next save that runs to the end replaces the file, keeps the old one as the backup and
    // removes every half file the killed saves left.
    import(WEST_SUSSEX);
    assert_eq!(practices(&out), 75);
    assert_eq!(practices(&backup_path(&out)), 6_488);
    assert_eq!(temps(), 0, "the killed saves' temporary files are gone");
}
