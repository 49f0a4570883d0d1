//! Exports for meetings: hub figures CSV, assignments CSV, comparison CSV/table/JSON and a
//! one-page HTML report. Bytes are built by pure functions; the command line and the window
//! write them (atomically, through `io::atomic::write_export`).
//! The command line and the window call the same functions.

pub mod assignments;
pub mod comparison;
pub mod html;
pub mod paper;
pub mod staff_plan;
mod svg;
pub mod workbook;

pub use crate::present::csv_text;
use anyhow::Context;

/// What `export --what` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// The hub figures CSV (the same as `report --format csv`).
    Hubs,
    /// One row per practice: `practice_code,practice_name,hub_code,hub_name,reason`.
    Assignments,
    /// A one-page HTML report that prints on A4 landscape.
    Report,
    /// An Excel workbook (.xlsx): hubs, moves, practices, staff and rates, with number formats.
    Workbook,
    /// The ARRS staff plan: one row per staff row with its maximum and what it can claim.
    Staff,
    /// A picture of the map for paper (PNG, A4 landscape at 250 dpi): title, dates, legend.
    MapPicture,
    /// A picture of every hub's figures for paper (PNG): list, band bar, band and funding.
    FiguresPicture,
}

impl ExportKind {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Hubs | Self::Assignments | Self::Staff => "csv",
            Self::Report => "html",
            Self::Workbook => "xlsx",
            Self::MapPicture | Self::FiguresPicture => "png",
        }
    }
}

/// The bytes of an export of a scenario (UTF-8 text, an .xlsx or a .png file).
pub fn export_bytes(
    scenario: &crate::model::Scenario,
    kind: ExportKind,
) -> anyhow::Result<Vec<u8>> {
    export_bytes_made_on(scenario, kind, "")
}

/// [`export_bytes`], with the day it is made (e.g. `2026-12-02`) printed on the pictures.
pub fn export_bytes_made_on(
    scenario: &crate::model::Scenario,
    kind: ExportKind,
    made_on: &str,
) -> anyhow::Result<Vec<u8>> {
    let metrics = crate::model::Metrics::compute(scenario);
    let picture = |picture| {
        paper::picture_png(scenario, &metrics, picture, made_on).map_err(anyhow::Error::msg)
    };
    Ok(match kind {
        ExportKind::Hubs => with_bom(&crate::present::report::report_csv(scenario, &metrics)),
        ExportKind::Assignments => with_bom(&assignments::assignments_csv(scenario)),
        ExportKind::Staff => with_bom(&staff_plan::staff_plan_csv(scenario, &metrics)),
        ExportKind::Report => html::report_html(scenario, &metrics).into_bytes(),
        ExportKind::Workbook => workbook::workbook_bytes(scenario, &metrics)
            .context("the Excel workbook could not be built")?,
        ExportKind::MapPicture => picture(paper::Picture::Map)?,
        ExportKind::FiguresPicture => picture(paper::Picture::Figures)?,
    })
}

/// A CSV file's bytes with a UTF-8 byte order mark first, so that Excel reads accents and
/// the £ sign as written (a CSV printed to the terminal has none).
pub fn with_bom(text: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len() + 3);
    bytes.extend_from_slice(b"\xEF\xBB\xBF");
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// The text of a text export (CSV, HTML); the workbook is binary: use [`export_bytes`].
pub fn export_text(scenario: &crate::model::Scenario, kind: ExportKind) -> String {
    export_bytes(scenario, kind)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .map(|text| text.trim_start_matches('\u{feff}').to_string())
        .unwrap_or_default()
}
