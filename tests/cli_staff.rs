//! `report --staff` and `import --staff` on the command line: the ARRS columns of the CSV report
//! against hand-computed figures, the plan kept in the scenario written, the staff plan export,
//! and a bad staff list refused naming its line without writing anything.

use pcn_explorer::io::example::example_scenario;
use pcn_explorer::io::scenario_file::{read_scenario, save_scenario};
use pcn_explorer::model::{Metrics, RuleYear};
use std::process::{Command, Output};

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

const STAFF: &str = "hub_code,role,wte,employer,annual_cost_gbp,start_month\n\
                     X10138,Clinical pharmacist,2,network,,\n\
                     X10138,Care co-ordinator,1,network,30000,\n\
                     X10960,GP,1,network,,Oct\n";

struct Files {
    _folder: tempfile::TempDir,
    scenario: std::path::PathBuf,
    staff: std::path::PathBuf,
}

fn files() -> Files {
    let folder = tempfile::tempdir().expect("temp dir");
    let scenario_path = folder.path().join("plan.ron");
    let mut scenario = example_scenario();
    pcn_explorer::model::apply(
        &mut scenario,
        pcn_explorer::model::Action::SetRuleYear(RuleYear::Y2025_26),
    )
    .expect("a year with embedded rules");
    save_scenario(&scenario_path, &scenario).expect("save");
    let staff = folder.path().join("staff.csv");
    std::fs::write(&staff, STAFF).expect("write");
    Files {
        _folder: folder,
        scenario: scenario_path,
        staff,
    }
}

#[test]
fn report_csv_has_the_arrs_columns_with_hand_computed_figures() {
    let files = files();
    let text = stdout(&cli(&[
        "report",
        files.scenario.to_str().expect("path"),
        "--staff",
        files.staff.to_str().expect("path"),
        "--format",
        "csv",
    ]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("header").clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let row = |code: &str| rows.iter().find(|r| &r[0] == code).expect(code).clone();
    let ashcombe = row("X10138");
    let weighted: f64 = ashcombe[column("weighted_patients")]
        .parse()
        .expect("number");
    // 26.631 × weighted, to the penny.
    let entitlement = (weighted * 100.0 * 26.631).round() / 100.0;
    assert_eq!(
        ashcombe[column("arrs_entitlement_gbp")]
            .parse::<f64>()
            .expect("number"),
        entitlement
    );
    // 2 × £66,972 + £30,000.
    assert_eq!(&ashcombe[column("arrs_claimable_gbp")], "163944.00");
    let headroom: f64 = ashcombe[column("arrs_headroom_gbp")]
        .parse()
        .expect("number");
    assert!((headroom - (entitlement - 163_944.0)).abs() < 0.005);
    assert_eq!(&ashcombe[column("additional_roles_wte")], "3");
    // Eastbrook's GP starts in October: half of £105,882.
    assert_eq!(&row("X10960")[column("arrs_claimable_gbp")], "52941.00");
    // The unassigned practices have no network: zero, as their funding lines are.
    assert_eq!(&row("UNASSIGNED")[column("arrs_claimable_gbp")], "0.00");
}

#[test]
fn import_with_staff_keeps_the_plan_and_exports_it() {
    let files = files();
    let folder = files.scenario.parent().expect("folder").to_path_buf();
    let out = folder.join("with-staff.ron");
    let practices = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/example/riverford.csv");
    let output = cli(&[
        "import",
        practices,
        "--staff",
        files.staff.to_str().expect("path"),
        "-o",
        out.to_str().expect("path"),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read = read_scenario("with-staff.ron", &std::fs::read(&out).expect("read"))
        .expect("reads")
        .scenario;
    let rows: usize = read.staff().rows.values().map(Vec::len).sum();
    assert_eq!(rows, 3);
    let metrics = Metrics::compute(&read);
    assert!(metrics.hubs.values().any(|hub| hub.arrs.rows == 2));
    let csv = stdout(&cli(&[
        "export",
        out.to_str().expect("path"),
        "--what",
        "staff",
        "-o",
        folder.join("staff-plan.csv").to_str().expect("path"),
    ]));
    assert!(csv.is_empty());
    let plan = std::fs::read_to_string(folder.join("staff-plan.csv")).expect("written");
    assert!(
        plan.starts_with("\u{feff}hub_code,hub_name,employer,role,wte,annual_cost_gbp"),
        "{plan}"
    );
    assert!(plan.contains("Care co-ordinator,1,30000.00,Apr,"), "{plan}");
}

#[test]
fn a_bad_staff_list_names_its_line_and_writes_nothing() {
    let files = files();
    std::fs::write(
        &files.staff,
        "hub_code,role,wte\nX10138,Clinical pharmacist,2\nX10138,Archmage,1\n",
    )
    .expect("write");
    let out = files.scenario.with_file_name("never.ron");
    let output = cli(&[
        "import",
        files.scenario.to_str().expect("path"),
        "--staff",
        files.staff.to_str().expect("path"),
        "-o",
        out.to_str().expect("path"),
    ]);
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("staff.csv"), "{message}");
    assert!(message.contains("line 3"), "{message}");
    assert!(message.contains("Archmage"), "{message}");
    assert!(!out.exists());
}
