//! Actions, their inverses and the document history: table tests and proptest invariants.

use pcn_explorer::model::staffing::{self, Employer, MaximumOverride, PayArea, StaffRow};
use pcn_explorer::model::{
    Action, ActionError, Base, Beds, Document, Fte, Hub, HubId, LatLon, LocalLine, Metrics, PaidTo,
    Patients, Pence, Practice, PracticeId, Rate, RateOverride, Region, RuleYear, Scenario, apply,
};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One practice as the generator makes it, in the ranges of the real files (tests/data): lists
/// from 500 to 30,000 patients in quarters, weighted/registered 0.85–1.19, FTE, beds, an
/// adjusted list on some, and a location in England on most.
#[derive(Debug, Clone)]
struct PracticeSpec {
    registered_quarters: u32,
    weighted_percent: u32,
    gp_fte_tenths: Option<u32>,
    nurse_fte_tenths: Option<u32>,
    beds: Option<u32>,
    adjusted_percent: Option<u32>,
    location: Option<(f64, f64)>,
}

fn practice_spec() -> impl Strategy<Value = PracticeSpec> {
    (
        2_000u32..120_000,
        85u32..120,
        prop::option::weighted(0.9, 0u32..200),
        prop::option::weighted(0.9, 0u32..120),
        prop::option::weighted(0.3, 0u32..200),
        prop::option::weighted(0.3, 90u32..110),
        prop::option::weighted(0.9, (50.5f64..54.0, -2.5f64..0.5)),
    )
        .prop_map(
            |(registered_quarters, weighted_percent, gp, nurse, beds, adjusted, location)| {
                PracticeSpec {
                    registered_quarters,
                    weighted_percent,
                    gp_fte_tenths: gp,
                    nurse_fte_tenths: nurse,
                    beds,
                    adjusted_percent: adjusted,
                    location,
                }
            },
        )
}

/// The practices spread over `hubs` baseline hubs (every fifth practice unassigned).
fn region_of(specs: &[PracticeSpec], hubs: usize) -> Arc<Region> {
    let hub_names: BTreeMap<String, String> = (0..hubs)
        .map(|h| (format!("U{h:05}"), format!("HUB {h} PCN")))
        .collect();
    let practices = specs
        .iter()
        .enumerate()
        .map(|(index, spec)| {
            let registered = i64::from(spec.registered_quarters) * 25;
            let mut practice = Practice::new(
                format!("P{index:05}"),
                format!("PRACTICE {index}"),
                Patients(registered),
            );
            practice.weighted_patients = Some(Patients(
                registered * i64::from(spec.weighted_percent) / 100,
            ));
            // A list at an earlier date for most practices (growth), derived from the spec so
            // that practices differ: between 80 % and 115 % of today's.
            if index % 7 != 3 {
                practice.earlier_registered = Some(Patients(
                    registered * (80 + i64::from(spec.weighted_percent) % 36) / 100,
                ));
            }
            practice.adjusted_patients = spec
                .adjusted_percent
                .map(|percent| Patients(registered * i64::from(percent) / 100));
            practice.gp_fte = spec.gp_fte_tenths.map(|t| Fte(i64::from(t) * 10));
            practice.nurse_fte = spec.nurse_fte_tenths.map(|t| Fte(i64::from(t) * 10));
            practice.care_home_beds = spec.beds.map(|b| Beds(i64::from(b) * 100));
            practice.location = spec.location.map(|(lat, lon)| LatLon { lat, lon });
            if index % 5 != 4 && hubs > 0 {
                practice.baseline_hub = Some(format!("U{:05}", index % hubs));
            }
            practice
        })
        .collect();
    Arc::new(Region::new("test", practices, hub_names).expect("valid"))
}

fn example() -> Document {
    Document::new(pcn_explorer::io::example::example_scenario(), true)
}

fn figures_of(document: &Document, code: &str) -> (u32, Patients) {
    let id = document.scenario().hub_by_code(code).expect("hub exists");
    let figures = &document.metrics().hubs[&id];
    (figures.practices, figures.registered)
}

