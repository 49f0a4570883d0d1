//! Merging laptops' files of one workshop: moves made on one side only combine (equal to
//! applying both sets of actions), every kind of conflict is reported and never settled
//! silently, new hub codes of two laptops never collide, and the command line lists conflicts
//! and fails unless --prefer settles them.

use pcn_explorer::io::example::example_scenario;
use pcn_explorer::io::scenario_file::{read_scenario, save_scenario};
use pcn_explorer::model::merge::{
    self, Conflict, MergeError, Side, conflicts, merge_options, merge_preferring, same_option,
};
use pcn_explorer::model::{
    Action, Hub, HubId, PracticeId, Scenario, Snapshot, WORKSHOP_START, apply,
};
use proptest::prelude::*;
use std::process::{Command, Output};

fn practice(scenario: &Scenario, code: &str) -> PracticeId {
    scenario.region().id_of(code).expect("practice")
}

fn hub(scenario: &Scenario, code: &str) -> HubId {
    scenario.hub_by_code(code).expect("hub")
}

fn moved(scenario: &Scenario, code: &str, to: &str) -> Action {
    Action::MovePractice {
        practice: practice(scenario, code),
        to: Some(hub(scenario, to)),
    }
}

/// The example as a workshop start: the same file on every laptop.
fn start() -> Scenario {
    let mut scenario = example_scenario();
    apply(
        &mut scenario,
        Action::Batch(vec![
            Action::SaveSnapshot {
                name: WORKSHOP_START.into(),
            },
            Action::SetWorkshopId(Some("W-TEST".into())),
        ]),
    )
    .expect("start");
    scenario
}

fn option_after(start: &Scenario, actions: Vec<Action>) -> Scenario {
    let mut scenario = start.clone();
    for action in actions {
        apply(&mut scenario, action).expect("applies");
    }
    scenario
}

#[test]
fn moves_on_different_practices_combine_as_if_both_were_made_on_one_laptop() {
    let base = start();
    let a_moves = vec![
        moved(&base, "X80013", "X10960"),
        moved(&base, "X80351", "X10001"),
    ];
    let b_moves = vec![moved(&base, "X80377", "X10275")];
    let a = option_after(&base, a_moves.clone());
    let b = option_after(&base, b_moves.clone());
    let both = option_after(&base, a_moves.into_iter().chain(b_moves).collect());
    let base_option = base.snapshot(WORKSHOP_START).expect("start").clone();
    assert_eq!(
        conflicts(&base_option, &a.current_option(), &b.current_option()),
        Ok(vec![])
    );
    let merged =
        merge_options(&base_option, &a.current_option(), &b.current_option(), &[]).expect("merges");
    assert!(same_option(&merged, &both.current_option()));
    // In the window: one action, one undo step, from A's document.
    let mut document = pcn_explorer::model::Document::new(a.clone(), true);
    document
        .perform(Action::ReplaceOption(Box::new(merged)))
        .expect("merge");
    assert!(same_option(
        &document.scenario().current_option(),
        &both.current_option()
    ));
    document.undo();
    assert!(*document.scenario() == a);
}

#[test]
fn each_kind_of_conflict_is_listed_and_never_settled_without_a_choice() {
    let base = start();
    let start_option = base.snapshot(WORKSHOP_START).expect("start").clone();
    // The same practice to two different hubs.
    let a = option_after(&base, vec![moved(&base, "X80013", "X10960")]);
    let b = option_after(&base, vec![moved(&base, "X80013", "X10275")]);
    let found = conflicts(&start_option, &a.current_option(), &b.current_option()).expect("ok");
    assert_eq!(
        found,
        vec![Conflict::PracticeMoved {
            practice: practice(&base, "X80013"),
            a: Some("X10960".into()),
            b: Some("X10275".into()),
        }]
    );
    assert_eq!(
        merge_options(&start_option, &a.current_option(), &b.current_option(), &[]),
        Err(MergeError::Unresolved { count: 1 })
    );
    let for_b = merge_preferring(
        &start_option,
        &a.current_option(),
        &b.current_option(),
        Side::B,
    )
    .expect("settled");
    let x80013 = practice(&base, "X80013").index();
    let code = |s: &Snapshot| {
        s.hubs[&s.assignment[x80013].expect("in a hub")]
            .code
            .clone()
    };
    assert_eq!(code(&for_b), "X10275");

    // A hub renamed differently on both sides.
    let eastbrook = hub(&base, "X10960");
    let rename = |name: &str| Action::RenameHub {
        id: eastbrook,
        name: name.into(),
    };
    let a = option_after(&base, vec![rename("Eastbrook North")]);
    let b = option_after(&base, vec![rename("Eastbrook & Vale")]);
    let found = conflicts(&start_option, &a.current_option(), &b.current_option()).expect("ok");
    assert_eq!(
        found,
        vec![Conflict::HubRenamed {
            code: "X10960".into(),
            a: "Eastbrook North".into(),
            b: "Eastbrook & Vale".into(),
        }]
    );

    // A hub deleted on A and given a practice on B.
    let a = option_after(&base, vec![Action::DeleteHub { id: eastbrook }]);
    let b = option_after(&base, vec![moved(&base, "X80351", "X10960")]);
    let found = conflicts(&start_option, &a.current_option(), &b.current_option()).expect("ok");
    assert_eq!(
        found,
        vec![Conflict::HubDeletedAndUsed {
            code: "X10960".into(),
            deleted_on: Side::A,
        }]
    );
    // Settled for B, the hub stays with its own practices and B's newcomer.
    let kept = merge_preferring(
        &start_option,
        &a.current_option(),
        &b.current_option(),
        Side::B,
    )
    .expect("settled");
    assert!(same_option(&kept, &b.current_option()));
    // Settled for A, it is gone and its practices are unassigned.
    let gone = merge_preferring(
        &start_option,
        &a.current_option(),
        &b.current_option(),
        Side::A,
    )
    .expect("settled");
    assert!(gone.hubs.values().all(|hub| hub.code != "X10960"));
    // Deleted on A and untouched on B: deleted, no conflict.
    let b = option_after(&base, vec![moved(&base, "X80377", "X10001")]);
    assert_eq!(
        conflicts(&start_option, &a.current_option(), &b.current_option()),
        Ok(vec![])
    );
}

