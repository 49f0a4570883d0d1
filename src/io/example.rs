//! The bundled fictional region (Riverford and District) that the app opens on first run.

use super::practice_csv::read_practice_csv;
use crate::model::{Action, ActionError, Hub, HubId, PracticeId, RuleYear, Scenario, apply};
use std::sync::Arc;

/// The example region's practice CSV, embedded in the binary.
pub const EXAMPLE_CSV: &str = include_str!("../../assets/example/riverford.csv");
pub const EXAMPLE_FILE_NAME: &str = "riverford.csv";

/// The example region in its baseline configuration. The embedded file is checked by tests, so
/// reading it cannot fail in a released binary; if it ever did, an empty scenario is returned.
pub fn example_scenario() -> Scenario {
    match read_practice_csv(EXAMPLE_FILE_NAME, EXAMPLE_CSV.as_bytes()) {
        Ok(data) => {
            let mut region = data.region;
            region.name = "Riverford and District (fictional example)".to_string();
            Scenario::baseline(Arc::new(region), RuleYear::default())
        }
        Err(_) => Scenario::empty(
            Arc::new(crate::model::Region::empty("empty")),
            RuleYear::default(),
            "Empty".to_string(),
        ),
    }
}

/// The example scenario files shipped in `scenarios/`, by file name, built from the example
/// region with model actions (a test checks the files match, and rewrites them with
/// `UPDATE_SCENARIOS=1`).
pub fn example_scenarios() -> Result<Vec<(&'static str, Scenario)>, ActionError> {
    let baseline = example_scenario();

    let mut option_a = baseline.clone();
    let stanmere = hub_id(&option_a, "X10549")?;
    let oakby_members = ["X80351", "X80377"]
        .iter()
        .map(|code| practice_id(&option_a, code))
        .collect::<Result<Vec<_>, _>>()?;
    let new_id = option_a.next_hub_id();
    for action in [
        Action::SetTitle("Option A: split Stanmere & Oakby into two networks".to_string()),
        Action::SetNotes(
            "Stanmere & Oakby PCN (71,276 registered) is above the 50,000 band. Oakby Medical \
             Practice and Northgate Family Practice form Oakby PCN; the other four stay as Stanmere \
             PCN. Both end up within 30,000–50,000."
                .to_string(),
        ),
        Action::RenameHub {
            id: stanmere,
            name: "STANMERE PCN".to_string(),
        },
        Action::CreateHub {
            id: new_id,
            hub: Hub {
                code: "NEW1".to_string(),
                name: "OAKBY PCN".to_string(),
                colour: option_a.least_used_colour(8),
            },
            members: oakby_members,
        },
    ] {
        apply(&mut option_a, action)?;
    }

    let mut option_b = baseline.clone();
    let thornleigh = hub_id(&option_b, "X10686")?;
    let kestrel = hub_id(&option_b, "X10823")?;
    for action in [
        Action::SetTitle("Option B: Thornleigh Rural joins Kestrel Downs".to_string()),
        Action::SetNotes(
            "Thornleigh Rural PCN (17,394 registered) is below the 30,000 band. Its three \
             practices join their southern neighbour Kestrel Downs PCN, which goes above 50,000."
                .to_string(),
        ),
        Action::MergeHubs {
            into: kestrel,
            from: thornleigh,
        },
    ] {
        apply(&mut option_b, action)?;
    }
    Ok(vec![
        ("riverford-baseline.ron", baseline),
        ("riverford-option-a-split-stanmere-oakby.ron", option_a),
        ("riverford-option-b-thornleigh-joins-kestrel.ron", option_b),
    ])
}

fn hub_id(scenario: &Scenario, code: &str) -> Result<HubId, ActionError> {
    scenario
        .hub_by_code(code)
        .ok_or(ActionError::UnknownHub(u32::MAX))
}

fn practice_id(scenario: &Scenario, code: &str) -> Result<PracticeId, ActionError> {
    scenario
        .region()
        .id_of(code)
        .ok_or(ActionError::UnknownPractice(u32::MAX))
}
