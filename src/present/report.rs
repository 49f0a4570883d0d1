//! Hub reports as CSV, a text table and JSON, for the command line, exports and the window.
//!
//! Every figure is read from [`Metrics`]; this module only lays them out.

use crate::model::growth::{format_rate, project};
use crate::model::practice::title_case;
use crate::model::quantity::{format_hundredths, format_patients_whole};
use crate::model::{Band, GroupFigures, Metrics, RuleSet, Scenario};
pub use crate::present::columns::{
    CSV_ARRS_COLUMNS, CSV_FIXED_COLUMNS, FigureColumn, FigureValue, SUMMARY_COLUMNS, band_change,
};
pub use crate::present::{ReportFormat, neutralise_cell};

/// `hub_code` of the row holding the practices without a hub.
pub const UNASSIGNED_CODE: &str = "UNASSIGNED";
pub const UNASSIGNED_NAME: &str = "Unassigned practices";

/// One row of a report: a hub, or the unassigned practices.
#[derive(Debug, Clone)]
pub struct ReportRow<'a> {
    pub hub_code: &'a str,
    pub hub_name: &'a str,
    pub figures: &'a GroupFigures,
    /// False for the unassigned practices (no band, no money).
    pub is_hub: bool,
}

/// The hubs sorted by code, then the unassigned practices.
pub fn report_rows<'a>(scenario: &'a Scenario, metrics: &'a Metrics) -> Vec<ReportRow<'a>> {
    let mut rows: Vec<ReportRow<'a>> = scenario
        .hubs()
        .iter()
        .filter_map(|(id, hub)| {
            Some(ReportRow {
                hub_code: &hub.code,
                hub_name: &hub.name,
                figures: metrics.hubs.get(id)?,
                is_hub: true,
            })
        })
        .collect();
    rows.sort_by(|a, b| a.hub_code.cmp(b.hub_code));
    rows.push(ReportRow {
        hub_code: UNASSIGNED_CODE,
        hub_name: UNASSIGNED_NAME,
        figures: &metrics.unassigned,
        is_hub: false,
    });
    rows
}

/// What a report shows beyond the figures of today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// Project each hub's registered list this many years ahead at its yearly growth (needs a
    /// region with lists at two dates, `Region::list_years`).
    pub project_years: Option<u32>,
}

/// The report in the requested format.
pub fn render(scenario: &Scenario, metrics: &Metrics, format: ReportFormat) -> String {
    render_with(scenario, metrics, format, ReportOptions::default())
}

/// The report in the requested format, with the options' extra columns.
pub fn render_with(
    scenario: &Scenario,
    metrics: &Metrics,
    format: ReportFormat,
    options: ReportOptions,
) -> String {
    let growth = options
        .project_years
        .and_then(|ahead| Some((scenario.region().list_years()?, ahead)));
    match format {
        // Nothing from a file reaches the terminal raw (an ESC could fake or hide a row).
        ReportFormat::Table => {
            let mut text = report_table(scenario, metrics);
            if let Some((years, ahead)) = growth {
                text.push_str(&growth_table(scenario, metrics, years, ahead));
            }
            crate::model::text::without_unsafe_chars_multiline(&text).into_owned()
        }
        ReportFormat::Csv => report_csv_with(scenario, metrics, growth),
        ReportFormat::Json => report_json_with(scenario, metrics, growth),
    }
}

/// The columns `report --project-years` adds to the CSV.
pub const CSV_GROWTH_COLUMNS: [&str; 3] = [
    "registered_growth_pct_a_year",
    "registered_projected",
    "band_projected",
];

/// The growth cells of a group: yearly growth in per cent (2 decimals), the projected list and
/// (hubs only) its band; empty cells when the group has no member with an earlier list.
fn growth_cells(row: &ReportRow<'_>, years: f64, ahead: u32) -> [String; 3] {
    let Some(projection) = project(&row.figures.trend, row.figures.registered, years, ahead) else {
        return Default::default();
    };
    [
        FigureValue::Ratio(projection.yearly_rate * 100.0).cell(),
        format_hundredths(projection.registered.0),
        if row.is_hub {
            projection.band.id().to_string()
        } else {
            String::new()
        },
    ]
}