#[test]
fn files_of_different_starts_are_refused_with_a_message_that_says_so() {
    let a = start();
    let mut b = example_scenario();
    apply(
        &mut b,
        Action::Batch(vec![
            Action::SaveSnapshot {
                name: WORKSHOP_START.into(),
            },
            Action::SetWorkshopId(Some("W-OTHER".into())),
        ]),
    )
    .expect("other start");
    let error = merge::window_merge_base(&a, &b).expect_err("refused");
    assert!(
        error.to_string().contains("do not share a start"),
        "{error}"
    );
    let error = merge::window_merge_base(&a, &example_scenario()).expect_err("no start");
    assert!(
        error.to_string().contains("has no workshop start"),
        "{error}"
    );
    assert!(merge::check_merge_inputs(&a, &a, &b).is_err());
}

proptest! {
    /// New hubs made on two laptops (different tags) never share a code, whatever each makes.
    #[test]
    fn hub_codes_made_on_two_laptops_never_collide(
        tags in ("[0-9A-HJKMNP-TV-Z]{6}", "[0-9A-HJKMNP-TV-Z]{6}"),
        counts in (1usize..12, 1usize..12),
    ) {
        prop_assume!(tags.0 != tags.1);
        let base = start();
        let make = |tag: &str, count: usize| {
            let mut scenario = base.clone();
            for n in 0..count {
                let code = scenario.next_hub_code_tagged(tag);
                let id = scenario.next_hub_id();
                apply(&mut scenario, Action::CreateHub {
                    id,
                    hub: Hub { code, name: format!("New {n}"), colour: 0 },
                    members: Vec::new(),
                }).expect("created");
            }
            scenario
        };
        let (a, b) = (make(&tags.0, counts.0), make(&tags.1, counts.1));
        let new_codes = |s: &Scenario| -> std::collections::BTreeSet<String> {
            s.hubs().values().map(|h| h.code.clone()).filter(|c| base.hub_by_code(c).is_none()).collect()
        };
        let (codes_a, codes_b) = (new_codes(&a), new_codes(&b));
        prop_assert_eq!(codes_a.len(), counts.0);
        prop_assert!(codes_a.is_disjoint(&codes_b));
        // So the merge keeps every new hub of both sides, without a conflict.
        let start_option = base.snapshot(WORKSHOP_START).expect("start").clone();
        let merged = merge_options(&start_option, &a.current_option(), &b.current_option(), &[]);
        prop_assert!(merged.is_ok());
        let merged = merged.expect("merged");
        prop_assert_eq!(merged.hubs.len(), base.hubs().len() + counts.0 + counts.1);
    }
}

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
        .args(args)
        .output()
        .expect("run pcn-explorer")
}

#[test]
fn the_command_line_lists_conflicts_fails_and_settles_them_only_when_told() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = start();
    let path = |name: &str| dir.path().join(name).display().to_string();
    let a = option_after(
        &base,
        vec![
            moved(&base, "X80013", "X10960"),
            moved(&base, "X80351", "X10001"),
        ],
    );
    let b = option_after(&base, vec![moved(&base, "X80013", "X10275")]);
    for (name, scenario) in [("base.ron", &base), ("a.ron", &a), ("b.ron", &b)] {
        save_scenario(&dir.path().join(name), scenario).expect("save");
    }
    let out = path("merged.ron");
    let refused = cli(&[
        "merge",
        &path("base.ron"),
        &path("a.ron"),
        &path("b.ron"),
        "-o",
        &out,
    ]);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("1 conflict(s)"), "{message}");
    assert!(message.contains("X80013"), "{message}");
    assert!(message.contains("A moved it to"), "{message}");
    assert!(!std::path::Path::new(&out).exists(), "nothing written");

    let settled = cli(&[
        "merge",
        &path("base.ron"),
        &path("a.ron"),
        &path("b.ron"),
        "--prefer",
        "b",
        "-o",
        &out,
    ]);
    assert!(
        settled.status.success(),
        "{}",
        String::from_utf8_lossy(&settled.stderr)
    );
    let bytes = std::fs::read(&out).expect("merged file");
    let merged = read_scenario("merged.ron", &bytes).expect("loads").scenario;
    let code_of = |s: &Scenario, p: &str| {
        s.hub_of(practice(s, p))
            .and_then(|id| s.hub(id))
            .map(|h| h.code.clone())
    };
    assert_eq!(code_of(&merged, "X80013").as_deref(), Some("X10275"));
    assert_eq!(code_of(&merged, "X80351").as_deref(), Some("X10001"));
    assert_eq!(merged.workshop_id(), Some("W-TEST"));

    // The merged file cannot replace one of its inputs.
    let onto = cli(&[
        "merge",
        &path("base.ron"),
        &path("a.ron"),
        &path("b.ron"),
        "--prefer",
        "a",
        "-o",
        &path("a.ron"),
    ]);
    assert!(!onto.status.success());
}
