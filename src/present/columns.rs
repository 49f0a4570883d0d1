//! The figure columns every report and export shares: what each is called (in a CSV, under a
//! heading people read, in a narrow table), its value for a hub or the region, and how that
//! value is written (a CSV cell, JSON, text for people). The text table, the JSON and HTML
//! reports, the CSV, the workbook, the comparison and the window's figures table all take their
//! figure columns from here.

use crate::model::metrics::RegionTotals;
use crate::model::quantity::{format_hundredths, format_patients_whole, group_thousands};
use crate::model::{Band, GroupFigures, Pence, RuleSet};

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

/// The figure columns of the hub tables people read (the report's text table, the HTML
/// report), after the hub's code and name: size, band, staff, then the money.
pub const SUMMARY_COLUMNS: [FigureColumn; 8] = [
    FigureColumn::Practices,
    FigureColumn::Registered,
    FigureColumn::Weighted,
    FigureColumn::Band,
    FigureColumn::GpFte,
    FigureColumn::NurseFte,
    FigureColumn::PatientsPerGpFte,
    FigureColumn::Total,
];

impl FigureColumn {
    /// The money columns of a year: one per funding line, then the total.
    pub fn money(rules: &RuleSet) -> Vec<Self> {
        (0..rules.lines.len())
            .map(Self::Line)
            .chain([Self::Total])
            .collect()
    }

    /// The heading of a narrow table (the window's, the funding-by-line table): `Registered`,
    /// `Patients/GP FTE`, a funding line by its id, `Total`.
    pub fn short_heading(self, rules: &RuleSet) -> String {
        match self {
            Self::Registered => "Registered".into(),
            Self::Weighted => "Weighted".into(),
            Self::PatientsPerGpFte => "Patients/GP FTE".into(),
            Self::Line(index) => rules
                .lines
                .get(index)
                .map_or_else(|| format!("line{index}"), |line| line.id.clone()),
            Self::Total => "Total".into(),
            Self::ArrsEntitlement => "ARRS max".into(),
            Self::ArrsClaimable => "Claimable".into(),
            Self::ArrsHeadroom => "Headroom".into(),
            Self::AdditionalRolesWte => "Roles WTE".into(),
            Self::Practices | Self::Band | Self::GpFte | Self::NurseFte => self.heading(rules),
        }
    }

    /// The heading in a table of [`SUMMARY_COLUMNS`], where the total stands among figures
    /// that are not money and so says what it totals (`Total funding`).
    pub fn summary_heading(self, rules: &RuleSet) -> String {
        match self {
            Self::Total => "Total funding".into(),
            other => other.short_heading(rules),
        }
    }

    /// Whether the column's figures come from a rate the user edited: the edited line, and
    /// the total of any edited line.
    pub fn is_edited(self, rules: &RuleSet) -> bool {
        match self {
            Self::Line(index) => rules.lines.get(index).is_some_and(|line| line.is_edited()),
            Self::Total => rules.has_edits(),
            _ => false,
        }
    }

    /// Numbers are right-aligned; the band is a word.
    pub fn right_aligned(self) -> bool {
        self != Self::Band
    }

    /// Money, which the unassigned practices (no network) do not get.
    pub fn is_money(self) -> bool {
        matches!(
            self,
            Self::Line(_)
                | Self::Total
                | Self::ArrsEntitlement
                | Self::ArrsClaimable
                | Self::ArrsHeadroom
        )
    }

    /// A value of this column as people read it in a table: whole patients (`12,345`), FTE to
    /// one decimal, the ratio to a whole number, the band's word, whole pounds.
    pub fn text_of(self, value: FigureValue) -> String {
        match value {
            FigureValue::Count(count) => count.to_string(),
            FigureValue::Hundredths(hundredths) => match self {
                Self::Registered | Self::Weighted => {
                    format_patients_whole(crate::model::Patients(hundredths))
                }
                _ => format_one_decimal(hundredths),
            },
            FigureValue::Ratio(value) => group_thousands(value.round().max(0.0) as u64),
            FigureValue::Money(pence) => pence.to_whole_pounds_string(),
            FigureValue::Band(band) => band.label().to_string(),
        }
    }