/// The growth section of the table: each hub's yearly growth and its list `ahead` years on,
/// with the hubs that would leave the 30,000–50,000 band named.
fn growth_table(scenario: &Scenario, metrics: &Metrics, years: f64, ahead: u32) -> String {
    let region = scenario.region();
    let mut out = format!(
        "\nList growth {} to {} (compound yearly rate of the practices listed at both dates), \
         projected {ahead} years ahead. A trend, not a forecast.\n",
        region.earlier_list_date, region.snapshot_date
    );
    let columns = [
        column("Hub", false),
        column("Name", false),
        column("Registered", true),
        column("Growth", true),
        column(&format!("In {ahead} years"), true),
        column("Band then", false),
    ];
    let mut leaving = Vec::new();
    let mut entering = Vec::new();
    let table: Vec<Vec<String>> = report_rows(scenario, metrics)
        .iter()
        .map(|row| {
            let figures = row.figures;
            let projection = project(&figures.trend, figures.registered, years, ahead);
            if let (Some(projection), Some(band)) = (projection, figures.band)
                && row.is_hub
                && (band == Band::Within) != (projection.band == Band::Within)
            {
                let entry = format!("{} ({})", row.hub_code, projection.band.label());
                if band == Band::Within {
                    leaving.push(entry);
                } else {
                    entering.push(entry);
                }
            }
            vec![
                row.hub_code.to_string(),
                title_case(row.hub_name),
                format_patients_whole(figures.registered),
                projection.map_or_else(|| "–".to_string(), |p| format_rate(p.yearly_rate)),
                projection.map_or_else(|| "–".to_string(), |p| format_patients_whole(p.registered)),
                match (projection, row.is_hub) {
                    (Some(p), true) => p.band.label().to_string(),
                    _ => "–".to_string(),
                },
            ]
        })
        .collect();
    out.push_str(&layout(&columns, &table));
    for (hubs, what) in [(&leaving, "leave"), (&entering, "come into")] {
        if hubs.is_empty() {
            out.push_str(&format!(
                "No hub would {what} the 30,000–50,000 band within {ahead} years on its trend.\n"
            ));
        } else {
            out.push_str(&format!(
                "Hubs that would {what} the 30,000–50,000 band within {ahead} years on their trend: {}.\n",
                hubs.join(", ")
            ));
        }
    }
    out
}

/// The CSV header for a rule set.
pub fn csv_header(rules: &RuleSet) -> Vec<String> {
    ["hub_code".to_string(), "hub_name".to_string()]
        .into_iter()
        .chain(FigureColumn::all(rules).into_iter().map(|c| c.name(rules)))
        .collect()
}

/// One row per hub sorted by hub code, then `UNASSIGNED`; money in pounds to 2 decimals.
pub fn report_csv(scenario: &Scenario, metrics: &Metrics) -> String {
    report_csv_with(scenario, metrics, None)
}

