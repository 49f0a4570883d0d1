//! The presentation of figures, below the window and the command line: every report and export.
//! The figure columns every report, export and the window's table share ([`columns`]), the hub
//! report ([`report`]: table, CSV and JSON), the rules report, the exports for meetings
//! ([`export`]: CSV, HTML with its SVG pictures, workbook, paper pictures), and what they all
//! share: the report formats, where the figures came from (the estimates column and footnote),
//! text made safe for spreadsheets and HTML, and CSV text. No egui, no argument parser, no
//! files: the window and the command line decide where what is made here goes. The reports
//! and what they share do not import the exports, which build on them.

pub mod columns;
pub mod export;
pub mod provenance;
pub mod report;
pub mod rules_report;

use std::borrow::Cow;

/// Rows as CSV text (`\n` line ends). Cells must already be neutralised where they are text.
pub fn csv_text(rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail.
        let _ = writer.write_record(row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    /// Aligned columns for people.
    #[default]
    Table,
    Csv,
    Json,
}

/// A text cell made safe for spreadsheets: line breaks and tabs become spaces, other control and
/// direction characters are removed, and a
/// cell whose first visible character is `=`, `+`, `-` or `@` (also after spaces or line breaks,
/// `" =2+2"`, `"\n=1+1"`) would be run as a formula, so it gets a leading apostrophe. Numbers are
/// not passed through this.
pub fn neutralise_cell(text: &str) -> Cow<'_, str> {
    let clean = crate::model::text::without_unsafe_chars(text);
    let formula = clean
        .trim_start_matches(|c: char| c.is_whitespace())
        .starts_with(['=', '+', '-', '@'])
        || text.starts_with(['\t', '\r', '\n']);
    match (formula, clean) {
        (true, clean) => Cow::Owned(format!("'{clean}")),
        (false, Cow::Borrowed(_)) => Cow::Borrowed(text),
        (false, Cow::Owned(clean)) => Cow::Owned(clean),
    }
}

/// Text made safe inside HTML elements and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // No control or direction character reaches a report.
            ch if crate::model::text::is_unsafe_char(ch) && ch != '\n' => {}
            _ => out.push(ch),
        }
    }
    out
}
