//! `pcn-explorer suggest` on the bundled example: the proved optimum as a table and as CSV,
//! `-o` writing a scenario with every hub in band, `--lock` keeping a practice, and a locked hub
//! too big for its band refused with the reason and a non-zero exit.

use pcn_explorer::io::scenario_file::read_scenario;
use pcn_explorer::model::{Band, Metrics};
use std::process::{Command, Output};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/scenarios/riverford-baseline.ron"
);

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
        .args(args)
        .output()
        .expect("run pcn-explorer")
}

#[test]
fn suggest_prints_the_proved_optimum_and_writes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("in-band.ron");
    let output = cli(&[
        "suggest",
        EXAMPLE,
        "--k",
        "1",
        "--seconds",
        "30",
        "-o",
        out.to_str().expect("path"),
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(text.starts_with("proved optimal"), "{text}");
    assert!(
        text.contains(
            "Alternative 1: 5 practice(s) moved, 60,474 patients; hubs in band 4 -> 8 of 8"
        ),
        "{text}"
    );
    assert!(
        text.contains("X80130,COPPER BEECH SURGERY,X10138,X10686,17584.75"),
        "{text}"
    );
    let written = read_scenario("in-band.ron", &std::fs::read(&out).expect("written"))
        .expect("reads")
        .scenario;
    let metrics = Metrics::compute(&written);
    assert!(
        metrics
            .hubs
            .values()
            .all(|hub| hub.band == Some(Band::Within))
    );
    // CSV: one row per move, the alternative first.
    let csv = cli(&[
        "suggest",
        EXAMPLE,
        "--k",
        "1",
        "--seconds",
        "30",
        "--format",
        "csv",
    ]);
    let csv = String::from_utf8_lossy(&csv.stdout);
    assert_eq!(
        csv.lines().next(),
        Some("alternative,practice_code,practice_name,from_hub,to_hub,registered_patients")
    );
    assert_eq!(csv.lines().count(), 6, "{csv}");
}

#[test]
fn a_locked_practice_stays_and_a_locked_hub_too_big_is_named() {
    let locked = cli(&[
        "suggest",
        EXAMPLE,
        "--k",
        "1",
        "--seconds",
        "30",
        "--lock",
        "x80130",
    ]);
    let text = String::from_utf8_lossy(&locked.stdout);
    assert!(
        locked.status.success(),
        "{}",
        String::from_utf8_lossy(&locked.stderr)
    );
    assert!(text.contains("Alternative 1:"), "{text}");
    assert!(!text.contains("X80130,"), "Copper Beech is locked: {text}");
    // Stanmere & Oakby has 71,276 registered patients: locked, it can never be in band.
    let refused = cli(&["suggest", EXAMPLE, "--lock-hub", "X10549", "--seconds", "5"]);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message
            .contains("the locked hub X10549 alone has 71,276 patients, above its band's 50,000"),
        "{message}"
    );
    let unknown = cli(&["suggest", EXAMPLE, "--lock", "Z99999"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("--lock Z99999"));
}
