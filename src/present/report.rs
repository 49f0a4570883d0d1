//! Hub reports as CSV, a text table and JSON, for the command line, exports and the window.
//!
//! Every figure is read from [`Metrics`]; this module only lays them out.

use crate::model::growth::{format_rate, project};
use crate::model::practice::title_case;
use crate::model::quantity::{format_hundredths, format_patients_whole, group_thousands};
use crate::model::{Band, GroupFigures, Metrics, Pence, RuleSet, Scenario};
pub use crate::present::{ReportFormat, neutralise_cell};

/// `hub_code` of the row holding the practices without a hub.
pub const UNASSIGNED_CODE: &str = "UNASSIGNED";
pub const UNASSIGNED_NAME: &str = "Unassigned practices";

/// The fixed leading columns of the CSV report; one `<line id>_gbp` column per funding line of
/// the year and `total_gbp` follow.
pub const CSV_FIXED_COLUMNS: [&str; 9] = [
    "hub_code",
    "hub_name",
    "practices",
    "registered_patients",
    "weighted_patients",
    "band",
    "gp_fte",
    "nurse_fte",
    "patients_per_gp_fte",
];

/// One figure column of the CSV report (those after `hub_code,hub_name`). The comparison CSV
/// uses the same list, so the two stay in step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureColumn {
    Practices,
    Registered,
    Weighted,
    Band,
    GpFte,
    NurseFte,
    PatientsPerGpFte,
    /// A funding line of the year, by index into the rule set's lines.
    Line(usize),
    Total,
    /// ARRS: the hub's maximum sum, what its staff plan can claim, the difference, and the WTE.
    ArrsEntitlement,
    ArrsClaimable,
    ArrsHeadroom,
    AdditionalRolesWte,
}

/// The ARRS columns that follow `total_gbp`.
pub const CSV_ARRS_COLUMNS: [&str; 4] = [
    "arrs_entitlement_gbp",
    "arrs_claimable_gbp",
    "arrs_headroom_gbp",
    "additional_roles_wte",
];

/// A figure read from a group, as written in a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FigureValue {
    Count(i64),
    /// Patients or FTE in hundredths.
    Hundredths(i64),
    /// Written to two decimals.
    Ratio(f64),
    Money(Pence),
    Band(Band),
}

impl FigureColumn {
    /// Every figure column of a year's report, in CSV order.
    pub fn all(rules: &RuleSet) -> Vec<Self> {
        let mut columns = vec![
            Self::Practices,
            Self::Registered,
            Self::Weighted,
            Self::Band,
            Self::GpFte,
            Self::NurseFte,
            Self::PatientsPerGpFte,
        ];
        columns.extend((0..rules.lines.len()).map(Self::Line));
        columns.push(Self::Total);
        columns.extend([
            Self::ArrsEntitlement,
            Self::ArrsClaimable,
            Self::ArrsHeadroom,
            Self::AdditionalRolesWte,
        ]);
        columns
    }

    /// The heading people read (the workbook's), e.g. `Registered patients`,
    /// `Core PCN funding (£)`.
    pub fn heading(self, rules: &RuleSet) -> String {
        match self {
            Self::Practices => "Practices".into(),
            Self::Registered => "Registered patients".into(),
            Self::Weighted => "Weighted patients".into(),
            Self::Band => "Band".into(),
            Self::GpFte => "GP FTE".into(),
            Self::NurseFte => "Nurse FTE".into(),
            Self::PatientsPerGpFte => "Patients per GP FTE".into(),
            Self::Line(index) => rules.lines.get(index).map_or_else(
                || format!("Line {index} (£)"),
                |line| {
                    let mark = if line.verified { "" } else { " †" };
                    format!("{}{mark} (£)", line.name)
                },
            ),
            Self::Total => "Total (£)".into(),
            Self::ArrsEntitlement => "ARRS entitlement (£)".into(),
            Self::ArrsClaimable => "ARRS claimable (£)".into(),
            Self::ArrsHeadroom => "ARRS headroom (£)".into(),
            Self::AdditionalRolesWte => "Additional roles WTE".into(),
        }
    }

    /// The CSV column name, e.g. `registered_patients`, `core_gbp`.
    pub fn name(self, rules: &RuleSet) -> String {
        match self {
            Self::Line(index) => rules.lines.get(index).map_or_else(
                || format!("line{index}_gbp"),
                |line| format!("{}_gbp", line.id),
            ),
            Self::Total => "total_gbp".to_string(),
            Self::ArrsEntitlement => CSV_ARRS_COLUMNS[0].to_string(),
            Self::ArrsClaimable => CSV_ARRS_COLUMNS[1].to_string(),
            Self::ArrsHeadroom => CSV_ARRS_COLUMNS[2].to_string(),
            Self::AdditionalRolesWte => CSV_ARRS_COLUMNS[3].to_string(),
            other => CSV_FIXED_COLUMNS[2 + other.fixed_index()].to_string(),
        }
    }

