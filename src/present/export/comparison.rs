//! A comparison of two options as CSV (moves, or per hub with `--hubs`), a text table or JSON.
//! The per-hub columns are those of the report CSV ([`FigureColumn`]), each as
//! `<column>_before,<column>_after,<column>_change`.

use super::csv_text;
use crate::model::compare::{Comparison, HubChange, HubLabel, PracticeMove};
use crate::model::practice::title_case;
use crate::model::quantity::format_patients_whole;
use crate::present::report::{
    FigureColumn, FigureValue, ReportFormat, UNASSIGNED_CODE, UNASSIGNED_NAME, band_change,
    neutralise_cell, unverified_note,
};

/// Columns of the moves CSV. `reason` (the after option's decision log) comes last so that
/// readers of the first six columns are not disturbed.
pub const MOVE_COLUMNS: [&str; 7] = [
    "practice_code",
    "practice_name",
    "from_hub",
    "to_hub",
    "registered_patients",
    "weighted_patients",
    "reason",
];

/// The comparison in a format; `hubs` gives the per-hub table instead of the moves.
pub fn render_comparison(comparison: &Comparison, format: ReportFormat, hubs: bool) -> String {
    match (format, hubs) {
        (ReportFormat::Csv, false) => moves_csv(comparison),
        (ReportFormat::Csv, true) => hubs_csv(comparison),
        (ReportFormat::Json, _) => comparison_json(comparison),
        (ReportFormat::Table, _) => comparison_table(comparison, hubs),
    }
}

fn hub_code(label: Option<&HubLabel>) -> String {
    label.map_or_else(String::new, |hub| neutralise_cell(&hub.code).into_owned())
}

/// One row per moved practice, in region order.
pub fn moves_csv(comparison: &Comparison) -> String {
    let mut rows = vec![MOVE_COLUMNS.map(str::to_string).to_vec()];
    rows.extend(comparison.moves.iter().map(|moved| {
        vec![
            neutralise_cell(&moved.code).into_owned(),
            neutralise_cell(&moved.name).into_owned(),
            hub_code(moved.from.as_ref()),
            hub_code(moved.to.as_ref()),
            FigureValue::Hundredths(moved.registered.0).cell(),
            FigureValue::Hundredths(moved.weighted.0).cell(),
            neutralise_cell(moved.reason.as_deref().unwrap_or_default()).into_owned(),
        ]
    }));
    csv_text(&rows)
}

/// The header of the per-hub CSV for the comparison's year.
pub fn hubs_csv_header(comparison: &Comparison) -> Vec<String> {
    let rules = &comparison.rules;
    let mut header = vec!["hub_code".to_string(), "hub_name".to_string()];
    for column in FigureColumn::all(rules) {
        let name = column.name(rules);
        header.extend(["before", "after", "change"].map(|side| format!("{name}_{side}")));
    }
    header
}

/// The before, after and change cells of one column.
fn column_cells(hub: &HubChange, column: FigureColumn) -> [String; 3] {
    let before = hub.before.as_ref().and_then(|f| column.value(f));
    let after = hub.after.as_ref().and_then(|f| column.value(f));
    let change = if column == FigureColumn::Band {
        band_change(
            hub.before.as_ref().and_then(|f| f.band),
            hub.after.as_ref().and_then(|f| f.band),
        )
    } else {
        FigureValue::change(before, after)
            .map(FigureValue::cell)
            .unwrap_or_default()
    };
    let cell = |value: Option<FigureValue>| value.map(FigureValue::cell).unwrap_or_default();
    [cell(before), cell(after), change]
}

/// The hubs then the unassigned practices (code `UNASSIGNED`), as (code, name, change).
fn hub_rows(comparison: &Comparison) -> impl Iterator<Item = (&str, &str, &HubChange)> {
    comparison
        .hubs
        .iter()
        .map(|hub| (hub.code.as_str(), hub.name.as_str(), hub))
        .chain(std::iter::once((
            UNASSIGNED_CODE,
            UNASSIGNED_NAME,
            &comparison.unassigned,
        )))
}

