//! `pcn-explorer suggest`: the fewest practice moves that bring every hub into its band, with
//! locks and a spread limit, printed as moves per alternative (table, CSV or JSON), and the
//! first alternative written as a scenario with `-o`.

use crate::model::optimise::{Constraints, Options, Outcome, Proof, Suggestion, suggest};
use crate::model::{PracticeId, Scenario};
use crate::present::report::{ReportFormat, neutralise_cell};
use std::fmt::Write;

/// `--max-spread-km`: km, or `None` for no limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpreadLimit(pub Option<f64>);

/// `--max-spread-km 15` or `none`.
pub fn parse_spread(text: &str) -> Result<SpreadLimit, String> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(SpreadLimit(None));
    }
    let km: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of km or \"none\""))?;
    if !km.is_finite() || km < 0.0 {
        return Err(format!("{text:?}: the spread limit must be 0 km or more"));
    }
    Ok(SpreadLimit(Some(km)))
}

/// The constraints of `--lock` (practice codes) and `--lock-hub` (hub codes); an unknown code
/// is an error naming it.
pub fn constraints_from_codes(
    scenario: &Scenario,
    locks: &[String],
    lock_hubs: &[String],
) -> anyhow::Result<Constraints> {
    // The scenario's own locks and groups, plus those given here.
    let mut constraints = scenario.constraints().clone();
    for code in locks
        .iter()
        .flat_map(|list| list.split(','))
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let code = crate::model::text::normalise_code(code);
        let id: PracticeId = scenario.region().id_of(&code).ok_or_else(|| {
            anyhow::anyhow!("--lock {code}: there is no such practice in this region")
        })?;
        constraints.locked_practices.insert(id);
    }
    for code in lock_hubs
        .iter()
        .flat_map(|list| list.split(','))
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let code = crate::model::text::normalise_code(code);
        let id = scenario.hub_by_code(&code).ok_or_else(|| {
            anyhow::anyhow!("--lock-hub {code}: there is no such hub in this scenario")
        })?;
        constraints.locked_hubs.insert(id);
    }
    Ok(constraints)
}

/// New hubs that `--allow-new-hubs` lets open at most (the window's *Allow new hubs* too).
pub use crate::model::optimise::NEW_HUBS_ALLOWED;

/// Runs the search with a time limit of `seconds` (both cores on the desktop).
pub fn run(
    scenario: &Scenario,
    constraints: &Constraints,
    max_spread_km: Option<f64>,
    k: usize,
    seconds: f64,
    seed: u64,
    new_hubs: usize,
) -> Outcome {
    let options = Options {
        max_spread_km,
        seed,
        new_hubs,
        alternatives: k.max(1),
        threads: std::thread::available_parallelism().map_or(1, |n| n.get().min(2)),
        ..Options::default()
    };
    let started = web_time::Instant::now();
    let limit = std::time::Duration::from_secs_f64(seconds.max(0.01));
    let should_stop = move || started.elapsed() >= limit;
    suggest(scenario, constraints, &options, &should_stop)
}

/// One line about how sure the answer is (`seconds`: the time the search took).
pub fn proof_text(outcome: &Outcome, seconds: f64) -> String {
    match &outcome.proof {
        Proof::Optimal => {
            "proved optimal (fewest practices moved, then fewest patients, then fewest new hubs, then least spread)"
                .to_string()
        }
        Proof::BestFound { lower_bound }
            if outcome.count_proved() && outcome.fewest_patients_proved =>
        {
            format!(
                "best found in {seconds} s: {lower_bound} practice move(s): proved the fewest that put every hub in band, moving the fewest patients among them, but one of as many opening fewer new hubs or with less spread may exist"
            )
        }
        Proof::BestFound { lower_bound } if outcome.count_proved() => format!(
            "best found in {seconds} s: {lower_bound} practice move(s): proved the fewest that put every hub in band, but a change of as many moving fewer patients may exist"
        ),
        Proof::BestFound { lower_bound } => format!(
            "best found in {seconds} s, not proved optimal; putting every hub in band needs at least {lower_bound} practice move(s)"
        ),
        Proof::Infeasible(reason) => format!("infeasible: {reason}"),
    }
}

fn hub_code(scenario: &Scenario, id: Option<crate::model::HubId>) -> String {
    id.and_then(|id| scenario.hub(id))
        .map_or_else(String::new, |hub| hub.code.clone())
}

