//! The one-page HTML report (A4 landscape when printed): map, bar chart, hub table and the moves
//! against the baseline with their reasons, stamped with the data date, rule year and the rates
//! that are not verified.

use super::svg::{bars_svg, hub_hex, map_svg};
use crate::model::compare::{Comparison, HubLabel, compare};
use crate::model::practice::title_case;
use crate::model::quantity::format_patients_whole;
use crate::model::{Metrics, RuleSet, Scenario};
pub use crate::present::escape;
use crate::present::report::{FigureColumn, SUMMARY_COLUMNS, report_rows};
use std::collections::BTreeSet;
use std::fmt::Write;

const STYLE: &str = r#"
@page { size: A4 landscape; margin: 9mm; }
* { box-sizing: border-box; }
body { font: 9.5pt/1.3 "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; margin: 0; padding: 12px; }
h1 { font-size: 15pt; margin: 0 0 2px; }
h2 { font-size: 10.5pt; margin: 8px 0 4px; border-bottom: 1px solid #bbb; padding-bottom: 1px; }
.stamp { color: #444; font-size: 9pt; margin-bottom: 6px; }
.stamp b { color: #1a1a1a; }
.grid { display: grid; grid-template-columns: 40% 60%; gap: 10px; }
.map svg { width: 100%; height: auto; max-height: 330px; border: 1px solid #ddd; background: #fbfbf8; }
.bars svg { width: 100%; height: auto; }
.bars .label, .bars .value { font-size: 8.5px; fill: #222; paint-order: stroke; stroke: #fff; stroke-width: 2.5px; }
.bars .axis { font-size: 8px; fill: #2e7d32; }
.muted { color: #666; fill: #666; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { padding: 1px 5px; border-bottom: 1px solid #e3e3e3; text-align: left; }
th { background: #f0f0f0; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
.band-below { color: #b34a00; font-weight: 600; }
.band-above { color: #7b1fa2; font-weight: 600; }
.total td { font-weight: 600; border-top: 1.5px solid #999; }
.warn { background: #fff7e0; border: 1px solid #e0c060; padding: 4px 8px; font-size: 8.5pt; margin-top: 6px; }
.warn ul { margin: 2px 0 0 16px; padding: 0; }
.rates { font-size: 8.5pt; margin-top: 6px; }
.rates ul { margin: 2px 0 0 16px; padding: 0; }
.edited { color: #a03000; font-weight: bold; }
footer { color: #666; font-size: 8pt; margin-top: 6px; }
@media print {
  html { zoom: 0.7; }
  body { padding: 0; }
  .grid, table, .warn { break-inside: avoid; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The whole report as one self-contained HTML page.
pub fn report_html(scenario: &Scenario, metrics: &Metrics) -> String {
    let region = scenario.region();
    let rules = &metrics.rules;
    let baseline = crate::model::compare::baseline_of(scenario);
    let comparison = compare(&baseline, scenario, scenario.rule_year()).ok();
    let moved: BTreeSet<_> = comparison
        .iter()
        .flat_map(|c| c.moves.iter().map(|m| m.practice))
        .collect();
    let totals = &metrics.region;
    let code = if region.code.is_empty() {
        String::new()
    } else {
        format!(" ({})", escape(&region.code))
    };
    let snapshot = if region.snapshot_date.is_empty() {
        "not stated".to_string()
    } else {
        escape(&region.snapshot_date)
    };
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{STYLE}</style></head><body>\n\
         <h1>{title}</h1>\n<div class=\"stamp\">{name}{code} · data snapshot <b>{snapshot}</b> · rule year <b>{year}</b> ({rules_title}) · source {source}</div>\n\
         <div class=\"stamp\">{practices} practices, {registered} registered patients: {assigned} in {hubs} hubs, {unassigned} unassigned · \
         hubs below 30k: <b>{below}</b>, within 30k–50k: <b>{within}</b>, above 50k: <b>{above}</b> · network funding (all hubs) <b>{money}</b></div>\n",
        title = escape(scenario.title()),
        name = escape(&region.name),
        year = rules.year,
        rules_title = escape(&rules.title),
        source = escape(if region.source.is_empty() {
            "not stated"
        } else {
            &region.source
        }),
        practices = totals.practices,
        registered = format_patients_whole(totals.registered),
        assigned = totals.assigned,
        hubs = totals.hubs,
        unassigned = totals.unassigned,
        below = totals.hubs_below,
        within = totals.hubs_within,
        above = totals.hubs_above,
        money = totals.total_funding.to_display_string(),
    );
    let _ = writeln!(
        html,
        "<div class=\"grid\"><div class=\"map\"><h2>Map: practices by hub (ringed: moved from today's PCN)</h2>{}</div>\
         <div class=\"bars\"><h2>Registered patients per hub (band 30,000–50,000 shaded)</h2>{}</div></div>",
        map_svg(scenario, &moved, 560.0, 330.0),
        bars_svg(scenario, metrics, 760.0)
    );
    html.push_str(&hub_table(scenario, metrics));
    // What was estimated rather than published (the * of the table), and practices with no
    // location, as under the command line's report.
    let note = crate::present::provenance::footnote(scenario);
    if !note.trim().is_empty() {
        let _ = writeln!(
            html,
            "<p class=\"muted\" style=\"white-space:pre-wrap\">{}</p>",
            escape(note.trim())
        );
    }
    if let Some(comparison) = &comparison {
        html.push_str(&moves_table(comparison));
    }
    html.push_str(&super::staff_plan::staff_html(scenario, metrics));
    html.push_str(&unverified_box(rules));
    html.push_str(&rates_box(rules));
    let _ = write!(
        html,
        "<footer>pcn-explorer {} · figures from the same calculation as the window and <code>pcn-explorer report</code>.</footer>\n</body></html>\n",
        env!("CARGO_PKG_VERSION")
    );
    html
}

fn hub_table(scenario: &Scenario, metrics: &Metrics) -> String {
    let rules = &metrics.rules;
    let class = |column: FigureColumn| {
        if column.right_aligned() {
            " class=\"n\""
        } else {
            ""
        }
    };
    let mut out = String::from("<h2>Hubs</h2><table><thead><tr><th>Hub</th><th>Name</th>");
    for column in SUMMARY_COLUMNS {
        let edited = if column.is_edited(rules) {
            " <span class=\"edited\">(edited)</span>"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<th{}>{}{edited}</th>",
            class(column),
            escape(&column.summary_heading(rules))
        );
    }
    out.push_str("</tr></thead><tbody>\n");
    let estimates = crate::present::provenance::has_estimates(scenario);
    for row in report_rows(scenario, metrics) {
        let figures = row.figures;
        let id = scenario.hub_by_code(row.hub_code).filter(|_| row.is_hub);
        // A hub with estimated (not published) member figures is marked, with what and how many.
        let estimated = if estimates {
            crate::present::provenance::row_estimates(scenario, row.hub_code)
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<tr><td><span class=\"swatch\" style=\"background:{}\"></span>{}</td><td>{}</td>",
            hub_hex(scenario, id),
            escape(if row.is_hub { row.hub_code } else { "–" }),
            escape(&title_case(row.hub_name)),
        );
        for column in SUMMARY_COLUMNS {
            let text = escape(&column.text(figures, row.is_hub));
            let cell = match (column, figures.band) {
                (FigureColumn::Band, Some(band)) => {
                    format!("<span class=\"band-{}\">{text}</span>", band.id())
                }
                (FigureColumn::Weighted, _) if !estimated.is_empty() => format!(
                    "{text} <span class=\"edited\" title=\"estimated: {}\">*</span>",
                    escape(&estimated)
                ),
                _ => text,
            };
            let _ = write!(out, "<td{}>{cell}</td>", class(column));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("<tr class=\"total\"><td>Region</td><td>all practices</td>");
    for column in SUMMARY_COLUMNS {
        match column.region_value(&metrics.region) {
            Some(value) => {
                let _ = write!(out, "<td{}>{}</td>", class(column), column.text_of(value));
            }
            None => out.push_str("<td></td>"),
        }
    }
    out.push_str("</tr></tbody></table>\n");
    out
}

fn hub_cell(label: Option<&HubLabel>) -> String {
    label.map_or_else(
        || "<i>unassigned</i>".to_string(),
        |hub| format!("{} {}", escape(&hub.code), escape(&title_case(&hub.name))),
    )
}

fn moves_table(comparison: &Comparison) -> String {
    if comparison.moves.is_empty() {
        return "<h2>Moves against today's PCNs</h2><p class=\"muted\">No practice has moved from its current PCN.</p>\n".to_string();
    }
    let mut out = format!(
        "<h2>Moves against today's PCNs ({})</h2><table><thead><tr><th>Practice</th><th>From</th><th>To</th>\
         <th class=\"n\">Registered</th><th class=\"n\">Weighted</th><th>Reason</th></tr></thead><tbody>\n",
        comparison.moves.len()
    );
    for moved in &comparison.moves {
        let _ = writeln!(
            out,
            "<tr><td>{} {}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            escape(&moved.code),
            escape(&title_case(&moved.name)),
            hub_cell(moved.from.as_ref()),
            hub_cell(moved.to.as_ref()),
            format_patients_whole(moved.registered),
            format_patients_whole(moved.weighted),
            moved
                .reason
                .as_deref()
                .map_or_else(|| "<span class=\"muted\">–</span>".to_string(), escape),
        );
    }
    out.push_str("</tbody></table>\n");
    out
}

/// Every line of the year with its rate, period, verified mark and any edit.
fn rates_box(rules: &RuleSet) -> String {
    let items: Vec<String> = rules
        .lines
        .iter()
        .map(|line| {
            let mut item = format!(
                "<li><b>{}</b>: {} · {}",
                escape(&line.name),
                escape(&line.formula()),
                escape(line.period_label())
            );
            if !line.verified {
                item.push_str(" · unverified");
            }
            if line.is_edited() {
                let _ = write!(
                    item,
                    " · <span class=\"edited\">{}</span>",
                    escape(&crate::present::rules_report::edit_text(line))
                );
            }
            item.push_str("</li>");
            item
        })
        .collect();
    format!(
        "<div class=\"rates\"><b>Rates used ({})</b><ul>{}</ul></div>\n",
        escape(&rules.title),
        items.join("")
    )
}

fn unverified_box(rules: &RuleSet) -> String {
    let unverified: Vec<String> = rules
        .lines
        .iter()
        .filter(|line| !line.verified)
        .map(|line| {
            let note = if line.note.is_empty() {
                String::new()
            } else {
                format!(": {}", escape(&line.note))
            };
            format!(
                "<li><b>{}</b> ({}){note}</li>",
                escape(&line.name),
                escape(&line.formula())
            )
        })
        .collect();
    if unverified.is_empty() {
        format!(
            "<div class=\"warn\">All rates of {} are verified against a primary source.</div>\n",
            rules.year
        )
    } else {
        format!(
            "<div class=\"warn\"><b>Unverified rates in {}</b>: no primary source confirmed them; treat these figures as estimates.<ul>{}</ul></div>\n",
            rules.year,
            unverified.join("")
        )
    }
}
