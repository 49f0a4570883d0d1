//! The ARRS staffing plan against figures worked out by hand: entitlement, claimable and
//! headroom of a hub; staff employed by a practice travel with it; merge, delete and undo keep
//! the network's own staff; the plan is saved and read back; a staff list CSV is read (and a bad
//! one refused naming file, line and column).

use pcn_explorer::io::scenario_file::{read_scenario, scenario_to_string};
use pcn_explorer::io::staff_csv::read_staff_csv;
use pcn_explorer::model::staffing::{Employer, PayArea, StaffRow};
use pcn_explorer::model::{
    Action, Document, Fte, Hub, HubId, Metrics, Patients, Pence, Practice, PracticeId, Region,
    RuleYear, Scenario,
};
use std::collections::BTreeMap;
use std::sync::Arc;

fn patients(value: f64) -> Patients {
    Patients::from_f64(value).expect("valid count")
}

fn pounds(value: i64) -> Pence {
    Pence(value * 100)
}

/// Hub U00001 of two practices (30,000 and 20,000 weighted patients: 50,000 together) and hub
/// U00002 of one (10,000), under 2025-26 rules.
fn two_hubs() -> Scenario {
    let practice = |code: &str, weighted: f64, hub: &str| {
        let mut practice = Practice::new(code, format!("SURGERY {code}"), patients(weighted));
        practice.weighted_patients = Some(patients(weighted));
        practice.baseline_hub = Some(hub.into());
        practice
    };
    let practices = vec![
        practice("A00001", 30_000.0, "U00001"),
        practice("A00002", 20_000.0, "U00001"),
        practice("A00003", 10_000.0, "U00002"),
    ];
    let hubs = BTreeMap::from([
        ("U00001".to_string(), "NORTH PCN".to_string()),
        ("U00002".to_string(), "SOUTH PCN".to_string()),
    ]);
    let region = Region::new("test", practices, hubs).expect("valid region");
    Scenario::baseline(Arc::new(region), RuleYear::Y2025_26)
}

fn scenario_from_str(text: &str, file: &str) -> Result<Scenario, pcn_explorer::io::LoadError> {
    read_scenario(file, text.as_bytes()).map(|loaded| loaded.scenario)
}

fn row(role: &str, wte: f64, cost: Option<i64>, start_month: u8) -> StaffRow {
    StaffRow {
        role: role.into(),
        wte: Fte::from_f64(wte).expect("wte"),
        annual_cost: cost.map(pounds),
        start_month,
    }
}

fn hub(scenario: &Scenario, code: &str) -> HubId {
    scenario.hub_by_code(code).expect("hub exists")
}

fn practice(scenario: &Scenario, code: &str) -> PracticeId {
    scenario.region().id_of(code).expect("practice exists")
}

/// 2025-26: ARRS £26.631 per weighted patient; clinical pharmacist maximum £66,972 per WTE;
/// care co-ordinator maximum (seeded) £36,051.
#[test]
fn a_hub_of_50000_weighted_patients_with_two_pharmacists_and_a_care_coordinator() {
    let mut document = Document::new(two_hubs(), true);
    let north = hub(document.scenario(), "U00001");
    document
        .perform(Action::SetStaffRows {
            employer: Employer::Network(north),
            rows: vec![
                row("clinical_pharmacist", 2.0, None, 0),
                row("care_coordinator", 1.0, Some(30_000), 0),
            ],
        })
        .expect("rows are valid");
    let arrs = &document.metrics().hubs[&north].arrs;
    // 50,000 × £26.631 = £1,331,550.
    assert_eq!(arrs.entitlement, pounds(1_331_550));
    // 2 × £66,972 = £133,944 at the maximum; the co-ordinator costs £30,000 (< £36,051).
    assert_eq!(arrs.claimable, pounds(133_944 + 30_000));
    assert_eq!(arrs.headroom(), pounds(1_331_550 - 163_944));
    assert_eq!(arrs.wte, Fte(300));
    assert!(!arrs.is_overspent());
    // A cost above the maximum claims only the maximum; a start in October claims half.
    document
        .perform(Action::SetStaffRows {
            employer: Employer::Network(north),
            rows: vec![
                row("clinical_pharmacist", 1.0, Some(80_000), 0),
                row("clinical_pharmacist", 1.0, None, 6),
            ],
        })
        .expect("rows are valid");
    let arrs = &document.metrics().hubs[&north].arrs;
    assert_eq!(arrs.claimable, pounds(66_972 + 33_486));
    assert_eq!(arrs.cost, pounds(80_000 + 33_486));
    // Inner London weighting: £66,972 × 1.15910 = £77,627.27 → £77,627 per WTE.
    document
        .perform(Action::SetPayArea {
            hub: north,
            area: PayArea::InnerLondon,
        })
        .expect("hub exists");
    let arrs = &document.metrics().hubs[&north].arrs;
    assert_eq!(arrs.claimable, pounds(77_627) + Pence(7_762_700 / 2));
}