/// The CSV report; with `growth` (`(years between the extracts, years ahead)`), the columns
/// [`CSV_GROWTH_COLUMNS`] follow the figure columns.
fn report_csv_with(scenario: &Scenario, metrics: &Metrics, growth: Option<(f64, u32)>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // With edited rates, an `edited` column names the figures computed from them; with
    // estimated practice values, an `estimated` column says which (each only when needed).
    let edited = super::rules_report::edited_cell(&metrics.rules);
    let estimates = crate::present::provenance::has_estimates(scenario);
    let mut lines = vec![csv_header(&metrics.rules)];
    if growth.is_some() {
        lines[0].extend(CSV_GROWTH_COLUMNS.map(str::to_string));
    }
    if edited.is_some() {
        lines[0].push("edited".to_string());
    }
    if estimates {
        lines[0].push(crate::present::provenance::ESTIMATED_COLUMN.to_string());
    }
    for row in report_rows(scenario, metrics) {
        let mut cells = vec![
            neutralise_cell(row.hub_code).into_owned(),
            neutralise_cell(row.hub_name).into_owned(),
        ];
        cells.extend(FigureColumn::all(&metrics.rules).into_iter().map(|column| {
            column
                .value(row.figures)
                .map(FigureValue::cell)
                .unwrap_or_default()
        }));
        if let Some((years, ahead)) = growth {
            cells.extend(growth_cells(&row, years, ahead));
        }
        if let Some(text) = &edited {
            cells.push(if row.is_hub {
                neutralise_cell(text).into_owned()
            } else {
                String::new()
            });
        }
        if estimates {
            cells.push(crate::present::provenance::row_estimates(
                scenario,
                row.hub_code,
            ));
        }
        lines.push(cells);
    }
    for cells in &lines {
        // Writing to memory cannot fail.
        let _ = writer.write_record(cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A column of a text table.
struct Column {
    title: String,
    right: bool,
}

/// Lays out rows under titles with aligned columns.
fn layout(columns: &[Column], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = columns.iter().map(|c| c.title.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (index, (cell, column)) in cells.iter().zip(columns).enumerate() {
            if index > 0 {
                out.push_str("  ");
            }
            let pad = " ".repeat(widths[index].saturating_sub(cell.chars().count()));
            if column.right {
                out.push_str(&pad);
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&pad);
            }
        }
        out.trim_end().to_string() + "\n"
    };
    let mut out = line(columns.iter().map(|c| c.title.as_str()).collect());
    let rule: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    out.push_str(&"─".repeat(rule));
    out.push('\n');
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

fn column(title: &str, right: bool) -> Column {
    Column {
        title: title.to_string(),
        right,
    }
}

/// Aligned tables for people: hub figures, funding by line, region totals and a note on
/// unverified rates.
pub fn report_table(scenario: &Scenario, metrics: &Metrics) -> String {
    let rules = &metrics.rules;
    let region = scenario.region();
    let totals = &metrics.region;
    let rows = report_rows(scenario, metrics);
    let mut out = format!("{}\n", scenario.title());
    let code = if region.code.is_empty() {
        String::new()
    } else {
        format!(" ({})", region.code)
    };
    out.push_str(&format!(
        "{}{code} · {} · rule year {}\n\n",
        region.name, region.source, rules.year
    ));

    let mut columns = vec![column("Hub", false), column("Name", false)];
    columns.extend(SUMMARY_COLUMNS.iter().map(|figure| {
        column(
            &edited_title(&figure.summary_heading(rules), figure.is_edited(rules)),
            figure.right_aligned(),
        )
    }));
    let mut table: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let mut cells = vec![row.hub_code.to_string(), title_case(row.hub_name)];
            cells.extend(
                SUMMARY_COLUMNS
                    .iter()
                    .map(|figure| figure.text(row.figures, row.is_hub)),
            );
            cells
        })
        .collect();
    let mut region_row = vec!["Region".to_string(), "all practices".to_string()];
    region_row.extend(
        SUMMARY_COLUMNS
            .iter()
            .map(|figure| figure.region_text(totals)),
    );
    table.push(region_row);
    out.push_str(&layout(&columns, &table));
    out.push_str(&format!(
        "\n{} practices: {} in {} hubs, {} unassigned. Hubs: {} below 30k, {} within 30k–50k, {} above 50k. \
         Network funding (all hubs): {}.\n",
        totals.practices,
        totals.assigned,
        totals.hubs,
        totals.unassigned,
        totals.hubs_below,
        totals.hubs_within,
        totals.hubs_above,
        totals.total_funding.to_display_string()
    ));

    out.push_str(&format!(
        "\nFunding by line, {} (£, whole pounds)\n",
        rules.title
    ));
    let money = FigureColumn::money(rules);
    let mut columns = vec![column("Hub", false)];
    columns.extend(money.iter().map(|figure| {
        column(
            &edited_title(&figure.short_heading(rules), figure.is_edited(rules)),
            true,
        )
    }));
    let money_row = |label: &str, cell: &dyn Fn(FigureColumn) -> String| {
        std::iter::once(label.to_string())
            .chain(money.iter().map(|figure| cell(*figure)))
            .collect::<Vec<String>>()
    };
    let mut table: Vec<Vec<String>> = rows
        .iter()
        .filter(|row| row.is_hub)
        .map(|row| money_row(row.hub_code, &|figure| figure.text(row.figures, true)))
        .collect();
    table.push(money_row("Region", &|figure| figure.region_text(totals)));
    out.push_str(&layout(&columns, &table));
    let legend: Vec<String> = rules
        .lines
        .iter()
        .map(|line| {
            let period = line
                .period
                .as_ref()
                .map_or_else(String::new, |period| format!("; {period} only"));
            format!("  {}: {} ({}{period})", line.id, line.name, line.formula())
        })
        .collect();
    out.push_str(&format!("\nLines:\n{}\n", legend.join("\n")));
    out.push_str(&super::rules_report::edited_note(rules));
    out.push_str(&unverified_note(rules));
    out.push_str(&crate::present::provenance::footnote(scenario));
    out
}

/// `Total (edited)` when the figures under the title come from an edited rate.
fn edited_title(title: &str, edited: bool) -> String {
    if edited {
        format!("{title} (edited)")
    } else {
        title.to_string()
    }
}

/// A note naming every unverified rate of the year (or saying all are verified).
pub fn unverified_note(rules: &RuleSet) -> String {
    let unverified: Vec<String> = rules
        .lines
        .iter()
        .filter(|line| !line.verified)
        .map(|line| format!("  - {}: {}", line.name, line.formula()))
        .collect();
    if unverified.is_empty() {
        format!(
            "\nAll rates of {} are verified against a primary source.\n",
            rules.year
        )
    } else {
        format!(
            "\nUnverified rates in {} (no primary source confirmed them; treat those figures as estimates):\n{}\n",
            rules.year,
            unverified.join("\n")
        )
    }
}

fn group_json(
    row: &ReportRow<'_>,
    rules: &RuleSet,
    growth: Option<(f64, u32)>,
) -> serde_json::Value {
    let figures = row.figures;
    let mut value = figures_json(rules, |column| {
        Some(
            column
                .value(figures)
                .map_or(serde_json::Value::Null, FigureValue::json),
        )
    });
    value["hub_code"] = row.hub_code.into();
    value["hub_name"] = row.hub_name.into();
    if let Some((years, ahead)) = growth {
        let projection = project(&figures.trend, figures.registered, years, ahead);
        value["growth"] = serde_json::json!({
            "practices_with_earlier_list": figures.trend.practices,
            "yearly_rate": projection.map(|p| p.yearly_rate),
            "years_ahead": ahead,
            "registered_projected": projection.map(|p| p.registered.as_f64()),
            "band_projected": projection.filter(|_| row.is_hub).map(|p| p.band.id()),
        });
    }
    value
}

/// The figure columns as a JSON object: each under its CSV name, the funding lines under
/// `funding_gbp` by line id; a column `value` gives `None` for is left out.
fn figures_json(
    rules: &RuleSet,
    value: impl Fn(FigureColumn) -> Option<serde_json::Value>,
) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    let mut funding = serde_json::Map::new();
    for column in FigureColumn::all(rules) {
        let Some(json) = value(column) else { continue };
        match column {
            FigureColumn::Line(index) => {
                if let Some(line) = rules.lines.get(index) {
                    funding.insert(line.id.clone(), json);
                }
            }
            _ => {
                object.insert(column.name(rules), json);
            }
        }
    }
    object.insert("funding_gbp".to_string(), funding.into());
    object.into()
}