fn move_rows(scenario: &Scenario, suggestion: &Suggestion) -> Vec<[String; 5]> {
    let to_code = |id: crate::model::HubId| {
        suggestion
            .new_hubs
            .iter()
            .find(|(new, _)| *new == id)
            .map_or_else(|| hub_code(scenario, Some(id)), |(_, code)| code.clone())
    };
    suggestion
        .moves
        .iter()
        .filter_map(|m| {
            let practice = scenario.region().practice(m.practice)?;
            Some([
                practice.code.clone(),
                practice.name.clone(),
                hub_code(scenario, m.from),
                to_code(m.to),
                crate::model::quantity::format_hundredths(practice.registered_patients.0),
            ])
        })
        .collect()
}

/// The suggestions as a table, CSV or JSON.
pub fn render(
    scenario: &Scenario,
    outcome: &Outcome,
    format: ReportFormat,
    seconds: f64,
) -> String {
    let proof = proof_text(outcome, seconds);
    match format {
        ReportFormat::Table => {
            let mut out = format!("{proof}\n");
            for (index, suggestion) in outcome.suggestions.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "\nAlternative {}: {} practice(s) moved, {} patients; hubs in band {} -> {} of {}{}",
                    index + 1,
                    suggestion.practices_moved,
                    crate::model::quantity::format_patients_whole(suggestion.patients_moved),
                    suggestion.hubs_in_band_before,
                    suggestion.hubs_in_band_after,
                    suggestion.hubs_after,
                    if suggestion.feasible {
                        ""
                    } else {
                        " (not every hub in band)"
                    }
                );
                if !suggestion.new_hubs.is_empty() {
                    let codes: Vec<&str> = suggestion
                        .new_hubs
                        .iter()
                        .map(|(_, c)| c.as_str())
                        .collect();
                    let _ = writeln!(out, "New hubs opened: {}", codes.join(", "));
                }
                out.push_str("practice_code,practice_name,from_hub,to_hub,registered_patients\n");
                for row in move_rows(scenario, suggestion) {
                    out.push_str(&row.join(","));
                    out.push('\n');
                }
                if !suggestion.out_of_line.is_empty() {
                    let _ = writeln!(
                        out,
                        "Still out of band after it ({}):",
                        suggestion.out_of_line.len()
                    );
                    for hub in &suggestion.out_of_line {
                        let _ = writeln!(out, "  {}", hub.text());
                    }
                }
            }
            out
        }
        ReportFormat::Csv => {
            let mut rows = vec![
                [
                    "alternative",
                    "practice_code",
                    "practice_name",
                    "from_hub",
                    "to_hub",
                    "registered_patients",
                ]
                .map(String::from)
                .to_vec(),
            ];
            for (index, suggestion) in outcome.suggestions.iter().enumerate() {
                for row in move_rows(scenario, suggestion) {
                    let mut cells = vec![(index + 1).to_string()];
                    cells.extend(row.iter().map(|cell| neutralise_cell(cell).into_owned()));
                    rows.push(cells);
                }
            }
            crate::present::export::csv_text(&rows)
        }
        ReportFormat::Json => {
            let alternatives: Vec<serde_json::Value> = outcome
                .suggestions
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "practices_moved": s.practices_moved,
                        "patients_moved": s.patients_moved.as_f64(),
                        "hubs_in_band_before": s.hubs_in_band_before,
                        "hubs_in_band_after": s.hubs_in_band_after,
                        "hubs_after": s.hubs_after,
                        "every_hub_in_band": s.feasible,
                        "total_spread_km": s.total_spread_km,
                        "new_hubs": s.new_hubs.iter().map(|(_, c)| c.clone()).collect::<Vec<_>>(),
                        "out_of_line": s.out_of_line.iter().map(|h| serde_json::json!({
                            "hub": h.code, "registered_patients": h.patients.as_f64(),
                            "why": h.reason.text(h.max), "text": h.text(),
                        })).collect::<Vec<_>>(),
                        "moves": move_rows(scenario, s).iter().map(|r| serde_json::json!({
                            "practice_code": r[0], "practice_name": r[1], "from_hub": r[2],
                            "to_hub": r[3], "registered_patients": r[4].parse::<f64>().unwrap_or(0.0),
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let count_proved = outcome.count_proved();
            let (proved, infeasible, lower_bound) = match &outcome.proof {
                Proof::Optimal => (true, serde_json::Value::Null, serde_json::Value::Null),
                Proof::BestFound { lower_bound } => {
                    (false, serde_json::Value::Null, (*lower_bound).into())
                }
                Proof::Infeasible(reason) => {
                    (false, reason.clone().into(), serde_json::Value::Null)
                }
            };
            let value = serde_json::json!({
                "proved_optimal": proved,
                "fewest_practices_proved": proved || count_proved,
                "fewest_patients_proved": proved || (count_proved && outcome.fewest_patients_proved),
                "infeasible": infeasible,
                "lower_bound": lower_bound,
                "summary": proof,
                "alternatives": alternatives,
            });
            format!(
                "{}\n",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            )
        }
    }
}
