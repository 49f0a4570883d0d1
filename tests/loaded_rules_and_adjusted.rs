//! Rule files from outside (a year the app does not know) and adjusted populations entered per
//! hub: figures checked by hand from the practice data, undo exact, kept through save and load,
//! bad files refused with their line and field, and the same on the command line.

use pcn_explorer::io::example::example_scenario;
use pcn_explorer::io::rules_file::{open_rule_file, read_rule_file};
use pcn_explorer::io::scenario_file::{read_scenario, save_scenario, scenario_to_string};
use pcn_explorer::model::data_actions::{clear_hub_adjusted, enter_hub_adjusted};
use pcn_explorer::model::{
    Action, ActionError, Document, HubId, Metrics, Patients, Pence, RuleYear, Scenario, apply,
};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

const RULES_2027: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/rules/2027-28.ron");
const BAD_RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/rules/bad-id.ron");

fn year_2027() -> RuleYear {
    RuleYear::from_label("2027-28").expect("label")
}

/// The example with the 2027-28 rule file loaded and in use, as File → Load rules… does it.
fn load_2027(document: &mut Document) {
    let set = open_rule_file(Path::new(RULES_2027)).expect("rule file");
    document
        .perform(Action::Batch(vec![
            Action::PutRuleSet {
                year: set.year,
                set: Some(Arc::new(set)),
            },
            Action::SetRuleYear(year_2027()),
        ]))
        .expect("load rules");
}

/// Pence of `pounds_e4` per unit on a base in hundredths, rounded half up (as the app does).
fn pence(pounds_e4: i64, base_hundredths: i64) -> Pence {
    Pence((pounds_e4 * base_hundredths + 5_000) / 10_000)
}

/// Sums of the members' own data: (registered, weighted, adjusted-or-weighted) in hundredths.
fn sums(scenario: &Scenario, hub: HubId) -> (i64, i64, i64) {
    scenario.members(hub).fold((0, 0, 0), |(r, w, a), id| {
        let p = scenario.region().practice(id).expect("practice");
        let weighted = p.weighted_patients.unwrap_or(p.registered_patients).0;
        let adjusted = scenario
            .adjusted_entry(id)
            .or(p.adjusted_patients)
            .map_or(weighted, |x| x.0);
        (r + p.registered_patients.0, w + weighted, a + adjusted)
    })
}

fn first_hub(scenario: &Scenario) -> HubId {
    *scenario
        .hubs()
        .keys()
        .find(|id| scenario.members(**id).len() >= 3)
        .expect("a hub of three practices")
}

#[test]
fn a_loaded_rule_file_gives_its_own_figures_by_hand_and_undo_restores_every_figure() {
    let mut document = Document::new(example_scenario(), true);
    let before = document.metrics().clone();
    load_2027(&mut document);
    let scenario = document.scenario();
    assert_eq!(scenario.rule_year(), year_2027());
    assert!(scenario.years().contains(&year_2027()));
    let metrics = document.metrics();
    assert_eq!(metrics.rules.lines.len(), 3);
    for (id, figures) in &metrics.hubs {
        let (registered, weighted, adjusted) = sums(scenario, *id);
        let core = pence(25_000, registered) + pence(10_000, adjusted);
        let access = pence(90_000, adjusted);
        let arrs = pence(300_000, weighted);
        assert_eq!(figures.line(&metrics.rules, "core"), core);
        assert_eq!(figures.line(&metrics.rules, "enhanced_access"), access);
        assert_eq!(figures.line(&metrics.rules, "arrs"), arrs);
        assert_eq!(figures.total, core + access + arrs);
    }
    assert_eq!(document.undo_label(), Some("2 changes"));
    document.undo();
    assert_eq!(*document.metrics(), before);
    assert_eq!(document.scenario().rule_year(), RuleYear::default());
    assert!(document.scenario().loaded_rule_sets().is_empty());
    assert_eq!(*document.scenario(), example_scenario());
}