#[test]
fn move_updates_both_hubs_and_undo_redo_restore_exactly() {
    let mut document = example();
    let start = document.scenario().clone();
    let start_metrics = document.metrics().clone();
    let region = document.scenario().region_arc().clone();
    // The first practice of the example (St Aldric's, 5,020.50 patients) is in X10001.
    let practice = PracticeId(0);
    let list = Patients(502_050);
    assert_eq!(region.practices()[0].registered_patients, list);
    let (from_count, from_list) = figures_of(&document, "X10001");
    let (to_count, to_list) = figures_of(&document, "X10138");
    let to = document.scenario().hub_by_code("X10138").expect("hub");
    document
        .perform(Action::MovePractice {
            practice,
            to: Some(to),
        })
        .expect("valid move");
    assert_eq!(
        document.undo_label(),
        Some("Move St Aldric's Family Practice to Ashcombe & Wyle PCN")
    );
    assert!(document.is_modified());
    assert_eq!(
        figures_of(&document, "X10001"),
        (from_count - 1, from_list - list)
    );
    assert_eq!(
        figures_of(&document, "X10138"),
        (to_count + 1, to_list + list)
    );
    assert_eq!(*document.metrics(), Metrics::compute(document.scenario()));

    assert!(document.undo().is_some());
    assert_eq!(*document.scenario(), start);
    assert_eq!(*document.metrics(), start_metrics);
    assert!(!document.is_modified(), "back at the saved state");
    assert!(document.redo().is_some());
    assert_eq!(
        figures_of(&document, "X10138"),
        (to_count + 1, to_list + list)
    );
    assert!(document.is_modified());
}

#[test]
fn invalid_actions_are_refused_and_change_nothing() {
    let mut document = example();
    let before = document.scenario().clone();
    let hub = *document.scenario().hubs().keys().next().expect("a hub");
    let cases = [
        (
            Action::MovePractice {
                practice: PracticeId(9_999),
                to: Some(hub),
            },
            ActionError::UnknownPractice(9_999),
        ),
        (
            Action::MovePractice {
                practice: PracticeId(0),
                to: Some(HubId(777)),
            },
            ActionError::UnknownHub(777),
        ),
        (
            Action::DeleteHub { id: HubId(777) },
            ActionError::UnknownHub(777),
        ),
        (
            Action::RenameHub {
                id: hub,
                name: "  ".into(),
            },
            ActionError::EmptyHubName,
        ),
        (
            Action::MergeHubs {
                into: hub,
                from: hub,
            },
            ActionError::MergeIntoItself,
        ),
        (
            Action::CreateHub {
                id: hub,
                hub: Hub {
                    code: "NEW1".into(),
                    name: "New".into(),
                    colour: 0,
                },
                members: vec![],
            },
            ActionError::HubIdTaken(hub.0),
        ),
        (
            Action::CreateHub {
                id: HubId(500),
                hub: Hub {
                    code: "X10001".into(),
                    name: "Clash".into(),
                    colour: 0,
                },
                members: vec![],
            },
            ActionError::HubCodeTaken("X10001".into()),
        ),
        // A batch whose second step fails is rolled back whole.
        (
            Action::Batch(vec![
                Action::MovePractice {
                    practice: PracticeId(1),
                    to: None,
                },
                Action::DeleteHub { id: HubId(888) },
            ]),
            ActionError::UnknownHub(888),
        ),
    ];
    for (action, expected) in cases {
        assert_eq!(document.perform(action), Err(expected));
        assert_eq!(*document.scenario(), before);
        assert!(document.scenario().index_is_consistent());
        assert!(!document.can_undo());
    }
}