    /// A group's cell in a table for people; `–` where it has no value (no band, no GP FTE)
    /// and for money of the unassigned practices (`is_hub` false).
    pub fn text(self, figures: &GroupFigures, is_hub: bool) -> String {
        match self.value(figures) {
            Some(value) if is_hub || !self.is_money() => self.text_of(value),
            _ => "–".to_string(),
        }
    }

    /// The figure of the whole region (every practice, in a hub or not; money over the hubs),
    /// `None` for a column that has no region total (the band, ratios, ARRS).
    pub fn region_value(self, totals: &RegionTotals) -> Option<FigureValue> {
        Some(match self {
            Self::Practices => FigureValue::Count(i64::from(totals.practices)),
            Self::Registered => FigureValue::Hundredths(totals.registered.0),
            Self::Weighted => FigureValue::Hundredths(totals.weighted.0),
            Self::GpFte => FigureValue::Hundredths(totals.gp_fte.0),
            Self::NurseFte => FigureValue::Hundredths(totals.nurse_fte.0),
            Self::Line(index) => {
                FigureValue::Money(totals.funding.get(index).copied().unwrap_or_default())
            }
            Self::Total => FigureValue::Money(totals.total_funding),
            _ => return None,
        })
    }

    /// The region's cell in a table for people (empty where the column has no region total).
    pub fn region_text(self, totals: &RegionTotals) -> String {
        self.region_value(totals)
            .map_or_else(String::new, |value| self.text_of(value))
    }
}

impl FigureValue {
    /// The value a table sorts by (in the value's own unit: hundredths, pence).
    pub fn sort_value(self) -> f64 {
        match self {
            Self::Count(count) => count as f64,
            Self::Hundredths(hundredths) => hundredths as f64,
            Self::Ratio(value) => value,
            Self::Money(pence) => pence.0 as f64,
            Self::Band(band) => f64::from(band as u8),
        }
    }
}

/// `12,345.6` for FTE and other hundredths shown to one decimal.
pub fn format_one_decimal(hundredths: i64) -> String {
    let tenths = (hundredths.unsigned_abs() + 5) / 10;
    format!("{}.{}", group_thousands(tenths / 10), tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fte, Patients};

    fn figures() -> GroupFigures {
        GroupFigures {
            practices: 3,
            registered: Patients(3_456_789),
            weighted: Patients(3_600_049),
            band: Some(Band::Within),
            registered_with_gp_fte: Patients(3_456_789),
            gp_fte: Fte(1_234),
            nurse_fte: Fte(555),
            total: Pence(123_456_789),
            ..GroupFigures::default()
        }
    }

    #[test]
    fn people_read_whole_patients_one_decimal_fte_and_whole_pounds() {
        let figures = figures();
        let text = |column: FigureColumn, is_hub| column.text(&figures, is_hub);
        assert_eq!(text(FigureColumn::Practices, true), "3");
        assert_eq!(text(FigureColumn::Registered, true), "34,568");
        assert_eq!(text(FigureColumn::Weighted, true), "36,000");
        assert_eq!(text(FigureColumn::Band, true), "30k–50k");
        assert_eq!(text(FigureColumn::GpFte, true), "12.3");
        assert_eq!(text(FigureColumn::NurseFte, true), "5.6");
        // 34,567.89 patients over 12.34 FTE = 2,801.29.
        assert_eq!(text(FigureColumn::PatientsPerGpFte, true), "2,801");
        assert_eq!(text(FigureColumn::Total, true), "£1,234,568");
        // The unassigned practices get no money and no band.
        assert_eq!(text(FigureColumn::Total, false), "–");
        let none = GroupFigures {
            band: None,
            ..figures
        };
        assert_eq!(FigureColumn::Band.text(&none, false), "–");
        assert_eq!(FigureColumn::Registered.text(&none, false), "34,568");
    }

    #[test]
    fn every_summary_column_but_the_band_is_a_number() {
        let right: Vec<bool> = SUMMARY_COLUMNS.iter().map(|c| c.right_aligned()).collect();
        assert_eq!(right, [true, true, true, false, true, true, true, true]);
        assert_eq!(format_one_decimal(12_345_678), "123,456.8");
    }
}
