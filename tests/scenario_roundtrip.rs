//! Saving a scenario and loading it again gives back exactly the same scenario: practices, hubs
//! with their ids in order, assignment, rule year, title and notes.

use pcn_explorer::io::atomic::backup_path;
use pcn_explorer::io::example::example_scenario;
use pcn_explorer::io::scenario_file::{read_scenario, save_scenario, scenario_to_string};
use pcn_explorer::io::{self};
use pcn_explorer::model::staffing::{self, Employer, PayArea, StaffRow};
use pcn_explorer::model::{
    Action, Base, Hub, HubId, LocalLine, PaidTo, Patients, PracticeId, Rate, RateOverride, RuleSet,
    RuleYear, Scenario, apply,
};
use std::sync::Arc;

/// The rule file for a year the app does not know, as a user loads it.
fn rules_2027() -> RuleSet {
    pcn_explorer::io::rules_file::open_rule_file(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/rules/2027-28.ron"
    )))
    .expect("test rule file")
}
use proptest::prelude::*;
use std::path::Path;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

fn round_trip(scenario: &Scenario) -> Scenario {
    let text = scenario_to_string(scenario);
    let loaded = read_scenario("round-trip.ron", text.as_bytes())
        .unwrap_or_else(|error| panic!("{error}\n{text}"));
    assert_eq!(
        scenario_to_string(&loaded.scenario),
        text,
        "writing is deterministic"
    );
    loaded.scenario
}

#[test]
fn real_regions_round_trip() {
    for file in [
        "region_70F.csv",
        "region_01H.csv",
        "region_03R.csv",
        "region_11N.csv",
        "region_16C.csv",
        "england_practices.csv",
    ] {
        let opened = io::open_path(Path::new(&format!("{DATA}/{file}")), None).expect("loads");
        assert_eq!(round_trip(&opened.scenario), opened.scenario, "{file}");
    }
    let raw = io::open_path(
        Path::new(&format!("{DATA}/nhs/payments-2022-23-practice.csv")),
        Some("70F"),
    )
    .expect("loads");
    assert_eq!(round_trip(&raw.scenario), raw.scenario);
}

#[test]
fn hub_ids_survive_deletes_and_notes_keep_newlines() {
    let mut scenario = example_scenario();
    apply(&mut scenario, Action::DeleteHub { id: HubId(2) }).expect("delete");
    apply(
        &mut scenario,
        Action::SetNotes("Line one\n\"quoted\" \\ tab\there\n— £ é".to_string()),
    )
    .expect("notes");
    apply(&mut scenario, Action::SetRuleYear(RuleYear::Y2022_23)).expect("year");
    let back = round_trip(&scenario);
    assert_eq!(back, scenario);
    assert!(back.hub(HubId(2)).is_none());
    assert!(back.hub(HubId(7)).is_some());
    assert!(scenario_to_string(&scenario).contains("rule_year: \"2022-23\""));
}

#[test]
fn assignments_are_one_per_line_and_practices_one_per_line() {
    let text = scenario_to_string(&example_scenario());
    assert!(
        text.contains("\n        \"X80013\": \"X10001\",\n"),
        "{text}"
    );
    let practice_lines = text
        .lines()
        .filter(|line| line.trim_start().starts_with("(code: \"X80"))
        .count();
    assert_eq!(practice_lines, 41);
    assert!(text.contains("format_version: 1,"));
}

#[test]
fn save_is_atomic_and_keeps_the_previous_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.ron");
    let first = example_scenario();
    save_scenario(&path, &first).expect("first save");
    let mut second = first.clone();
    apply(&mut second, Action::SetTitle("Second".to_string())).expect("title");
    save_scenario(&path, &second).expect("second save");
    let loaded = io::open_path(&path, None).expect("loads");
    assert_eq!(loaded.scenario, second);
    let backup = io::open_path(&backup_path(&path), None).expect("backup loads");
    assert_eq!(backup.scenario, first);
    assert!(backup_path(&path).ends_with("plan.ron.bak"));
    let entries = std::fs::read_dir(dir.path()).expect("list").count();
    assert_eq!(entries, 2, "only plan.ron and plan.ron.bak remain");
    let error =
        save_scenario(&dir.path().join("missing/plan.ron"), &second).expect_err("no folder");
    assert!(
        format!("{error:#}").contains("missing/plan.ron"),
        "{error:#}"
    );
}