#[test]
fn delete_rename_merge_create_and_their_undo() {
    let mut document = example();
    let start = document.scenario().clone();
    let scenario = document.scenario();
    let a = scenario.hub_by_code("X10001").expect("hub");
    let b = scenario.hub_by_code("X10275").expect("hub");
    let members_a = scenario.member_count(a) as u32;
    let members_b = scenario.member_count(b) as u32;
    let unassigned = document.metrics().region.unassigned;

    document
        .perform(Action::DeleteHub { id: a })
        .expect("delete");
    assert!(document.scenario().hub(a).is_none());
    assert_eq!(document.metrics().region.unassigned, unassigned + members_a);

    // Merge a third hub into b, check its effect, and undo exactly that merge.
    let before_merge = document.scenario().clone();
    let d = *document
        .scenario()
        .hubs()
        .keys()
        .find(|hub| {
            **hub != b
                && document
                    .scenario()
                    .hub(**hub)
                    .is_some_and(|h| h.code != "X10412")
        })
        .expect("a third hub");
    let members_d = document.scenario().member_count(d) as u32;
    assert!(members_d > 0, "the merged hub has members to move");
    document
        .perform(Action::MergeHubs { into: b, from: d })
        .expect("merging two existing hubs is accepted");
    assert!(
        document.scenario().hub(d).is_none(),
        "the merged hub is gone"
    );
    assert_eq!(document.metrics().hubs[&b].practices, members_b + members_d);
    assert!(document.undo().is_some(), "the merge is undone");
    assert_eq!(document.scenario(), &before_merge);

    document
        .perform(Action::RenameHub {
            id: b,
            name: "Hollins & Friends PCN".into(),
        })
        .expect("rename");
    assert_eq!(
        document.scenario().hub(b).expect("hub").name,
        "Hollins & Friends PCN"
    );

    let c = document.scenario().hub_by_code("X10412").expect("hub");
    let members_c = document.scenario().member_count(c) as u32;
    document
        .perform(Action::MergeHubs { into: b, from: c })
        .expect("merge");
    assert_eq!(document.metrics().hubs[&b].practices, members_b + members_c);
    assert!(document.scenario().hub(c).is_none());

    let id = document.scenario().next_hub_id();
    let code = document.scenario().next_hub_code();
    assert_eq!(code, "NEW1");
    document
        .perform(Action::CreateHub {
            id,
            hub: Hub {
                code,
                name: "Riverside Hub".into(),
                colour: 3,
            },
            members: vec![PracticeId(0), PracticeId(1)],
        })
        .expect("create");
    assert_eq!(document.metrics().hubs[&id].practices, 2);
    assert_eq!(*document.metrics(), Metrics::compute(document.scenario()));

    while document.undo().is_some() {}
    assert_eq!(*document.scenario(), start);
    assert_eq!(*document.metrics(), Metrics::compute(&start));
}

#[test]
fn rule_year_change_recomputes_money() {
    let mut document = example();
    let before = document.metrics().region.total_funding;
    document
        .perform(Action::SetRuleYear(RuleYear::Y2022_23))
        .expect("year");
    assert!(document.metrics().region.total_funding < before);
    assert_eq!(document.undo_label(), Some("Use 2022-23 rules"));
    document.undo();
    assert_eq!(document.metrics().region.total_funding, before);
}

/// A recipe for an action, resolved against the scenario when it is applied.
#[derive(Debug, Clone)]
enum Step {
    Move(usize, usize),
    Unassign(usize),
    Create(Vec<usize>),
    Delete(usize),
    Rename(usize),
    Merge(usize, usize),
    Year(usize),
    Title,
    Reason(usize, bool),
    SaveSnapshot(usize),
    DeleteSnapshot(usize),
    RestoreSnapshot(usize),
    /// Override (or with `None` reset) the nth rate of the current year.
    Rate(usize, Option<i64>),
    /// Add (or with `None` remove) local line `local_<n % 3>` of the current year.
    LocalLine(usize, Option<i64>),
    /// Put staff rows (role n, WTE tenths, cost, start month) on a practice (`true`) or a hub.
    Staff(usize, bool, Vec<(usize, u32, Option<u32>, u8)>),
    /// London weighting of the nth hub.
    PayArea(usize, usize),
    /// Correct (or reset) the nth role's maximum in the current year.
    RoleMaximum(usize, Option<u32>),
    Undo,
    Redo,
}

