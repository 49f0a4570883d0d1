//! The Excel workbook: where these figures go next. Four sheets with real number formats and
//! frozen header rows: Hubs (the report's columns), Moves (against today's PCNs), Practices and
//! Rates. Every figure comes from the same metrics and column list as the CSV report.

use crate::model::compare::compare;
use crate::model::practice::title_case;
use crate::model::{Metrics, Scenario};
use crate::present::report::{FigureColumn, FigureValue, report_rows};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// Number formats by kind of figure.
struct Formats {
    header: Format,
    patients: Format,
    fte: Format,
    ratio: Format,
    money: Format,
    rate: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            header: Format::new().set_bold().set_text_wrap(),
            patients: Format::new().set_num_format("#,##0.00"),
            fte: Format::new().set_num_format("0.0"),
            ratio: Format::new().set_num_format("#,##0"),
            money: Format::new().set_num_format("£#,##0.00"),
            rate: Format::new().set_num_format("£0.000##"),
        }
    }
}

fn headers(sheet: &mut Worksheet, titles: &[String], formats: &Formats) -> Result<(), XlsxError> {
    for (column, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, title, &formats.header)?;
        sheet.set_column_width(column as u16, if column < 2 { 34 } else { 14 })?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A text cell. An .xlsx string cell is never run as a formula, so unlike CSV it needs no
/// leading apostrophe (which Excel would show).
fn text(sheet: &mut Worksheet, row: u32, column: u16, value: &str) -> Result<(), XlsxError> {
    sheet.write_string(row, column, value)?;
    Ok(())
}

fn figure(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    kind: FigureColumn,
    value: FigureValue,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match value {
        FigureValue::Count(count) => sheet.write_number(row, column, count as f64)?,
        FigureValue::Hundredths(hundredths) => {
            let format = match kind {
                FigureColumn::GpFte | FigureColumn::NurseFte => &formats.fte,
                _ => &formats.patients,
            };
            sheet.write_number_with_format(row, column, hundredths as f64 / 100.0, format)?
        }
        FigureValue::Ratio(ratio) => {
            sheet.write_number_with_format(row, column, ratio, &formats.ratio)?
        }
        FigureValue::Money(pence) => {
            sheet.write_number_with_format(row, column, pence.0 as f64 / 100.0, &formats.money)?
        }
        FigureValue::Band(band) => sheet.write_string(row, column, band.label())?,
    };
    Ok(())
}

fn hubs_sheet(
    book: &mut Workbook,
    scenario: &Scenario,
    metrics: &Metrics,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name("Hubs")?;
    let columns = FigureColumn::all(&metrics.rules);
    let mut titles = vec!["Hub code".to_string(), "Hub".to_string()];
    titles.extend(columns.iter().map(|c| c.heading(&metrics.rules)));
    // Estimated (not published) practice figures are named per hub, as in the CSV.
    let estimates = crate::present::provenance::has_estimates(scenario);
    if estimates {
        titles.push("Estimated figures".to_string());
    }
    headers(sheet, &titles, formats)?;
    for (index, row) in report_rows(scenario, metrics).iter().enumerate() {
        let at = index as u32 + 1;
        text(sheet, at, 0, row.hub_code)?;
        text(sheet, at, 1, &title_case(row.hub_name))?;
        for (offset, column) in columns.iter().enumerate() {
            if let Some(value) = column.value(row.figures) {
                figure(sheet, at, offset as u16 + 2, *column, value, formats)?;
            }
        }
        if estimates {
            let cell = crate::present::provenance::row_estimates(scenario, row.hub_code);
            text(sheet, at, columns.len() as u16 + 2, &cell)?;
        }
    }
    Ok(())
}

fn moves_sheet(
    book: &mut Workbook,
    scenario: &Scenario,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name("Moves")?;
    let titles: Vec<String> = [
        "Practice code",
        "Practice",
        "From hub",
        "To hub",
        "Registered patients",
        "Weighted patients",
        "Reason",
    ]
    .map(String::from)
    .to_vec();
    headers(sheet, &titles, formats)?;
    let baseline = Scenario::baseline(scenario.region_arc().clone(), scenario.rule_year());
    let Ok(comparison) = compare(&baseline, scenario, scenario.rule_year()) else {
        return Ok(());
    };
    let hub_text = |hub: &Option<crate::model::compare::HubLabel>| {
        hub.as_ref()
            .map_or_else(|| "unassigned".to_string(), |h| title_case(&h.name))
    };
    for (index, moved) in comparison.moves.iter().enumerate() {
        let at = index as u32 + 1;
        text(sheet, at, 0, &moved.code)?;
        text(sheet, at, 1, &title_case(&moved.name))?;
        text(sheet, at, 2, &hub_text(&moved.from))?;
        text(sheet, at, 3, &hub_text(&moved.to))?;
        for (column, patients) in [(4, moved.registered), (5, moved.weighted)] {
            sheet.write_number_with_format(at, column, patients.as_f64(), &formats.patients)?;
        }
        text(sheet, at, 6, moved.reason.as_deref().unwrap_or(""))?;
    }
    Ok(())
}

fn practices_sheet(
    book: &mut Workbook,
    scenario: &Scenario,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name("Practices")?;
    let titles: Vec<String> = [
        "Practice code",
        "Practice",
        "Hub code",
        "Hub",
        "Registered patients",
        "Weighted patients",
        "GP FTE",
        "Nurse FTE",
        "Postcode",
        "Sources",
    ]
    .map(String::from)
    .to_vec();
    headers(sheet, &titles, formats)?;
    let region = scenario.region();
    for (index, id) in region.practice_ids().enumerate() {
        let Some(practice) = region.practice(id) else {
            continue;
        };
        let at = index as u32 + 1;
        let hub = scenario.hub_of(id).and_then(|hub| scenario.hub(hub));
        text(sheet, at, 0, &practice.code)?;
        text(sheet, at, 1, &practice.display_name())?;
        text(sheet, at, 2, hub.map_or("", |h| h.code.as_str()))?;
        text(
            sheet,
            at,
            3,
            &hub.map_or_else(|| "unassigned".into(), |h| title_case(&h.name)),
        )?;
        sheet.write_number_with_format(
            at,
            4,
            practice.registered_patients.as_f64(),
            &formats.patients,
        )?;
        if let Some(weighted) = practice.weighted_patients {
            sheet.write_number_with_format(at, 5, weighted.as_f64(), &formats.patients)?;
        }
        for (column, fte) in [(6, practice.gp_fte), (7, practice.nurse_fte)] {
            match fte {
                Some(fte) => {
                    sheet.write_number_with_format(at, column, fte.as_f64(), &formats.fte)?
                }
                None => sheet.write_string(at, column, "unknown")?,
            };
        }
        text(sheet, at, 8, &practice.postcode)?;
        // Where each figure came from, estimated ones marked as such.
        text(sheet, at, 9, &practice.provenance.describe())?;
    }
    Ok(())
}

/// The ARRS staff plan: one row per staff row, with its maximum and what it claims.
fn staff_sheet(
    book: &mut Workbook,
    scenario: &Scenario,
    metrics: &Metrics,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name("Staff")?;
    let titles: Vec<String> = [
        "Hub code",
        "Hub",
        "Employer",
        "Role",
        "WTE",
        "Annual cost (£)",
        "Start",
        "Maximum per WTE (£)",
        "Maximum verified",
        "Claimable (£)",
    ]
    .map(String::from)
    .to_vec();
    headers(sheet, &titles, formats)?;
    for (index, line) in crate::present::export::staff_plan::plan_lines(scenario, metrics)
        .iter()
        .enumerate()
    {
        let at = index as u32 + 1;
        text(sheet, at, 0, &line.hub_code)?;
        text(sheet, at, 1, &line.hub_name)?;
        text(sheet, at, 2, &line.employer)?;
        text(sheet, at, 3, &line.role)?;
        sheet.write_number_with_format(at, 4, line.wte_hundredths as f64 / 100.0, &formats.fte)?;
        match line.annual_cost {
            Some(cost) => {
                sheet.write_number_with_format(at, 5, cost.as_pounds_f64(), &formats.money)?
            }
            None => sheet.write_string(at, 5, "at maximum")?,
        };
        sheet.write_string(at, 6, line.start_month)?;
        match line.maximum_per_wte {
            Some(maximum) => {
                sheet.write_number_with_format(at, 7, maximum.as_pounds_f64(), &formats.money)?
            }
            None => sheet.write_string(at, 7, "not reimbursable")?,
        };
        sheet.write_string(
            at,
            8,
            if line.maximum_verified {
                "yes"
            } else {
                "no (†)"
            },
        )?;
        sheet.write_number_with_format(at, 9, line.claimable.as_pounds_f64(), &formats.money)?;
    }
    Ok(())
}

fn rates_sheet(book: &mut Workbook, metrics: &Metrics, formats: &Formats) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet().set_name("Rates")?;
    let titles: Vec<String> = [
        "Line",
        "Name",
        "Base",
        "Rate (£ per unit)",
        "Verified",
        "Source",
    ]
    .map(String::from)
    .to_vec();
    headers(sheet, &titles, formats)?;
    let mut at = 1;
    for line in &metrics.rules.lines {
        for (base, rate) in line.rates() {
            text(sheet, at, 0, &line.id)?;
            text(sheet, at, 1, &line.name)?;
            sheet.write_string(at, 2, base.label())?;
            sheet.write_number_with_format(at, 3, rate.0 as f64 / 10_000.0, &formats.rate)?;
            sheet.write_string(at, 4, if line.verified { "yes" } else { "no (†)" })?;
            text(sheet, at, 5, &line.source)?;
            at += 1;
        }
    }
    Ok(())
}

/// The workbook of a scenario as the bytes of an `.xlsx` file.
pub fn workbook_bytes(scenario: &Scenario, metrics: &Metrics) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new();
    let mut book = Workbook::new();
    hubs_sheet(&mut book, scenario, metrics, &formats)?;
    moves_sheet(&mut book, scenario, &formats)?;
    practices_sheet(&mut book, scenario, &formats)?;
    if scenario.staff().has_staff() {
        staff_sheet(&mut book, scenario, metrics, &formats)?;
    }
    rates_sheet(&mut book, metrics, &formats)?;
    book.save_to_buffer()
}