/// One random step; indices are taken modulo what exists.
#[derive(Debug, Clone)]
enum Step {
    Move(usize, Option<usize>),
    Create(String, Vec<usize>),
    Delete(usize),
    Rename(usize, String),
    Merge(usize, usize),
    Year(usize),
    Title(String),
    Notes(String),
    Reason(usize, Option<String>),
    SaveSnapshot(usize),
    DeleteSnapshot(usize),
    /// Override (or reset) the rate of the `n`th term of the year's rules, to ten-thousandths.
    Rate(usize, Option<i64>, String),
    /// Add (or remove) local line `local_{n % 3}` on a base with a rate in ten-thousandths.
    LocalLine(usize, Option<(usize, i64)>),
    /// Enter (or clear) a practice's adjusted population, hundredths.
    Adjusted(usize, Option<i64>),
    /// Load (or remove) the test rule file for 2027-28; switch to it half the time.
    LoadRules(bool, bool),
    /// Put staff rows (role, WTE hundredths, cost in pence, start month) on a practice or a hub.
    Staff(usize, bool, Vec<(usize, i64, Option<i64>, u8)>),
    /// London weighting of a hub.
    PayArea(usize, usize),
}

const SNAPSHOT_NAMES: [&str; 3] = ["Option A", "Option B", "Option C"];

fn step() -> impl Strategy<Value = Step> {
    let name = "[A-Za-z0-9 &'\"\\\\,.()£é—-]{1,40}";
    prop_oneof![
        4 => (any::<usize>(), proptest::option::of(any::<usize>())).prop_map(|(p, h)| Step::Move(p, h)),
        1 => (name, proptest::collection::vec(any::<usize>(), 0..5)).prop_map(|(n, m)| Step::Create(n, m)),
        1 => any::<usize>().prop_map(Step::Delete),
        1 => (any::<usize>(), name).prop_map(|(h, n)| Step::Rename(h, n)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Step::Merge(a, b)),
        1 => any::<usize>().prop_map(Step::Year),
        1 => name.prop_map(Step::Title),
        1 => "(?s).{0,200}".prop_map(Step::Notes),
        2 => (any::<usize>(), proptest::option::of(name)).prop_map(|(p, r)| Step::Reason(p, r)),
        2 => any::<usize>().prop_map(Step::SaveSnapshot),
        1 => any::<usize>().prop_map(Step::DeleteSnapshot),
        2 => (any::<usize>(), proptest::option::of(0i64..200_000), "[A-Za-z0-9 ,.£é'-]{0,40}")
            .prop_map(|(t, r, n)| Step::Rate(t, r, n)),
        1 => (any::<usize>(), proptest::option::of((any::<usize>(), 0i64..500_000)))
            .prop_map(|(n, l)| Step::LocalLine(n, l)),
        2 => (any::<usize>(), proptest::option::of(0i64..10_000_000))
            .prop_map(|(p, a)| Step::Adjusted(p, a)),
        1 => (any::<bool>(), any::<bool>()).prop_map(|(load, switch)| Step::LoadRules(load, switch)),
        2 => (
            any::<usize>(),
            any::<bool>(),
            proptest::collection::vec((any::<usize>(), 1i64..10_000, proptest::option::of(0i64..1_000_000_000), 0u8..12), 0..4),
        )
            .prop_map(|(n, on_practice, rows)| Step::Staff(n, on_practice, rows)),
        1 => (any::<usize>(), 0usize..3).prop_map(|(h, a)| Step::PayArea(h, a)),
    ]
}

