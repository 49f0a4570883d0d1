//! Snapshots and reasons in scenario files: save → load identity, files without them still load,
//! and bad codes inside them are named.

use pcn_explorer::io::example::example_scenario;
use pcn_explorer::io::scenario_file::{read_scenario, scenario_to_string};
use pcn_explorer::model::{Action, HubId, PracticeId, apply};

fn with_options() -> pcn_explorer::model::Scenario {
    let mut scenario = example_scenario();
    apply(
        &mut scenario,
        Action::SetReason {
            practice: PracticeId(1),
            reason: Some("Keeps \"the\" branch, £ é\nline two".into()),
        },
    )
    .expect("reason");
    apply(
        &mut scenario,
        Action::SaveSnapshot {
            name: "Option A".into(),
        },
    )
    .expect("save");
    apply(&mut scenario, Action::DeleteHub { id: HubId(2) }).expect("delete");
    apply(
        &mut scenario,
        Action::MovePractice {
            practice: PracticeId(0),
            to: None,
        },
    )
    .expect("move");
    apply(
        &mut scenario,
        Action::SaveSnapshot {
            name: "Option B – no Q".into(),
        },
    )
    .expect("save");
    apply(
        &mut scenario,
        Action::RestoreSnapshot {
            name: "Option A".into(),
        },
    )
    .expect("restore");
    scenario
}

#[test]
fn snapshots_and_reasons_round_trip() {
    let scenario = with_options();
    let text = scenario_to_string(&scenario);
    assert!(text.contains("snapshots:"), "{text}");
    assert!(text.contains("reasons:"), "{text}");
    let loaded = read_scenario("options.ron", text.as_bytes())
        .unwrap_or_else(|error| panic!("{error}\n{text}"));
    assert_eq!(loaded.scenario, scenario);
    assert_eq!(scenario_to_string(&loaded.scenario), text);
    let option_b = loaded.scenario.snapshot("Option B – no Q").expect("kept");
    assert!(!option_b.hubs.contains_key(&HubId(2)));
    assert_eq!(option_b.assignment[0], None);
}

#[test]
fn a_file_without_snapshots_writes_neither_field() {
    let text = scenario_to_string(&example_scenario());
    assert!(!text.contains("snapshots:"));
    assert!(!text.contains("reasons:"));
    assert!(text.contains("format_version: 1,"));
}

#[test]
fn unknown_codes_in_snapshots_and_reasons_are_named() {
    let text = scenario_to_string(&with_options());
    for (from, to, expected) in [
        (
            "\"X80013\": \"X10001\"",
            "\"ZZZ999\": \"X10001\"",
            "practice ZZZ999 is assigned to hub X10001 but is not in the file's practices",
        ),
        (
            "\"X80013\": \"X10001\"",
            "\"X80013\": \"NOPE1\"",
            "practice X80013 is assigned to hub NOPE1, which is not in the snapshot's hubs",
        ),
        (
            "reasons: {\n        \"",
            "reasons: {\n        \"Q1\": \"x\",\n        \"",
            "a reason is given for practice Q1, which is not in the file's practices",
        ),
    ] {
        // Break only the snapshots' copy (after `snapshots:`), or the top-level reasons.
        let broken = if expected.starts_with("a reason") {
            text.replacen(from, to, 1)
        } else {
            let (head, tail) = text.split_once("snapshots:").expect("has snapshots");
            format!("{head}snapshots:{}", tail.replacen(from, to, 1))
        };
        assert_ne!(broken, text, "{from}");
        let error = read_scenario("broken.ron", broken.as_bytes())
            .expect_err("refused")
            .to_string();
        assert!(error.contains(expected), "{error}");
        assert!(error.contains("broken.ron"), "{error}");
    }
}