const SNAPSHOT_NAMES: [&str; 3] = ["Option A", "Option B", "Option C"];

fn step_strategy() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (any::<usize>(), any::<usize>()).prop_map(|(p, h)| Step::Move(p, h)),
        1 => any::<usize>().prop_map(Step::Unassign),
        1 => prop::collection::vec(any::<usize>(), 0..4).prop_map(Step::Create),
        1 => any::<usize>().prop_map(Step::Delete),
        1 => any::<usize>().prop_map(Step::Rename),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Step::Merge(a, b)),
        1 => any::<usize>().prop_map(Step::Year),
        1 => Just(Step::Title),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(p, set)| Step::Reason(p, set)),
        1 => any::<usize>().prop_map(Step::SaveSnapshot),
        1 => any::<usize>().prop_map(Step::DeleteSnapshot),
        1 => any::<usize>().prop_map(Step::RestoreSnapshot),
        2 => (any::<usize>(), prop::option::of(0i64..2_000_000)).prop_map(|(n, r)| Step::Rate(n, r)),
        1 => (any::<usize>(), prop::option::of(0i64..2_000_000)).prop_map(|(n, r)| Step::LocalLine(n, r)),
        3 => (
            any::<usize>(),
            any::<bool>(),
            prop::collection::vec((any::<usize>(), 1u32..300, prop::option::of(0u32..120_000), 0u8..12), 0..4),
        )
            .prop_map(|(n, practice, rows)| Step::Staff(n, practice, rows)),
        1 => (any::<usize>(), 0usize..3).prop_map(|(h, a)| Step::PayArea(h, a)),
        1 => (any::<usize>(), prop::option::of(0u32..150_000)).prop_map(|(n, v)| Step::RoleMaximum(n, v)),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

fn nth_hub(scenario: &Scenario, n: usize) -> Option<HubId> {
    let count = scenario.hubs().len();
    (count > 0).then(|| *scenario.hubs().keys().nth(n % count).unwrap_or(&HubId(0)))
}