/// One row per hub code of either side (sorted by code), then `UNASSIGNED`.
pub fn hubs_csv(comparison: &Comparison) -> String {
    let columns = FigureColumn::all(&comparison.rules);
    // With edited rates, a last `edited` column names the figures computed from them.
    let edited = crate::present::rules_report::edited_cell(&comparison.rules);
    let mut rows = vec![hubs_csv_header(comparison)];
    if edited.is_some() {
        rows[0].push("edited".to_string());
    }
    for (code, name, hub) in hub_rows(comparison) {
        let mut row = vec![
            neutralise_cell(code).into_owned(),
            neutralise_cell(name).into_owned(),
        ];
        for column in &columns {
            row.extend(column_cells(hub, *column));
        }
        if let Some(text) = &edited {
            row.push(neutralise_cell(text).into_owned());
        }
        rows.push(row);
    }
    csv_text(&rows)
}

fn move_json(moved: &PracticeMove) -> serde_json::Value {
    serde_json::json!({
        "practice_code": moved.code,
        "practice_name": moved.name,
        "from_hub": moved.from.as_ref().map(|hub| &hub.code),
        "from_hub_name": moved.from.as_ref().map(|hub| &hub.name),
        "to_hub": moved.to.as_ref().map(|hub| &hub.code),
        "to_hub_name": moved.to.as_ref().map(|hub| &hub.name),
        "registered_patients": moved.registered.as_f64(),
        "weighted_patients": moved.weighted.as_f64(),
        "reason": moved.reason,
    })
}