    fn fixed_index(self) -> usize {
        match self {
            Self::Practices => 0,
            Self::Registered => 1,
            Self::Weighted => 2,
            Self::Band => 3,
            Self::GpFte => 4,
            Self::NurseFte => 5,
            _ => 6,
        }
    }

    /// The figure of a group (`None`: no value, an empty cell).
    pub fn value(self, figures: &GroupFigures) -> Option<FigureValue> {
        Some(match self {
            Self::Practices => FigureValue::Count(i64::from(figures.practices)),
            Self::Registered => FigureValue::Hundredths(figures.registered.0),
            Self::Weighted => FigureValue::Hundredths(figures.weighted.0),
            Self::Band => FigureValue::Band(figures.band?),
            Self::GpFte => FigureValue::Hundredths(figures.gp_fte.0),
            Self::NurseFte => FigureValue::Hundredths(figures.nurse_fte.0),
            Self::PatientsPerGpFte => FigureValue::Ratio(figures.patients_per_gp_fte()?),
            Self::Line(index) => {
                FigureValue::Money(figures.funding.get(index).copied().unwrap_or_default())
            }
            Self::Total => FigureValue::Money(figures.total),
            // The unassigned practices have no network: zero, as their funding lines are.
            Self::ArrsEntitlement => FigureValue::Money(figures.arrs.entitlement),
            Self::ArrsClaimable => FigureValue::Money(figures.arrs.claimable),
            Self::ArrsHeadroom => FigureValue::Money(figures.arrs.headroom()),
            Self::AdditionalRolesWte => FigureValue::Hundredths(figures.arrs.wte.0),
        })
    }
}

impl FigureValue {
    /// The CSV cell: `4029.25`, `1234.50` (money), `within`.
    pub fn cell(self) -> String {
        match self {
            Self::Count(count) => count.to_string(),
            Self::Hundredths(hundredths) => format_hundredths(hundredths),
            Self::Ratio(value) => {
                let text = format!("{value:.2}");
                if text == "-0.00" {
                    "0.00".to_string()
                } else {
                    text
                }
            }
            Self::Money(pence) => pence.to_plain_string(),
            Self::Band(band) => band.id().to_string(),
        }
    }

    /// The JSON value: numbers in patients, FTE and pounds; the band as its id.
    pub fn json(self) -> serde_json::Value {
        match self {
            Self::Count(count) => count.into(),
            Self::Hundredths(hundredths) => (hundredths as f64 / 100.0).into(),
            Self::Ratio(value) => value.into(),
            Self::Money(pence) => pence.as_pounds_f64().into(),
            Self::Band(band) => band.id().into(),
        }
    }

    /// After minus before (an absent side counts as zero); a band change reads `below→within`
    /// (`None` when the band is the same, or the column has no value on a present side).
    pub fn change(before: Option<Self>, after: Option<Self>) -> Option<Self> {
        use FigureValue::{Count, Hundredths, Money, Ratio};
        match (before, after) {
            (Some(Count(b)), Some(Count(a))) => Some(Count(a - b)),
            (Some(Hundredths(b)), Some(Hundredths(a))) => Some(Hundredths(a - b)),
            (Some(Ratio(b)), Some(Ratio(a))) => Some(Ratio(a - b)),
            (Some(Money(b)), Some(Money(a))) => Some(Money(a - b)),
            (None, Some(Count(a))) => Some(Count(a)),
            (None, Some(Hundredths(a))) => Some(Hundredths(a)),
            (None, Some(Ratio(a))) => Some(Ratio(a)),
            (None, Some(Money(a))) => Some(Money(a)),
            (Some(Count(b)), None) => Some(Count(-b)),
            (Some(Hundredths(b)), None) => Some(Hundredths(-b)),
            (Some(Ratio(b)), None) => Some(Ratio(-b)),
            (Some(Money(b)), None) => Some(Money(Pence(-b.0))),
            _ => None, // Bands (see `band_change`), or no value on a present side.
        }
    }
}

/// A band change for the CSV: empty when the same, `below→within`, `→within` for a hub that
/// appears, `below→` for one that disappears.
pub fn band_change(before: Option<Band>, after: Option<Band>) -> String {
    if before == after {
        return String::new();
    }
    format!(
        "{}→{}",
        before.map_or("", Band::id),
        after.map_or("", Band::id)
    )
}

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