fn action_for(scenario: &Scenario, step: &Step) -> Option<Action> {
    let practices = scenario.region().len();
    let practice = |n: usize| PracticeId((n % practices) as u32);
    Some(match step {
        Step::Move(p, h) => Action::MovePractice {
            practice: practice(*p),
            to: Some(nth_hub(scenario, *h)?),
        },
        Step::Unassign(p) => Action::MovePractice {
            practice: practice(*p),
            to: None,
        },
        Step::Create(members) => Action::CreateHub {
            id: scenario.next_hub_id(),
            hub: Hub {
                code: scenario.next_hub_code(),
                name: "Created".into(),
                colour: 1,
            },
            members: members.iter().map(|m| practice(*m)).collect(),
        },
        Step::Delete(h) => Action::DeleteHub {
            id: nth_hub(scenario, *h)?,
        },
        Step::Rename(h) => Action::RenameHub {
            id: nth_hub(scenario, *h)?,
            name: format!("Renamed {h}"),
        },
        Step::Merge(a, b) => Action::MergeHubs {
            into: nth_hub(scenario, *a)?,
            from: nth_hub(scenario, *b)?,
        },
        Step::Year(y) => Action::SetRuleYear(RuleYear::all()[y % RuleYear::all().len()]),
        Step::Title => Action::SetTitle("Option B".into()),
        Step::Reason(p, set) => Action::SetReason {
            practice: practice(*p),
            reason: set.then(|| format!("closer to {p}")),
        },
        Step::SaveSnapshot(n) => Action::SaveSnapshot {
            name: SNAPSHOT_NAMES[n % 3].into(),
        },
        Step::DeleteSnapshot(n) => Action::DeleteSnapshot {
            name: SNAPSHOT_NAMES[n % 3].into(),
        },
        Step::RestoreSnapshot(n) => Action::RestoreSnapshot {
            name: SNAPSHOT_NAMES[n % 3].into(),
        },
        Step::Rate(n, rate) => {
            let year = scenario.rule_year();
            let terms: Vec<(String, Base)> = year
                .rules()
                .lines
                .iter()
                .flat_map(|line| line.terms.iter().map(|term| (line.id.clone(), term.base)))
                .collect();
            let (line, base) = terms.get(n % terms.len().max(1))?.clone();
            Action::SetRate {
                year,
                line,
                base,
                rate: rate.map(|rate| RateOverride {
                    rate: Rate(rate),
                    note: format!("letter {n}"),
                }),
            }
        }
        Step::LocalLine(n, rate) => Action::PutLocalLine {
            year: scenario.rule_year(),
            id: format!("local_{}", n % 3),
            line: rate.map(|rate| LocalLine {
                name: format!("Local {n}"),
                base: Base::ALL[n % 4],
                rate: Rate(rate),
                paid_to: PaidTo::Network,
                note: String::new(),
            }),
        },
        Step::Staff(n, on_practice, rows) => {
            let roles = &staffing::catalogue().roles;
            Action::SetStaffRows {
                employer: if *on_practice {
                    Employer::Practice(practice(*n))
                } else {
                    Employer::Network(nth_hub(scenario, *n)?)
                },
                rows: rows
                    .iter()
                    .map(|(role, wte, cost, start)| StaffRow {
                        role: roles[role % roles.len()].id.clone(),
                        wte: Fte(i64::from(*wte) * 10),
                        annual_cost: cost.map(|gbp| Pence(i64::from(gbp) * 100)),
                        start_month: *start,
                    })
                    .collect(),
            }
        }
        Step::PayArea(h, area) => Action::SetPayArea {
            hub: nth_hub(scenario, *h)?,
            area: PayArea::ALL[area % 3],
        },
        Step::RoleMaximum(n, value) => {
            let roles = &staffing::catalogue().roles;
            Action::SetRoleMaximum {
                year: scenario.rule_year(),
                role: roles[n % roles.len()].id.clone(),
                area: PayArea::National,
                value: value.map(|gbp| MaximumOverride {
                    per_wte: Pence(i64::from(gbp) * 100),
                    note: String::new(),
                }),
            }
        }
        Step::Undo | Step::Redo => return None,
    })
}

