//! The staffing plan laid out for exports: one line per staff row with its hub, employer, role,
//! WTE, cost, start, the maximum that applies and what it can claim; and per hub the ARRS
//! figures. The CSV (`export --what staff`), the workbook's Staff sheet and the HTML report's
//! staff table all read these lines, and the figures come from the same calculation as the
//! window ([`crate::model::staffing`]).

use crate::model::practice::title_case;
use crate::model::staffing::{Employer, MONTHS, catalogue, row_cost_and_claim};
use crate::model::{HubId, Metrics, Pence, Scenario};
use crate::present::escape;
use crate::present::report::neutralise_cell;
use std::fmt::Write;

/// One staff row as exported.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanLine {
    pub hub_code: String,
    pub hub_name: String,
    /// `network`, or the employing practice's code.
    pub employer: String,
    pub role: String,
    pub wte_hundredths: i64,
    /// The actual annual cost, if the plan gives one.
    pub annual_cost: Option<Pence>,
    pub start_month: &'static str,
    /// Per WTE; `None` when the role is not reimbursable in the year.
    pub maximum_per_wte: Option<Pence>,
    pub maximum_verified: bool,
    pub claimable: Pence,
}

/// Every staff row of every hub (hub code order, then network before practices).
pub fn plan_lines(scenario: &Scenario, metrics: &Metrics) -> Vec<PlanLine> {
    let plan = scenario.staff();
    let year = metrics.rules.year;
    let mut lines = Vec::new();
    let mut hubs: Vec<(&String, HubId)> = scenario
        .hubs()
        .iter()
        .map(|(id, hub)| (&hub.code, *id))
        .collect();
    hubs.sort();
    for (code, id) in hubs {
        let Some(hub) = scenario.hub(id) else {
            continue;
        };
        let area = plan.pay_area(id);
        let employers = std::iter::once(Employer::Network(id))
            .chain(scenario.members(id).map(Employer::Practice));
        for employer in employers {
            for row in plan.rows_of(employer) {
                let maximum = plan.maximum(year, &row.role, area);
                let (_, claim) = row_cost_and_claim(plan, year, area, row, &mut |_| {});
                lines.push(PlanLine {
                    hub_code: code.clone(),
                    hub_name: title_case(&hub.name),
                    employer: match employer {
                        Employer::Network(_) => "network".to_string(),
                        Employer::Practice(practice) => scenario
                            .region()
                            .practice(practice)
                            .map(|p| p.code.clone())
                            .unwrap_or_default(),
                    },
                    role: catalogue()
                        .role(&row.role)
                        .map_or_else(|| row.role.clone(), |role| role.name.clone()),
                    wte_hundredths: row.wte.hundredths(),
                    annual_cost: row.annual_cost,
                    start_month: MONTHS[usize::from(row.start_month.min(11))],
                    maximum_per_wte: maximum.map(|(per_wte, _)| per_wte),
                    maximum_verified: maximum.is_some_and(|(_, verified)| verified),
                    claimable: claim.unwrap_or_default(),
                });
            }
        }
    }
    lines
}

/// The columns of the staff plan CSV.
pub const STAFF_PLAN_COLUMNS: [&str; 11] = [
    "hub_code",
    "hub_name",
    "employer",
    "role",
    "wte",
    "annual_cost_gbp",
    "start_month",
    "maximum_per_wte_gbp",
    "maximum_verified",
    "claimable_gbp",
    "note",
];

/// The staff plan as CSV: one row per staff row (the same columns a staff list is read from,
/// plus the maximum and what each row claims).
pub fn staff_plan_csv(scenario: &Scenario, metrics: &Metrics) -> String {
    let mut rows = vec![STAFF_PLAN_COLUMNS.map(String::from).to_vec()];
    for line in plan_lines(scenario, metrics) {
        rows.push(vec![
            neutralise_cell(&line.hub_code).into_owned(),
            neutralise_cell(&line.hub_name).into_owned(),
            neutralise_cell(&line.employer).into_owned(),
            line.role.clone(),
            crate::model::quantity::format_hundredths(line.wte_hundredths),
            line.annual_cost
                .map(Pence::to_plain_string)
                .unwrap_or_default(),
            line.start_month.to_string(),
            line.maximum_per_wte
                .map(Pence::to_plain_string)
                .unwrap_or_default(),
            if line.maximum_verified { "yes" } else { "no" }.to_string(),
            line.claimable.to_plain_string(),
            if line.maximum_per_wte.is_none() {
                format!("not reimbursable in {}", metrics.rules.year)
            } else {
                String::new()
            },
        ]);
    }
    super::csv_text(&rows)
}

/// The HTML report's staffing section: per hub entitlement, claimable and headroom, then the
/// rows. Empty when the scenario has no staff.
pub fn staff_html(scenario: &Scenario, metrics: &Metrics) -> String {
    if !scenario.staff().has_staff() {
        return String::new();
    }
    let mut html = String::from(
        "<h2>ARRS staff plan</h2><table><thead><tr><th>Hub</th><th>Employer</th><th>Role</th>\
         <th class=\"n\">WTE</th><th class=\"n\">Cost a year</th><th>Start</th>\
         <th class=\"n\">Maximum per WTE</th><th class=\"n\">Claimable</th></tr></thead><tbody>\n",
    );
    for line in plan_lines(scenario, metrics) {
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}{}</td><td class=\"n\">{}</td></tr>",
            escape(&line.hub_name),
            escape(&line.employer),
            escape(&line.role),
            crate::model::quantity::format_hundredths(line.wte_hundredths),
            line.annual_cost
                .map_or_else(|| "at maximum".to_string(), Pence::to_whole_pounds_string),
            line.start_month,
            line.maximum_per_wte.map_or_else(
                || "not reimbursable".to_string(),
                Pence::to_whole_pounds_string
            ),
            if line.maximum_verified { "" } else { " †" },
            line.claimable.to_whole_pounds_string(),
        );
    }
    html.push_str("</tbody></table>\n<table><thead><tr><th>Hub</th><th class=\"n\">ARRS entitlement</th><th class=\"n\">Claimable</th><th class=\"n\">Headroom</th></tr></thead><tbody>\n");
    let mut hubs: Vec<_> = scenario.hubs().iter().collect();
    hubs.sort_by(|a, b| a.1.code.cmp(&b.1.code));
    for (id, hub) in hubs {
        let Some(figures) = metrics.hubs.get(id) else {
            continue;
        };
        if figures.arrs.rows == 0 {
            continue;
        }
        let headroom = figures.arrs.headroom();
        let shown = if headroom.0 < 0 {
            format!("<b>overspend {}</b>", (-headroom).to_whole_pounds_string())
        } else {
            headroom.to_whole_pounds_string()
        };
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{shown}</td></tr>",
            escape(&title_case(&hub.name)),
            figures.arrs.entitlement.to_whole_pounds_string(),
            figures.arrs.claimable.to_whole_pounds_string(),
        );
    }
    html.push_str("</tbody></table>\n<p class=\"muted\">† a seeded maximum, not a verified figure: correct it from your ICB's figures.</p>\n");
    html
}