#[test]
fn a_year_without_rules_is_refused_and_the_rules_in_use_cannot_be_removed() {
    let mut scenario = example_scenario();
    let refused = apply(&mut scenario, Action::SetRuleYear(year_2027()));
    assert_eq!(refused, Err(ActionError::UnknownRuleYear(year_2027())));
    assert_eq!(
        refused.expect_err("refused").to_string(),
        "there are no rules for 2027-28: load its rule file first"
    );
    let mut document = Document::new(example_scenario(), true);
    load_2027(&mut document);
    let removing = document.perform(Action::PutRuleSet {
        year: year_2027(),
        set: None,
    });
    assert!(
        matches!(&removing, Err(ActionError::BadRuleSet(m)) if m.contains("year in use")),
        "{removing:?}"
    );
    // A set put under another year than its own is refused too.
    let set = open_rule_file(Path::new(RULES_2027)).expect("rules");
    let wrong = apply(
        &mut scenario,
        Action::PutRuleSet {
            year: RuleYear::Y2026_27,
            set: Some(Arc::new(set)),
        },
    );
    assert!(
        matches!(wrong, Err(ActionError::BadRuleSet(_))),
        "{wrong:?}"
    );
}

#[test]
fn a_loaded_rule_set_and_entered_figures_survive_save_and_load() {
    let mut document = Document::new(example_scenario(), true);
    load_2027(&mut document);
    let hub = first_hub(document.scenario());
    let action = enter_hub_adjusted(document.scenario(), hub, Patients(4_125_000)).expect("entry");
    document.perform(action).expect("enter");
    let text = scenario_to_string(document.scenario());
    assert!(text.contains("rule_sets:"), "{text}");
    assert!(text.contains("adjusted_entries:"), "{text}");
    let back = read_scenario("plan.ron", text.as_bytes())
        .expect("loads")
        .scenario;
    assert!(back == *document.scenario());
    assert_eq!(Metrics::compute(&back), *document.metrics());
    // A scenario that uses a loaded year still loads on its own (nothing beside it).
    assert_eq!(back.rule_year(), year_2027());
}

#[test]
fn a_hubs_entered_adjusted_population_is_exact_moves_with_its_practices_and_undoes() {
    let mut document = Document::new(example_scenario(), true);
    let scenario = document.scenario().clone();
    let hub = first_hub(&scenario);
    let rules = document.metrics().rules.clone();
    let access_rate = rules
        .line("enhanced_access")
        .and_then(|line| line.terms.first())
        .map(|term| term.gbp)
        .expect("enhanced access");
    let rate_e4 = (access_rate * 10_000.0).round() as i64;
    let before = document.metrics().clone();
    assert!(before.hubs[&hub].practices_adjusted_estimated > 0);

    let entry = enter_hub_adjusted(&scenario, hub, Patients(4_125_000)).expect("entry");
    document.perform(entry).expect("enter");
    let figures = &document.metrics().hubs[&hub];
    assert_eq!(figures.adjusted, Patients(4_125_000));
    assert_eq!(figures.practices_adjusted_entered, figures.practices);
    assert_eq!(figures.practices_adjusted_estimated, 0);
    assert_eq!(
        figures.line(&document.metrics().rules, "enhanced_access"),
        pence(rate_e4, 4_125_000)
    );

    // The moved practice takes its share: the hub keeps the rest, to the hundredth.
    let moved = scenario.members(hub).next().expect("member");
    let share = document.scenario().adjusted_entry(moved).expect("share");
    let other = *scenario
        .hubs()
        .keys()
        .find(|id| **id != hub)
        .expect("other");
    let other_before = document.metrics().hubs[&other].adjusted;
    document
        .perform(Action::MovePractice {
            practice: moved,
            to: Some(other),
        })
        .expect("move");
    assert_eq!(
        document.metrics().hubs[&hub].adjusted,
        Patients(4_125_000 - share.0)
    );
    assert_eq!(
        document.metrics().hubs[&other].adjusted,
        other_before + share
    );
    assert_eq!(
        Metrics::compute(document.scenario()),
        *document.metrics(),
        "incremental figures equal a computation from scratch"
    );
    document.undo();
    document.undo();
    assert_eq!(*document.metrics(), before);
    assert_eq!(*document.scenario(), scenario);
    assert!(clear_hub_adjusted(document.scenario(), hub).is_none());
}