fn assert_totals_add_up(document: &Document) {
    let metrics = document.metrics();
    let scenario = document.scenario();
    let region_registered: Patients = scenario
        .region()
        .practices()
        .iter()
        .map(|p| p.registered_patients)
        .sum();
    let hub_registered: Patients = metrics.hubs.values().map(|h| h.registered).sum();
    assert_eq!(
        hub_registered + metrics.unassigned.registered,
        region_registered
    );
    assert_eq!(metrics.region.registered, region_registered);
    let hub_practices: u32 = metrics.hubs.values().map(|h| h.practices).sum();
    assert_eq!(
        hub_practices + metrics.unassigned.practices,
        scenario.region().len() as u32
    );
    assert_eq!(metrics.region.assigned, hub_practices);
    let hub_money = metrics.hubs.values().map(|h| h.total).sum();
    assert_eq!(metrics.region.total_funding, hub_money);
    assert_eq!(
        metrics.region.hubs_below + metrics.region.hubs_within + metrics.region.hubs_above,
        scenario.hubs().len() as u32
    );
    assert!(scenario.index_is_consistent());
    // The incrementally updated figures equal a computation from scratch.
    assert_eq!(*metrics, Metrics::compute(scenario));
    // And each hub's ARRS figures equal the staff plan summed afresh, row by row.
    for (id, figures) in &metrics.hubs {
        let members: Vec<PracticeId> = scenario.members(*id).collect();
        let fresh = staffing::arrs_figures(
            scenario.staff(),
            scenario.rule_year(),
            *id,
            &members,
            figures.arrs.entitlement,
        );
        assert_eq!(figures.arrs.headroom(), fresh.headroom());
        assert_eq!(figures.arrs, fresh);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_sequence_keeps_totals_and_undo_restores_the_start(
        specs in prop::collection::vec(practice_spec(), 1..120),
        hubs in 0usize..12,
        steps in prop::collection::vec(step_strategy(), 1..40),
    ) {
        let start = Scenario::baseline(region_of(&specs, hubs), RuleYear::Y2024_25);
        let mut document = Document::new(start.clone(), true);
        let mut effective = 0;
        for step in &steps {
            let before = document.scenario().clone();
            match step {
                Step::Undo => { document.undo(); }
                Step::Redo => { document.redo(); }
                _ => {
                    if let Some(action) = action_for(document.scenario(), step)
                        && document.perform(action).is_err()
                    {
                        prop_assert_eq!(document.scenario(), &before);
                    }
                }
            }
            if document.scenario() != &before {
                effective += 1;
            }
            assert_totals_add_up(&document);
        }
        // A case in which nothing changed proves nothing: count only the others.
        prop_assume!(effective > 0);
        let end = document.scenario().clone();
        let mut undone = 0;
        while document.undo().is_some() {
            undone += 1;
        }
        prop_assert_eq!(document.scenario(), &start);
        prop_assert_eq!(document.metrics(), &Metrics::compute(&start));
        prop_assert!(!document.is_modified());
        for _ in 0..undone {
            prop_assert!(document.redo().is_some());
        }
        prop_assert_eq!(document.scenario(), &end);
    }

    #[test]
    fn apply_then_inverse_is_identity(
        specs in prop::collection::vec(practice_spec(), 1..120),
        hubs in 1usize..12,
        step in step_strategy(),
    ) {
        let mut scenario = Scenario::baseline(region_of(&specs, hubs), RuleYear::Y2023_24);
        let start = scenario.clone();
        let action = action_for(&scenario, &step);
        // Undo/redo steps and refused or no-op actions assert nothing: they are not counted.
        prop_assume!(action.is_some());
        let action = action.expect("checked");
        let applied = apply(&mut scenario, action.clone());
        prop_assume!(applied.as_ref().is_ok_and(|_| scenario != start));
        if let Ok(applied) = applied
        {
            let again = apply(&mut scenario, applied.inverse).expect("inverse applies");
            prop_assert_eq!(&scenario, &start);
            // The inverse of the inverse redoes the action.
            apply(&mut scenario, again.inverse).expect("redo applies");
            let mut direct = start.clone();
            apply(&mut direct, action).expect("applies");
            prop_assert_eq!(&scenario, &direct);
        }
    }
}

/// The generator reaches the sizes the band rules are about: over many regions, hubs fall
/// below, within and above 30,000–50,000, and FTE, beds and locations appear.
#[test]
fn generated_regions_have_real_sizes() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (prop::collection::vec(practice_spec(), 1..120), 1usize..12);
    let (mut below, mut within, mut above, mut with_fte, mut located) = (0, 0, 0, 0, 0);
    for _ in 0..200 {
        let (specs, hubs) = strategy.new_tree(&mut runner).expect("tree").current();
        let scenario = Scenario::baseline(region_of(&specs, hubs), RuleYear::Y2024_25);
        let metrics = Metrics::compute(&scenario);
        below += metrics.region.hubs_below;
        within += metrics.region.hubs_within;
        above += metrics.region.hubs_above;
        with_fte += scenario
            .region()
            .practices()
            .iter()
            .filter(|p| p.gp_fte.is_some())
            .count();
        located += scenario
            .region()
            .practices()
            .iter()
            .filter(|p| p.location.is_some())
            .count();
    }
    assert!(
        below > 50 && within > 50 && above > 50,
        "{below} {within} {above}"
    );
    assert!(with_fte > 1_000 && located > 1_000, "{with_fte} {located}");
}