/// A stable JSON document with the same figures as the CSV (each group holds every
/// [`FigureColumn`] under its CSV name, the lines under `funding_gbp`), plus the lines and
/// region totals.
pub fn report_json(scenario: &Scenario, metrics: &Metrics) -> String {
    report_json_with(scenario, metrics, None)
}

/// The JSON report; with `growth` (`(years between the extracts, years ahead)`), each group
/// gets a `growth` object.
fn report_json_with(scenario: &Scenario, metrics: &Metrics, growth: Option<(f64, u32)>) -> String {
    let rules = &metrics.rules;
    let region = scenario.region();
    let totals = &metrics.region;
    let rows = report_rows(scenario, metrics);
    let hubs: Vec<serde_json::Value> = rows
        .iter()
        .filter(|row| row.is_hub)
        .map(|row| group_json(row, rules, growth))
        .collect();
    let unassigned = rows
        .iter()
        .find(|row| !row.is_hub)
        .map(|row| group_json(row, rules, growth));
    let lines: Vec<serde_json::Value> = rules
        .lines
        .iter()
        .map(super::rules_report::line_json)
        .collect();
    let mut region_totals = figures_json(rules, |column| {
        column.region_value(totals).map(FigureValue::json)
    });
    for (key, count) in [
        ("assigned", totals.assigned),
        ("unassigned", totals.unassigned),
        ("hubs", totals.hubs),
        ("hubs_below", totals.hubs_below),
        ("hubs_within", totals.hubs_within),
        ("hubs_above", totals.hubs_above),
    ] {
        region_totals[key] = count.into();
    }
    let document = serde_json::json!({
        "report": "pcn-explorer hub report",
        "report_version": 1,
        "title": scenario.title(),
        "region": {
            "name": region.name,
            "code": region.code,
            "source": region.source,
            "snapshot_date": region.snapshot_date,
            "earlier_list_date": region.earlier_list_date,
        },
        "rule_year": rules.year.label(),
        "rule_set": rules.title,
        "funding_lines": lines,
        "edited_columns": super::rules_report::edited_columns(rules),
        "hubs": hubs,
        "unassigned": unassigned,
        "totals": region_totals,
    });
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(neutralise_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise_cell("+44"), "'+44");
        assert_eq!(neutralise_cell("-1"), "'-1");
        assert_eq!(neutralise_cell("@cmd"), "'@cmd");
        assert_eq!(neutralise_cell("MEADOWS"), "MEADOWS");
        assert_eq!(neutralise_cell("\n=1+1"), "' =1+1");
        assert_eq!(neutralise_cell(" =2+2"), "' =2+2");
        assert_eq!(neutralise_cell("\r\n@x"), "' @x");
        assert_eq!(neutralise_cell("two\nlines"), "two lines");
        assert_eq!(neutralise_cell("A\u{1b}[2JB"), "A[2JB");
        assert_eq!(neutralise_cell("evil\u{202E}cod"), "evilcod");
    }

    #[test]
    fn csv_has_the_fixed_columns_and_one_per_line() {
        let scenario = crate::io::example::example_scenario();
        let metrics = Metrics::compute(&scenario);
        let text = report_csv(&scenario, &metrics);
        let header = text.lines().next().unwrap_or_default();
        assert!(header.starts_with("hub_code,hub_name,practices,registered_patients,weighted_patients,band,gp_fte,nurse_fte,patients_per_gp_fte,core_gbp,"));
        assert!(header.ends_with(",total_gbp,arrs_entitlement_gbp,arrs_claimable_gbp,arrs_headroom_gbp,additional_roles_wte"));
        let last = text.lines().last().unwrap_or_default();
        assert!(
            last.starts_with("UNASSIGNED,Unassigned practices,2,"),
            "{last}"
        );
        assert!(report_table(&scenario, &metrics).contains("Region"));
        let json: serde_json::Value =
            serde_json::from_str(&report_json(&scenario, &metrics)).expect("valid JSON");
        assert_eq!(json["totals"]["practices"], 41);
    }
}
