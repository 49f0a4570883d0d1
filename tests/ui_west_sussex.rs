//! West Sussex (region_70F.csv, real data) in the window: the frame in which a practice is dropped
//! on another hub already shows every changed figure.

mod ui_common;

use egui::vec2;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use ui_common::*;

const BURGESS_HILL: (&str, &str) = ("U06871", "BURGESS HILL & VILLAGES PCN");
const ARUN: (&str, &str) = ("U21339", "ARUN INTEGRATED CARE (AIC) PCN");
const MEADOWS: &str = "H82003";

#[test]
fn west_sussex_drop_updates_every_figure_in_the_drop_frame() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/region_70F.csv");
    let mut scenario = pcn_explorer::io::open_path(&path, None)
        .expect("region_70F.csv reads")
        .scenario;
    // The totals below are worked out with the 2025-26 rates; a new document takes the latest year.
    pcn_explorer::model::apply(
        &mut scenario,
        pcn_explorer::model::Action::SetRuleYear(pcn_explorer::model::RuleYear::Y2025_26),
    )
    .expect("a year with embedded rules");
    let mut harness = harness_on(scenario.clone(), vec2(1600.0, 900.0));
    let before_target = sums(&scenario, ARUN.0, &[], &[]);
    let before_source = sums(&scenario, BURGESS_HILL.0, &[], &[]);
    // Burgess Hill & Villages today: 50,892.50 registered (Meadows Surgery 9,846.25 of it).
    assert_eq!(before_source.registered, 5_089_250);
    let from = harness
        .get_by_label("Meadows Surgery, 9,846 patients")
        .rect()
        .center();
    let to = harness
        .get_by_label(&card(ARUN.1, &before_target))
        .rect()
        .center();
    drag_to_release_frame(&mut harness, from, to); // The release frame only.

    let after_source = sums(&scenario, BURGESS_HILL.0, &[], &[MEADOWS]);
    let after_target = sums(&scenario, ARUN.0, &[MEADOWS], &[]);
    // 35,505.25 + 9,846.25 = 45,351.50; 50,892.50 − 9,846.25 = 41,046.25.
    assert_eq!(after_target.registered, 4_535_150);
    assert_eq!(after_source.registered, 4_104_625);
    harness.get_by_label(&card(ARUN.1, &after_target));
    harness.get_by_label(&card(BURGESS_HILL.1, &after_source));
    harness.get_by_label(&cell(ARUN.1, "Practices", "4"));
    harness.get_by_label(&cell(ARUN.1, "Registered", "45,352"));
    harness.get_by_label(&cell(BURGESS_HILL.1, "Band", "30k–50k"));
    harness.get_by_label(&cell(
        ARUN.1,
        "Total",
        &whole_pounds(total_2025_26(&after_target)),
    ));
    harness.get_by_label(&cell(
        BURGESS_HILL.1,
        "Total",
        &whole_pounds(total_2025_26(&after_source)),
    ));
    assert_eq!(
        harness.state().document().undo_label(),
        Some("Move Meadows Surgery to Arun Integrated Care (AIC) PCN")
    );
}