/// The moves and every hub's before / after / change, as one JSON document.
pub fn comparison_json(comparison: &Comparison) -> String {
    let rules = &comparison.rules;
    let columns = FigureColumn::all(rules);
    let hubs: Vec<serde_json::Value> = hub_rows(comparison)
        .map(|(code, name, hub)| {
            let side = |figures: Option<&crate::model::GroupFigures>| {
                figures.map(|figures| {
                    columns
                        .iter()
                        .map(|c| {
                            let value = c.value(figures).map(FigureValue::json);
                            (c.name(rules), value.unwrap_or(serde_json::Value::Null))
                        })
                        .collect::<serde_json::Map<_, _>>()
                })
            };
            let change: serde_json::Map<String, serde_json::Value> = columns
                .iter()
                .map(|column| {
                    let value = if *column == FigureColumn::Band {
                        let text = band_change(
                            hub.before.as_ref().and_then(|f| f.band),
                            hub.after.as_ref().and_then(|f| f.band),
                        );
                        (!text.is_empty()).then(|| text.into())
                    } else {
                        FigureValue::change(
                            hub.before.as_ref().and_then(|f| column.value(f)),
                            hub.after.as_ref().and_then(|f| column.value(f)),
                        )
                        .map(FigureValue::json)
                    };
                    (column.name(rules), value.unwrap_or(serde_json::Value::Null))
                })
                .collect();
            serde_json::json!({
                "hub_code": code,
                "hub_name": name,
                "appears": hub.appears(),
                "disappears": hub.disappears(),
                "before": side(hub.before.as_ref()),
                "after": side(hub.after.as_ref()),
                "change": change,
            })
        })
        .collect();
    let document = serde_json::json!({
        "report": "pcn-explorer comparison",
        "report_version": 1,
        "rule_year": comparison.year.label(),
        "edited_columns": crate::present::rules_report::edited_columns(&comparison.rules),
        "moves": comparison.moves.iter().map(move_json).collect::<Vec<_>>(),
        "hubs": hubs,
        "total_gbp_before": comparison.before_total.as_pounds_f64(),
        "total_gbp_after": comparison.after_total.as_pounds_f64(),
        "total_gbp_change": (comparison.after_total - comparison.before_total).as_pounds_f64(),
    });
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

fn hub_label(label: Option<&HubLabel>) -> String {
    label.map_or_else(
        || "unassigned".to_string(),
        |hub| format!("{} {}", hub.code, title_case(&hub.name)),
    )
}

fn signed_patients(hundredths: i64) -> String {
    let text = format_patients_whole(crate::model::Patients(hundredths));
    if hundredths > 0 {
        format!("+{text}")
    } else {
        text
    }
}

/// For people: the moves, then the hubs that changed (every hub with `all_hubs`).
pub fn comparison_table(comparison: &Comparison, all_hubs: bool) -> String {
    let mut out = format!(
        "Comparison under the {} rules: {} practice(s) moved.\n\n",
        comparison.year,
        comparison.moves.len()
    );
    let mut moves = vec![vec![
        "Practice".to_string(),
        "Name".to_string(),
        "From".to_string(),
        "To".to_string(),
        "Registered".to_string(),
        "Reason".to_string(),
    ]];
    moves.extend(comparison.moves.iter().map(|moved| {
        vec![
            moved.code.clone(),
            title_case(&moved.name),
            hub_label(moved.from.as_ref()),
            hub_label(moved.to.as_ref()),
            format_patients_whole(moved.registered),
            moved.reason.clone().unwrap_or_default(),
        ]
    }));
    if comparison.moves.is_empty() {
        out.push_str("No practice moved.\n");
    } else {
        out.push_str(&plain_table(&moves, &[4]));
    }
    let mut hubs = vec![
        [
            "Hub",
            "Name",
            "Registered",
            "→",
            "Change",
            "Band",
            "Total £",
            "→",
            "Change",
        ]
        .map(str::to_string)
        .to_vec(),
    ];
    for (code, name, hub) in hub_rows(comparison) {
        if !all_hubs && hub.is_unchanged() {
            continue;
        }
        let change = hub.change();
        let registered = |f: Option<&crate::model::GroupFigures>| {
            f.map_or_else(|| "–".to_string(), |f| format_patients_whole(f.registered))
        };
        let total = |f: Option<&crate::model::GroupFigures>| {
            f.map_or_else(|| "–".to_string(), |f| f.total.to_whole_pounds_string())
        };
        let band = band_change(change.band_before, change.band_after);
        hubs.push(vec![
            code.to_string(),
            title_case(name),
            registered(hub.before.as_ref()),
            registered(hub.after.as_ref()),
            signed_patients(change.registered.0),
            band,
            total(hub.before.as_ref()),
            total(hub.after.as_ref()),
            change.total.to_whole_pounds_string(),
        ]);
    }
    out.push('\n');
    if hubs.len() == 1 {
        out.push_str("No hub changed.\n");
    } else {
        out.push_str(&plain_table(&hubs, &[2, 3, 4, 6, 7, 8]));
    }
    out.push_str(&format!(
        "\nNetwork funding (all hubs): {} → {} ({}).\n",
        comparison.before_total.to_display_string(),
        comparison.after_total.to_display_string(),
        (comparison.after_total - comparison.before_total).to_display_string()
    ));
    out.push_str(&crate::present::rules_report::edited_note(
        &comparison.rules,
    ));
    out.push_str(&unverified_note(&comparison.rules));
    out
}

/// Aligned columns; the first row is the header; `right` lists right-aligned columns.
fn plain_table(rows: &[Vec<String>], right: &[usize]) -> String {
    let mut widths = vec![0usize; rows.first().map_or(0, Vec::len)];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for (index, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (column, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[column].saturating_sub(cell.chars().count()));
            if column > 0 {
                line.push_str("  ");
            }
            if right.contains(&column) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if index == 0 {
            let rule: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
            out.push_str(&"─".repeat(rule));
            out.push('\n');
        }
    }
    out
}