/// `12,345.6` for FTE and other hundredths shown to one decimal.
fn format_one_decimal(hundredths: i64) -> String {
    let tenths = (hundredths.unsigned_abs() + 5) / 10;
    format!("{}.{}", group_thousands(tenths / 10), tenths % 10)
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

    let columns = [
        column("Hub", false),
        column("Name", false),
        column("Practices", true),
        column("Registered", true),
        column("Weighted", true),
        column("Band", false),
        column("GP FTE", true),
        column("Nurse FTE", true),
        column("Patients/GP FTE", true),
        column(&edited_title("Total funding", rules.has_edits()), true),
    ];
    let mut table: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let figures = row.figures;
            vec![
                row.hub_code.to_string(),
                title_case(row.hub_name),
                figures.practices.to_string(),
                format_patients_whole(figures.registered),
                format_patients_whole(figures.weighted),
                figures.band.map_or("–", |band| band.label()).to_string(),
                format_one_decimal(figures.gp_fte.0),
                format_one_decimal(figures.nurse_fte.0),
                figures
                    .patients_per_gp_fte()
                    .map_or_else(|| "–".to_string(), |v| group_thousands(v.round() as u64)),
                if row.is_hub {
                    figures.total.to_whole_pounds_string()
                } else {
                    "–".to_string()
                },
            ]
        })
        .collect();
    table.push(vec![
        "Region".to_string(),
        "all practices".to_string(),
        totals.practices.to_string(),
        format_patients_whole(totals.registered),
        format_patients_whole(totals.weighted),
        String::new(),
        format_one_decimal(totals.gp_fte.0),
        format_one_decimal(totals.nurse_fte.0),
        String::new(),
        totals.total_funding.to_whole_pounds_string(),
    ]);
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
    let mut columns = vec![column("Hub", false)];
    columns.extend(
        rules
            .lines
            .iter()
            .map(|line| column(&edited_title(&line.id, line.is_edited()), true)),
    );
    columns.push(column(&edited_title("Total", rules.has_edits()), true));
    let mut table: Vec<Vec<String>> = rows
        .iter()
        .filter(|row| row.is_hub)
        .map(|row| money_row(row.hub_code, &row.figures.funding, row.figures.total))
        .collect();
    table.push(money_row("Region", &totals.funding, totals.total_funding));
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

fn money_row(label: &str, funding: &[Pence], total: Pence) -> Vec<String> {
    std::iter::once(label.to_string())
        .chain(funding.iter().map(|amount| amount.to_whole_pounds_string()))
        .chain(std::iter::once(total.to_whole_pounds_string()))
        .collect()
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
    let funding: serde_json::Map<String, serde_json::Value> = rules
        .lines
        .iter()
        .zip(&figures.funding)
        .map(|(line, amount)| (line.id.clone(), amount.as_pounds_f64().into()))
        .collect();
    let mut value = serde_json::json!({
        "hub_code": row.hub_code,
        "hub_name": row.hub_name,
        "practices": figures.practices,
        "registered_patients": figures.registered.as_f64(),
        "weighted_patients": figures.weighted.as_f64(),
        "band": figures.band.map(|band| band.id()),
        "gp_fte": figures.gp_fte.as_f64(),
        "nurse_fte": figures.nurse_fte.as_f64(),
        "patients_per_gp_fte": figures.patients_per_gp_fte(),
        "funding_gbp": funding,
        "total_gbp": figures.total.as_pounds_f64(),
    });
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

/// A stable JSON document with the same figures as the CSV, plus the lines and region totals.
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
    let funding: serde_json::Map<String, serde_json::Value> = rules
        .lines
        .iter()
        .zip(&totals.funding)
        .map(|(line, amount)| (line.id.clone(), amount.as_pounds_f64().into()))
        .collect();
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
        "totals": {
            "practices": totals.practices,
            "assigned": totals.assigned,
            "unassigned": totals.unassigned,
            "hubs": totals.hubs,
            "hubs_below": totals.hubs_below,
            "hubs_within": totals.hubs_within,
            "hubs_above": totals.hubs_above,
            "registered_patients": totals.registered.as_f64(),
            "weighted_patients": totals.weighted.as_f64(),
            "gp_fte": totals.gp_fte.as_f64(),
            "nurse_fte": totals.nurse_fte.as_f64(),
            "funding_gbp": funding,
            "total_gbp": totals.total_funding.as_pounds_f64(),
        },
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