#[test]
fn bad_rule_files_and_bad_entries_are_refused_with_line_and_field() {
    let error = open_rule_file(Path::new(BAD_RULES)).expect_err("bad id");
    let text = error.to_string();
    assert!(text.contains("bad-id.ron"), "{text}");
    assert!(text.contains("line 11"), "{text}");
    assert!(text.contains("unknown line id \"bogus_line\""), "{text}");
    for (bytes, expected) in [
        (&b""[..], "empty"),
        (&b"(year: \"2027-28\", title: \"x\", lines: ["[..], "line 1"),
        (&b"\xff\xfe(\x00"[..], "UTF-16"),
        (
            &b"(year: \"27-28\", title: \"x\", lines: [])"[..],
            "year label",
        ),
    ] {
        let error = read_rule_file("mine.ron", bytes).expect_err("refused");
        let text = error.to_string();
        assert!(text.contains("mine.ron"), "{text}");
        assert!(text.contains(expected), "{expected}: {text}");
    }

    // In a scenario file: a broken rule set names rule_sets[0]; a negative or unknown entry
    // names adjusted_entries[i]; the file is refused, nothing half-loaded.
    let mut document = Document::new(example_scenario(), true);
    load_2027(&mut document);
    let good = scenario_to_string(document.scenario());
    let broken = good.replacen("id: \"arrs\"", "id: \"bogus\"", 1);
    let text = read_scenario("plan.ron", broken.as_bytes())
        .expect_err("refused")
        .to_string();
    assert!(text.contains("rule_sets[0]"), "{text}");
    assert!(text.contains("bogus"), "{text}");

    let scenario = example_scenario();
    let hub = first_hub(&scenario);
    let mut entered = scenario.clone();
    apply(
        &mut entered,
        enter_hub_adjusted(&scenario, hub, Patients(3_000_000)).expect("entry"),
    )
    .expect("enter");
    let good = scenario_to_string(&entered);
    let at = good.find("adjusted_entries:").expect("section");
    let negative = format!(
        "{}{}",
        &good[..at],
        good[at..].replacen("patients: ", "patients: -", 1)
    );
    let text = read_scenario("plan.ron", negative.as_bytes())
        .expect_err("refused")
        .to_string();
    assert!(text.contains("adjusted_entries[0]"), "{text}");
    let code = scenario
        .region()
        .practice(scenario.members(hub).next().expect("member"))
        .expect("practice")
        .code
        .clone();
    let unknown = good.replacen(&format!("practice: \"{code}\""), "practice: \"Z99999\"", 1);
    let text = read_scenario("plan.ron", unknown.as_bytes())
        .expect_err("refused")
        .to_string();
    assert!(text.contains("Z99999"), "{text}");
    assert!(text.contains("adjusted_entries[0]"), "{text}");
}

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
        .args(args)
        .output()
        .expect("run pcn-explorer")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_command_line_takes_a_rule_file_and_keeps_it_in_the_scenario_it_writes() {
    let dir = tempfile::tempdir().expect("dir");
    let plan = dir.path().join("plan.ron");
    save_scenario(&plan, &example_scenario()).expect("save");
    let plan_text = plan.to_str().expect("utf-8");

    let rules = stdout(&cli(&[
        "rules", plan_text, "--rules", RULES_2027, "--format", "csv",
    ]));
    let ids: Vec<&str> = rules
        .lines()
        .skip(1)
        .filter_map(|line| line.split(',').next())
        .collect();
    assert_eq!(ids, ["core", "enhanced_access", "arrs"]);

    let report = stdout(&cli(&[
        "report", plan_text, "--rules", RULES_2027, "--format", "csv",
    ]));
    let header = report.lines().next().expect("header");
    assert!(
        header.ends_with("core_gbp,enhanced_access_gbp,arrs_gbp,total_gbp,arrs_entitlement_gbp,arrs_claimable_gbp,arrs_headroom_gbp,additional_roles_wte"),
        "{header}"
    );
    // Each hub's enhanced access is £9.00 × its adjusted (= weighted) list, from the data.
    let scenario = example_scenario();
    let metrics_year = Metrics::compute(&scenario);
    for row in csv::Reader::from_reader(report.as_bytes()).records() {
        let row = row.expect("row");
        let Some((id, _)) = scenario.hubs().iter().find(|(_, hub)| hub.code == row[0]) else {
            continue;
        };
        let (_, _, adjusted) = sums(&scenario, *id);
        let access = pence(90_000, adjusted);
        let column = header
            .split(',')
            .position(|c| c == "enhanced_access_gbp")
            .expect("column");
        assert_eq!(row[column].to_string(), access.to_plain_string(), "{row:?}");
        assert!(metrics_year.hubs.contains_key(id));
    }

    // Without the file, the year is refused with the years there are.
    let refused = cli(&["report", plan_text, "--year", "2027-28"]);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("no rules for 2027-28"), "{message}");
    assert!(message.contains("--rules FILE"), "{message}");

    // A broken rule file names its line; nothing is written.
    let out = dir.path().join("hubs.csv");
    let refused = cli(&[
        "export",
        plan_text,
        "--what",
        "hubs",
        "--rules",
        BAD_RULES,
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("line 11"));
    assert!(!out.exists());
}