#[test]
fn a_hub_whose_staff_cost_more_than_its_entitlement_is_overspent() {
    let mut document = Document::new(two_hubs(), true);
    let south = hub(document.scenario(), "U00002");
    // 10,000 × £26.631 = £266,310 against 5 GPs at £105,882 = £529,410.
    document
        .perform(Action::SetStaffRows {
            employer: Employer::Network(south),
            rows: vec![row("gp", 5.0, None, 0)],
        })
        .expect("rows are valid");
    let arrs = &document.metrics().hubs[&south].arrs;
    assert_eq!(arrs.headroom(), pounds(266_310 - 529_410));
    assert!(arrs.is_overspent());
}

#[test]
fn a_practice_that_moves_takes_its_own_staff_and_undo_brings_them_back() {
    let mut document = Document::new(two_hubs(), true);
    let scenario = document.scenario();
    let (north, south) = (hub(scenario, "U00001"), hub(scenario, "U00002"));
    let mover = practice(scenario, "A00002");
    document
        .perform(Action::SetStaffRows {
            employer: Employer::Practice(mover),
            rows: vec![row("pharmacy_technician", 1.0, None, 0)],
        })
        .expect("rows are valid");
    document
        .perform(Action::SetStaffRows {
            employer: Employer::Network(north),
            rows: vec![row("paramedic", 1.0, Some(50_000), 0)],
        })
        .expect("rows are valid");
    let before = document.scenario().clone();
    let claim = |document: &Document, id| document.metrics().hubs[&id].arrs.claimable;
    assert_eq!(claim(&document, north), pounds(43_352 + 50_000));
    assert_eq!(claim(&document, south), Pence::ZERO);
    document
        .perform(Action::MovePractice {
            practice: mover,
            to: Some(south),
        })
        .expect("move");
    // The technician (£43,352) goes with A00002; the paramedic stays with the network.
    assert_eq!(claim(&document, north), pounds(50_000));
    assert_eq!(claim(&document, south), pounds(43_352));
    // North lost 20,000 weighted patients: £532,620 of entitlement.
    assert_eq!(
        document.metrics().hubs[&north].arrs.entitlement,
        pounds(30_000 * 26_631 / 1000)
    );
    document.undo();
    assert_eq!(document.scenario(), &before);
    assert_eq!(claim(&document, north), pounds(43_352 + 50_000));
}

#[test]
fn merging_hubs_joins_their_network_staff_and_deleting_then_undoing_keeps_them() {
    let mut document = Document::new(two_hubs(), true);
    let scenario = document.scenario();
    let (north, south) = (hub(scenario, "U00001"), hub(scenario, "U00002"));
    for (id, role) in [(north, "clinical_pharmacist"), (south, "care_coordinator")] {
        document
            .perform(Action::SetStaffRows {
                employer: Employer::Network(id),
                rows: vec![row(role, 1.0, None, 0)],
            })
            .expect("rows are valid");
    }
    document
        .perform(Action::SetPayArea {
            hub: south,
            area: PayArea::OuterLondon,
        })
        .expect("pay area");
    let before = document.scenario().clone();
    document
        .perform(Action::MergeHubs {
            into: north,
            from: south,
        })
        .expect("merge");
    assert_eq!(
        document.metrics().hubs[&north].arrs.claimable,
        pounds(66_972 + 36_051)
    );
    assert!(document.scenario().staff().pay_areas.is_empty());
    document.undo();
    assert_eq!(document.scenario(), &before);
    document
        .perform(Action::DeleteHub { id: north })
        .expect("delete");
    assert!(
        document
            .scenario()
            .staff()
            .rows_of(Employer::Network(north))
            .is_empty()
    );
    document.undo();
    assert_eq!(document.scenario(), &before);
    assert_eq!(Metrics::compute(&before), *document.metrics());
}

