//! Snapshots and the decision log: save, overwrite, delete, restore and reasons, each undone
//! exactly; the scenario a snapshot describes; the reason carried into the comparison.

use pcn_explorer::model::compare::compare;
use pcn_explorer::model::{Action, ActionError, Document, Metrics, PracticeId, RuleYear, apply};

fn example() -> Document {
    Document::new(pcn_explorer::io::example::example_scenario(), true)
}

fn save(document: &mut Document, name: &str) {
    document
        .perform(Action::SaveSnapshot { name: name.into() })
        .expect("saved");
}

#[test]
fn save_restore_and_undo_flip_between_options_exactly() {
    let mut document = example();
    let start = document.scenario().clone();
    save(&mut document, "Option A");
    let to = start.hub_by_code("X10686").expect("hub");
    document
        .perform(Action::MovePractice {
            practice: PracticeId(0),
            to: Some(to),
        })
        .expect("move");
    document
        .perform(Action::SetReason {
            practice: PracticeId(0),
            reason: Some("Shares a building with Thornleigh".into()),
        })
        .expect("reason");
    save(&mut document, "Option B");
    let option_b = document.scenario().clone();
    assert_eq!(option_b.snapshots().len(), 2);

    // Switch to A: the assignment, hubs and reasons are A's; the snapshots stay.
    document
        .perform(Action::RestoreSnapshot {
            name: "Option A".into(),
        })
        .expect("restore");
    assert_eq!(document.scenario().assignment(), start.assignment());
    assert_eq!(document.scenario().reason(PracticeId(0)), None);
    assert_eq!(document.scenario().snapshots().len(), 2);
    assert!(document.scenario().index_is_consistent());
    assert_eq!(*document.metrics(), Metrics::compute(document.scenario()));

    // Undo the switch: back to B exactly.
    document.undo();
    assert_eq!(document.scenario(), &option_b);
    assert_eq!(*document.metrics(), Metrics::compute(&option_b));

    // Undo everything: back to the start, without snapshots.
    while document.undo().is_some() {}
    assert_eq!(document.scenario(), &start);
    assert!(document.scenario().snapshots().is_empty());
}

#[test]
fn overwrite_and_delete_are_undone_exactly() {
    let mut document = example();
    save(&mut document, "Option A");
    let first = document.scenario().snapshot("Option A").cloned();
    document
        .perform(Action::MovePractice {
            practice: PracticeId(3),
            to: None,
        })
        .expect("move");
    save(&mut document, "Option A"); // overwrite
    assert_ne!(document.scenario().snapshot("Option A").cloned(), first);
    document.undo();
    assert_eq!(document.scenario().snapshot("Option A").cloned(), first);
    document
        .perform(Action::DeleteSnapshot {
            name: "Option A".into(),
        })
        .expect("delete");
    assert!(document.scenario().snapshot("Option A").is_none());
    document.undo();
    assert_eq!(document.scenario().snapshot("Option A").cloned(), first);
}

#[test]
fn bad_snapshot_and_reason_actions_are_refused() {
    let mut scenario = pcn_explorer::io::example::example_scenario();
    let before = scenario.clone();
    let long = "x".repeat(201);
    for (action, error) in [
        (
            Action::SaveSnapshot { name: "  ".into() },
            ActionError::EmptySnapshotName,
        ),
        (
            Action::RestoreSnapshot {
                name: "Nope".into(),
            },
            ActionError::UnknownSnapshot("Nope".into()),
        ),
        (
            Action::DeleteSnapshot {
                name: "Nope".into(),
            },
            ActionError::UnknownSnapshot("Nope".into()),
        ),
        (
            Action::SetReason {
                practice: PracticeId(0),
                reason: Some(long),
            },
            ActionError::TextTooLong {
                chars: 201,
                max: 200,
            },
        ),
        (
            Action::SetReason {
                practice: PracticeId(9_999),
                reason: Some("x".into()),
            },
            ActionError::UnknownPractice(9_999),
        ),
    ] {
        assert_eq!(apply(&mut scenario, action), Err(error));
        assert_eq!(scenario, before);
    }
}

#[test]
fn from_snapshot_builds_the_option_and_the_comparison_carries_the_reason() {
    let mut document = example();
    save(&mut document, "Today");
    let to = document.scenario().hub_by_code("X10686").expect("hub");
    document
        .perform(Action::Batch(vec![
            Action::MovePractice {
                practice: PracticeId(0),
                to: Some(to),
            },
            Action::SetReason {
                practice: PracticeId(0),
                reason: Some("Same estate".into()),
            },
        ]))
        .expect("move with reason");
    save(&mut document, "Option B");
    let scenario = document.scenario();
    let today = scenario.from_snapshot("Today").expect("snapshot");
    let option_b = scenario.from_snapshot("Option B").expect("snapshot");
    assert!(today.snapshots().is_empty());
    assert_eq!(option_b.assignment(), scenario.assignment());
    let comparison = compare(&today, &option_b, RuleYear::Y2025_26).expect("same region");
    assert_eq!(comparison.moves.len(), 1);
    assert_eq!(comparison.moves[0].reason.as_deref(), Some("Same estate"));
    assert!(scenario.from_snapshot("Missing").is_none());
}
