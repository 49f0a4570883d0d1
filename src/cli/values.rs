//! How the command line names the formats of the reports and exports in `src/present`: the
//! words typed after `--format` and `--what`, with their help. Kept here so that the
//! presentation code does not depend on the argument parser.

use crate::present::ReportFormat;
use crate::present::export::ExportKind;
use clap::ValueEnum;
use clap::builder::PossibleValue;

impl ValueEnum for ReportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[Self::Table, Self::Csv, Self::Json]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Self::Table => PossibleValue::new("table").help("Aligned columns for people"),
            Self::Csv => PossibleValue::new("csv"),
            Self::Json => PossibleValue::new("json"),
        })
    }
}

impl ValueEnum for ExportKind {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            Self::Hubs,
            Self::Assignments,
            Self::Report,
            Self::Workbook,
            Self::Staff,
            Self::MapPicture,
            Self::FiguresPicture,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let (name, help) = match self {
            Self::Hubs => (
                "hubs",
                "The hub figures CSV (the same as `report --format csv`)",
            ),
            Self::Assignments => (
                "assignments",
                "One row per practice: `practice_code,practice_name,hub_code,hub_name,reason`",
            ),
            Self::Report => (
                "report",
                "A one-page HTML report that prints on A4 landscape",
            ),
            Self::Workbook => (
                "workbook",
                "An Excel workbook (.xlsx): hubs, moves, practices, staff and rates, with number \
                 formats",
            ),
            Self::Staff => (
                "staff",
                "The ARRS staff plan: one row per staff row with its maximum and what it can claim",
            ),
            Self::MapPicture => (
                "map-picture",
                "A picture of the map for paper (PNG, A4 landscape at 250 dpi): title, dates, \
                 legend",
            ),
            Self::FiguresPicture => (
                "figures-picture",
                "A picture of every hub's figures for paper (PNG): list, band bar, band and \
                 funding",
            ),
        };
        Some(PossibleValue::new(name).help(help))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant has a word, and each word reads back as its variant.
    #[test]
    fn every_value_reads_back() {
        for kind in ExportKind::value_variants() {
            let word = kind.to_possible_value().expect("a word");
            assert_eq!(ExportKind::from_str(word.get_name(), false), Ok(*kind));
        }
        for format in ReportFormat::value_variants() {
            let word = format.to_possible_value().expect("a word");
            assert_eq!(ReportFormat::from_str(word.get_name(), false), Ok(*format));
        }
        assert_eq!(ExportKind::value_variants().len(), 7);
    }
}