#[test]
fn export_takes_rate_overrides_and_marks_them_edited() {
    let dir = tempfile::tempdir().expect("dir");
    let plan = dir.path().join("plan.ron");
    let mut scenario = example_scenario();
    pcn_explorer::model::apply(
        &mut scenario,
        pcn_explorer::model::Action::SetRuleYear(RuleYear::Y2026_27),
    )
    .expect("a year with embedded rules");
    save_scenario(&plan, &scenario).expect("save");
    let out = dir.path().join("hubs.csv");
    stdout(&cli(&[
        "export",
        plan.to_str().expect("utf-8"),
        "--what",
        "hubs",
        "--rate",
        "enhanced_access=9.10",
        "--rate-note",
        "ICB letter 14 May 2026",
        "-o",
        out.to_str().expect("utf-8"),
    ]));
    let text = std::fs::read_to_string(&out).expect("export");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("header").clone();
    let column = header
        .iter()
        .position(|c| c == "enhanced_access_gbp")
        .expect("column");
    let mut checked = 0;
    for row in reader.records() {
        let row = row.expect("row");
        let Some((id, _)) = scenario.hubs().iter().find(|(_, hub)| hub.code == row[0]) else {
            continue;
        };
        let (_, _, adjusted) = sums(&scenario, *id);
        assert_eq!(
            row[column].to_string(),
            pence(91_000, adjusted).to_plain_string()
        );
        checked += 1;
    }
    assert_eq!(checked, scenario.hubs().len());
    assert_eq!(header.iter().next_back(), Some("edited"));
    assert!(
        text.lines()
            .skip(1)
            .filter(|row| !row.starts_with("UNASSIGNED"))
            .all(|row| row.contains("edited: enhanced_access_gbp")),
        "{text}"
    );
    // The HTML report of the same command line carries the note.
    let html = dir.path().join("report.html");
    stdout(&cli(&[
        "export",
        plan.to_str().expect("utf-8"),
        "--what",
        "report",
        "--rate",
        "enhanced_access=9.10",
        "--rate-note",
        "ICB letter 14 May 2026",
        "-o",
        html.to_str().expect("utf-8"),
    ]));
    let html = std::fs::read_to_string(&html).expect("html");
    assert!(html.contains("ICB letter 14 May 2026"), "{html}");
}