#[test]
fn bad_rows_are_refused_and_change_nothing() {
    let mut document = Document::new(two_hubs(), true);
    let north = hub(document.scenario(), "U00001");
    let before = document.scenario().clone();
    for rows in [
        vec![row("wizard", 1.0, None, 0)],
        vec![row("gp", 0.0, None, 0)],
        vec![row("gp", 101.0, None, 0)],
        vec![row("gp", 1.0, None, 12)],
        vec![StaffRow {
            annual_cost: Some(Pence(-1)),
            ..row("gp", 1.0, None, 0)
        }],
    ] {
        let error = document
            .perform(Action::SetStaffRows {
                employer: Employer::Network(north),
                rows,
            })
            .expect_err("refused");
        assert!(error.to_string().contains("staff row 1"), "{error}");
        assert_eq!(document.scenario(), &before);
    }
}

#[test]
fn the_plan_is_saved_and_read_back_and_a_file_without_one_reads_with_none() {
    let mut document = Document::new(two_hubs(), true);
    let scenario = document.scenario();
    let (north, mover) = (hub(scenario, "U00001"), practice(scenario, "A00002"));
    let plain = scenario_to_string(document.scenario());
    assert!(!plain.contains("staff"), "no plan, no field: {plain}");
    let read = scenario_from_str(&plain, "plain.ron").expect("reads");
    assert!(read.staff().is_empty());
    for action in [
        Action::SetStaffRows {
            employer: Employer::Network(north),
            rows: vec![row("clinical_pharmacist", 1.5, Some(61_000), 3)],
        },
        Action::SetStaffRows {
            employer: Employer::Practice(mover),
            rows: vec![row("gp", 0.6, None, 0)],
        },
        Action::SetPayArea {
            hub: north,
            area: PayArea::OuterLondon,
        },
        Action::SetRoleMaximum {
            year: RuleYear::Y2025_26,
            role: "care_coordinator".into(),
            area: PayArea::National,
            value: Some(pcn_explorer::model::staffing::MaximumOverride {
                per_wte: pounds(37_500),
                note: "ICB letter".into(),
            }),
        },
    ] {
        document.perform(action).expect("valid");
    }
    let text = scenario_to_string(document.scenario());
    assert!(text.contains("start_month: \"Jul\""), "{text}");
    let read = scenario_from_str(&text, "plan.ron").expect("reads");
    assert_eq!(read.staff(), document.scenario().staff());
    assert_eq!(Metrics::compute(&read), *document.metrics());
}

#[test]
fn a_bad_plan_in_a_file_names_its_field_and_line() {
    let mut document = Document::new(two_hubs(), true);
    let north = hub(document.scenario(), "U00001");
    document
        .perform(Action::SetStaffRows {
            employer: Employer::Network(north),
            rows: vec![row("clinical_pharmacist", 1.0, None, 0)],
        })
        .expect("valid");
    let text = scenario_to_string(document.scenario()).replace("clinical_pharmacist", "druid");
    let error = scenario_from_str(&text, "plan.ron").expect_err("refused");
    let message = format!("{error:#}");
    assert!(message.contains("plan.ron"), "{message}");
    assert!(message.contains("staff[0]"), "{message}");
    assert!(message.contains("druid"), "{message}");
    assert!(message.contains("line"), "{message}");
}

#[test]
fn a_staff_list_reads_and_replaces_the_plan_in_one_step() {
    let mut document = Document::new(two_hubs(), true);
    let csv = "hub_code,role,wte,employer,annual_cost_gbp,start_month\n\
               u00001,Clinical Pharmacist,2,network,,\n\
               U00001,care coordinator,1,PCN,\"£30,000\",\n\
               U00001,Pharmacy technician,1,a00002,,2025-10\n";
    let import = read_staff_csv("staff.csv", csv.as_bytes(), document.scenario()).expect("reads");
    assert_eq!((import.rows, import.hubs), (3, 1));
    document.perform(import.action).expect("applies");
    let north = hub(document.scenario(), "U00001");
    // £133,944 + £30,000 + half of £43,352.
    assert_eq!(
        document.metrics().hubs[&north].arrs.claimable,
        pounds(133_944 + 30_000 + 21_676)
    );
    document.undo();
    assert!(document.scenario().staff().is_empty());
}