fn to_action(scenario: &Scenario, step: Step) -> Option<Action> {
    let hubs: Vec<HubId> = scenario.hubs().keys().copied().collect();
    let practices = scenario.region().len();
    let hub = |index: usize| (!hubs.is_empty()).then(|| hubs[index % hubs.len()]);
    let practice = |index: usize| PracticeId((index % practices) as u32);
    Some(match step {
        Step::Move(p, h) => Action::MovePractice {
            practice: practice(p),
            to: match h {
                Some(h) => Some(hub(h)?),
                None => None,
            },
        },
        Step::Create(name, members) => Action::CreateHub {
            id: scenario.next_hub_id(),
            hub: Hub {
                code: scenario.next_hub_code(),
                name,
                colour: scenario.least_used_colour(8),
            },
            members: members.into_iter().map(practice).collect(),
        },
        Step::Delete(h) => Action::DeleteHub { id: hub(h)? },
        Step::Rename(h, name) => Action::RenameHub { id: hub(h)?, name },
        Step::Merge(a, b) => Action::MergeHubs {
            into: hub(a)?,
            from: hub(b)?,
        },
        Step::Year(y) => {
            let years = scenario.years();
            Action::SetRuleYear(years[y % years.len()])
        }
        Step::Title(title) => Action::SetTitle(title),
        Step::Notes(notes) => Action::SetNotes(notes),
        Step::Reason(p, reason) => Action::SetReason {
            practice: practice(p),
            reason,
        },
        Step::SaveSnapshot(n) => Action::SaveSnapshot {
            name: SNAPSHOT_NAMES[n % 3].into(),
        },
        Step::DeleteSnapshot(n) => Action::DeleteSnapshot {
            name: SNAPSHOT_NAMES[n % 3].into(),
        },
        Step::Rate(term, rate, note) => {
            let year = scenario.rule_year();
            let terms: Vec<(String, Base)> = scenario
                .rules_of(year)
                .lines
                .iter()
                .flat_map(|line| line.terms.iter().map(|t| (line.id.clone(), t.base)))
                .collect();
            let (line, base) = terms.get(term % terms.len().max(1))?.clone();
            Action::SetRate {
                year,
                line,
                base,
                rate: rate.map(|rate| RateOverride {
                    rate: Rate(rate),
                    note,
                }),
            }
        }
        Step::LocalLine(n, line) => Action::PutLocalLine {
            year: scenario.rule_year(),
            id: format!("local_{}", n % 3),
            line: line.map(|(base, rate)| LocalLine {
                name: format!("ICB local line {}", n % 3),
                base: [
                    Base::Registered,
                    Base::Weighted,
                    Base::Adjusted,
                    Base::PerBed,
                ][base % 4],
                rate: Rate(rate),
                paid_to: if base % 2 == 0 {
                    PaidTo::Network
                } else {
                    PaidTo::Practice
                },
                note: "ICB letter".into(),
            }),
        },
        Step::Adjusted(p, value) => Action::SetAdjusted {
            entries: vec![(practice(p), value.map(Patients))],
        },
        Step::Staff(n, on_practice, rows) => {
            let roles = &staffing::catalogue().roles;
            Action::SetStaffRows {
                employer: if on_practice {
                    Employer::Practice(practice(n))
                } else {
                    Employer::Network(hub(n)?)
                },
                rows: rows
                    .into_iter()
                    .map(|(role, wte, cost, start_month)| StaffRow {
                        role: roles[role % roles.len()].id.clone(),
                        wte: pcn_explorer::model::Fte(wte),
                        annual_cost: cost.map(pcn_explorer::model::Pence),
                        start_month,
                    })
                    .collect(),
            }
        }
        Step::PayArea(h, area) => Action::SetPayArea {
            hub: hub(h)?,
            area: PayArea::ALL[area % 3],
        },
        Step::LoadRules(load, switch) => {
            let year = RuleYear::from_label("2027-28")?;
            let set = load.then(|| Arc::new(rules_2027()));
            if switch && load {
                Action::Batch(vec![
                    Action::PutRuleSet { year, set },
                    Action::SetRuleYear(year),
                ])
            } else {
                Action::PutRuleSet { year, set }
            }
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn save_then_load_is_the_identity(steps in proptest::collection::vec(step(), 0..40)) {
        let mut scenario = example_scenario();
        for step in steps {
            if let Some(action) = to_action(&scenario, step) {
                let _ = apply(&mut scenario, action);
            }
        }
        let back = round_trip(&scenario);
        prop_assert!(back == scenario);
        prop_assert!(back.index_is_consistent());
        // Snapshots and reasons are part of what must survive, not only the current option;
        // so are rate corrections, loaded rule sets and entered adjusted populations.
        prop_assert_eq!(back.snapshots(), scenario.snapshots());
        prop_assert_eq!(back.reasons(), scenario.reasons());
        prop_assert_eq!(back.rule_edits(), scenario.rule_edits());
        prop_assert_eq!(back.loaded_rule_sets(), scenario.loaded_rule_sets());
        prop_assert_eq!(back.adjusted_entries(), scenario.adjusted_entries());
        prop_assert_eq!(back.staff(), scenario.staff());
    }

    /// Every case carries at least one snapshot and one reason, so the optional parts of the
    /// file are always exercised.
    #[test]
    fn snapshots_and_reasons_round_trip(
        steps in proptest::collection::vec(step(), 0..20),
        // A reason has something to say: one that is only spaces is no reason, and the model
        // keeps none (the first character is not a space).
        reason in "[A-Za-z0-9,.£é'\"-][A-Za-z0-9 ,.£é'\"-]{0,59}",
        practice in any::<usize>(),
    ) {
        let mut scenario = example_scenario();
        for step in steps {
            if let Some(action) = to_action(&scenario, step) {
                let _ = apply(&mut scenario, action);
            }
        }
        let practice = PracticeId((practice % scenario.region().len()) as u32);
        apply(&mut scenario, Action::SetReason { practice, reason: Some(reason.clone()) })
            .expect("reason");
        apply(&mut scenario, Action::SaveSnapshot { name: "Option Z".into() }).expect("snapshot");
        let back = round_trip(&scenario);
        prop_assert!(back == scenario);
        prop_assert_eq!(back.reason(practice), Some(reason.as_str()));
        prop_assert!(back.snapshot("Option Z").is_some());
        prop_assert_eq!(back.snapshots(), scenario.snapshots());
    }
}

fn practice_strategy() -> impl Strategy<Value = pcn_explorer::model::Practice> {
    use pcn_explorer::model::{Beds, Fte, LatLon, Patients, Practice};
    (
        (
            0i64..=100_000_000_000,
            proptest::option::of(0i64..=100_000_000_000),
        ),
        (
            proptest::option::of(0i64..100_000),
            proptest::option::of(0i64..100_000),
        ),
        proptest::option::of((49.0f64..=61.0, -8.7f64..=2.0)),
        (
            proptest::option::of(0i64..1_000_000),
            proptest::option::of(0i64..=100_000_000_000),
        ),
        "[A-Z][A-Z '&,]{0,29}",
    )
        .prop_map(
            |((registered, weighted), (gp, nurse), location, (beds, earlier), name)| {
                let mut practice = Practice::new("P", name, Patients(registered));
                practice.earlier_registered = earlier.map(Patients);
                practice.weighted_patients = weighted.map(Patients);
                practice.adjusted_patients = weighted.map(|w| Patients(w / 2));
                practice.gp_fte = gp.map(Fte);
                practice.nurse_fte = nurse.map(Fte);
                practice.care_home_beds = beds.map(Beds);
                practice.location = location.map(|(lat, lon)| LatLon { lat, lon });
                practice
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_practice_figures_round_trip(practices in proptest::collection::vec(practice_strategy(), 1..20)) {
        use std::sync::Arc;
        let practices: Vec<_> = practices
            .into_iter()
            .enumerate()
            .map(|(index, mut practice)| {
                practice.code = format!("P{index}");
                practice
            })
            .collect();
        let mut region = pcn_explorer::model::Region::new("Random", practices, Default::default())
            .expect("valid region");
        // Lists at two dates, so that the earlier lists mean something.
        region.snapshot_date = "2026-04-01".to_string();
        region.earlier_list_date = "2021-01-01".to_string();
        let scenario = Scenario::baseline(Arc::new(region), RuleYear::Y2024_25);
        prop_assert!(round_trip(&scenario) == scenario);
    }
}