#[test]
fn a_bad_staff_list_names_file_line_and_column() {
    let scenario = two_hubs();
    for (csv, line, column, words) in [
        (
            "hub_code,role,wte\nU00001,Wizard,1\n",
            2,
            "role",
            "unknown role",
        ),
        (
            "hub_code,role,wte\nU00001,GP,1\nU09999,GP,1\n",
            3,
            "hub_code",
            "no hub",
        ),
        (
            "hub_code,role,wte\nU00001,GP,\"1,5\"\n",
            2,
            "wte",
            "not a number",
        ),
        ("hub_code,role,wte\nU00001,GP,-1\n", 2, "wte", "negative"),
        ("hub_code,role,wte\nU00001,GP,0\n", 2, "wte", "above 0"),
        (
            "hub_code,role,wte,employer\nU00001,GP,1,A00003\n",
            2,
            "employer",
            "is in hub U00002",
        ),
        (
            "hub_code,role,wte,start_month\nU00001,GP,1,Smarch\n",
            2,
            "start_month",
            "not a month",
        ),
    ] {
        let error = read_staff_csv("staff.csv", csv.as_bytes(), &scenario).expect_err(csv);
        let message = format!("{error:#}");
        assert!(message.contains("staff.csv"), "{message}");
        assert!(
            message.contains(&format!("line {line}")),
            "{csv}: {message}"
        );
        assert!(message.contains(column), "{csv}: {message}");
        assert!(message.contains(words), "{csv}: {message}");
    }
    let error =
        read_staff_csv("staff.csv", b"hub_code,wte\nU00001,1\n", &scenario).expect_err("no role");
    assert!(format!("{error:#}").contains("required column missing: role"));
}

#[test]
fn a_hub_created_empty_has_its_full_entitlement_as_headroom() {
    let mut document = Document::new(two_hubs(), true);
    let id = document.scenario().next_hub_id();
    document
        .perform(Action::CreateHub {
            id,
            hub: Hub {
                code: "NEW1".into(),
                name: "New".into(),
                colour: 1,
            },
            members: vec![practice(document.scenario(), "A00003")],
        })
        .expect("create");
    let arrs = &document.metrics().hubs[&id].arrs;
    assert_eq!(arrs.headroom(), pounds(266_310));
}

#[test]
fn the_bundled_example_staff_list_reads_against_the_example() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/riverford-staff.csv");
    let bytes = std::fs::read(path).expect("scenarios/riverford-staff.csv");
    let mut document = Document::new(pcn_explorer::io::example::example_scenario(), true);
    let import = read_staff_csv("riverford-staff.csv", &bytes, document.scenario()).expect("reads");
    assert_eq!((import.rows, import.hubs), (53, 8));
    document.perform(import.action).expect("applies");
    let metrics = document.metrics();
    assert!(metrics.hubs.values().all(|hub| hub.arrs.rows > 0));
    // Every hub is within its ARRS sum with this plan, Thornleigh Rural only just.
    assert!(metrics.hubs.values().all(|hub| !hub.arrs.is_overspent()));
}

#[test]
fn the_staff_plan_export_reads_back_as_the_same_plan() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/riverford-staff.csv");
    let bytes = std::fs::read(path).expect("staff list");
    let mut document = Document::new(pcn_explorer::io::example::example_scenario(), true);
    let import = read_staff_csv("staff.csv", &bytes, document.scenario()).expect("reads");
    document.perform(import.action).expect("applies");
    let exported = pcn_explorer::export::export_bytes(
        document.scenario(),
        pcn_explorer::export::ExportKind::Staff,
    )
    .expect("export");
    let mut fresh = Document::new(pcn_explorer::io::example::example_scenario(), true);
    let again = read_staff_csv("staff-plan.csv", &exported, fresh.scenario()).expect("reads back");
    fresh.perform(again.action).expect("applies");
    assert_eq!(fresh.scenario().staff(), document.scenario().staff());
}
