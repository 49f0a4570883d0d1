//! Network Contract DES rule sets: one per financial year, stored as RON data in `assets/rules/`
//! and embedded in the binary. A year is whatever rule files exist (see [`super::rule_files`]).

use super::quantity::Rate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An NHS financial year (1 April – 31 March), named by the calendar year it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleYear {
    start: u16,
}

/// Earliest and latest start years a label may name (keeps labels four digits).
const FIRST_START: u16 = 1990;
const LAST_START: u16 = 2200;

impl RuleYear {
    pub const Y2022_23: Self = Self { start: 2022 };
    pub const Y2023_24: Self = Self { start: 2023 };
    pub const Y2024_25: Self = Self { start: 2024 };
    pub const Y2025_26: Self = Self { start: 2025 };
    pub const Y2026_27: Self = Self { start: 2026 };

    /// Reads a well-formed label, `2024-25`, `2024/25` or `2024-2025`, whether or not a rule set
    /// exists for it.
    pub fn from_label(text: &str) -> Option<Self> {
        let normal = text.trim().replace('/', "-");
        let (first, second) = normal.split_once('-')?;
        if first.len() != 4 || !first.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let start: u16 = first.parse().ok()?;
        if !(FIRST_START..=LAST_START).contains(&start) {
            return None;
        }
        let next = start + 1;
        let matches = match second.len() {
            2 => second == format!("{:02}", next % 100),
            4 => second == next.to_string(),
            _ => false,
        };
        matches.then_some(Self { start })
    }

    /// The calendar year the financial year starts in (`2024` for 2024-25).
    pub fn start_year(self) -> u16 {
        self.start
    }

    /// `2024-25`.
    pub fn label(self) -> String {
        format!("{}-{:02}", self.start, (self.start + 1) % 100)
    }
}

impl Default for RuleYear {
    /// The latest year with a rule set.
    fn default() -> Self {
        Self::latest()
    }
}

impl fmt::Display for RuleYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// The year given is not one with a rule set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule year {text:?}: expected one of {known}")]
pub struct UnknownRuleYear {
    pub text: String,
    /// The years that have rule sets, e.g. `2022-23, 2023-24`.
    pub known: String,
}

impl FromStr for RuleYear {
    type Err = UnknownRuleYear;

    /// Accepts `2024-25`, `2024/25` and `2024-2025` for a year that has a rule set.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::from_label(text)
            .filter(|year| year.is_known())
            .ok_or_else(|| UnknownRuleYear {
                text: text.to_string(),
                known: Self::all()
                    .iter()
                    .map(|year| year.label())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

impl Serialize for RuleYear {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.label())
    }
}

impl<'de> Deserialize<'de> for RuleYear {
    /// Any well-formed label (a rule file names its own year, known or not).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::from_label(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "rule year {text:?} is not a year label such as \"2026-27\""
            ))
        })
    }
}

/// The population (or count) a rate is paid on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Base {
    /// Registered list (headcount).
    Registered,
    /// Global-sum weighted list.
    Weighted,
    /// DES adjusted population (the weighted list unless the data supplies one).
    Adjusted,
    /// Per CQC-registered care-home bed.
    PerBed,
}

impl Base {
    pub const ALL: [Self; 4] = [
        Self::Registered,
        Self::Weighted,
        Self::Adjusted,
        Self::PerBed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::Weighted => "weighted",
            Self::Adjusted => "adjusted",
            Self::PerBed => "per bed",
        }
    }

    /// The base named by a label (`registered`, `weighted`, `adjusted`, `per bed`/`per_bed`/`beds`).
    pub fn from_label(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "registered" => Some(Self::Registered),
            "weighted" => Some(Self::Weighted),
            "adjusted" => Some(Self::Adjusted),
            "per bed" | "per_bed" | "perbed" | "beds" => Some(Self::PerBed),
            _ => None,
        }
    }
}

/// Who receives a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PaidTo {
    Network,
    /// Paid to each member practice, not to the network (e.g. the network participation payment).
    Practice,
}

impl PaidTo {
    /// `network`, `practice`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Network => "network",
            Self::Practice => "practice",
        }
    }
}

/// One `rate × base` part of a funding line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    pub base: Base,
    /// Pounds per unit of the base for the line's period (a part-year line holds the amount for
    /// its months, not an annual rate).
    pub gbp: f64,
}

/// How the user changed a line (present only in effective rules, never in a rule file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineEdit {
    /// Why, e.g. `ICB letter 14 May 2026` (may be empty).
    pub note: String,
    /// The formula of the rule file before the edit; `None` for a line the user added.
    pub original_formula: Option<String>,
}

impl LineEdit {
    /// `edited: was £8.903 × adjusted; ICB letter 14 May 2026`, `local line added by the user`.
    pub fn describe(&self) -> String {
        let what = match &self.original_formula {
            Some(formula) => format!("edited: was {formula}"),
            None => "local line added by the user".to_string(),
        };
        if self.note.trim().is_empty() {
            what
        } else {
            format!("{what}; {}", self.note.trim())
        }
    }
}

/// One funding line of the Network Contract DES in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundingLine {
    /// Stable id used in CSV columns (`<id>_gbp`) and comparisons: `core`, `participation`, …
    pub id: String,
    pub name: String,
    pub paid_to: PaidTo,
    pub terms: Vec<Term>,
    /// False where no primary source confirmed the rate (or its split): shown as unconfirmed.
    pub verified: bool,
    pub source: String,
    #[serde(default)]
    pub note: String,
    /// The months a part-year line covers, e.g. `October 2024 – March 2025` (`None`: the whole
    /// financial year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Set when the user changed a rate of this line or added the line (never read from a file).
    #[serde(skip)]
    pub edit: Option<LineEdit>,
}

impl FundingLine {
    /// Each term's rate in exact fixed point, with its base.
    pub fn rates(&self) -> impl Iterator<Item = (Base, Rate)> + '_ {
        self.terms
            .iter()
            .map(|term| (term.base, Rate::from_pounds(term.gbp).unwrap_or_default()))
    }

    /// `£2.269 × registered + £0.698 × adjusted`.
    pub fn formula(&self) -> String {
        self.rates()
            .map(|(base, rate)| format!("£{rate} × {}", base.label()))
            .collect::<Vec<_>>()
            .join(" + ")
    }

    /// True when a figure of this line comes from a rate the user changed or added.
    pub fn is_edited(&self) -> bool {
        self.edit.is_some()
    }

    /// `the whole year` or the period of a part-year line.
    pub fn period_label(&self) -> &str {
        self.period.as_deref().unwrap_or("whole year")
    }
}

/// The lines of one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleSet {
    pub year: RuleYear,
    pub title: String,
    pub lines: Vec<FundingLine>,
}

impl RuleSet {
    pub fn line_index(&self, id: &str) -> Option<usize> {
        self.lines.iter().position(|line| line.id == id)
    }

    pub fn line(&self, id: &str) -> Option<&FundingLine> {
        self.lines.iter().find(|line| line.id == id)
    }

    pub fn has_unverified(&self) -> bool {
        self.lines.iter().any(|line| !line.verified)
    }

    /// True when any line holds a rate the user changed or added.
    pub fn has_edits(&self) -> bool {
        self.lines.iter().any(FundingLine::is_edited)
    }
}

/// Every line id a rule file may use, in the order of report columns. Lines the user adds get
/// ids starting `local_` and follow the file's lines.
pub const LINE_IDS: [&str; 12] = [
    "core",
    "clinical_director",
    "leadership_management",
    "participation",
    "extended_hours",
    "enhanced_access",
    "casp",
    "caip",
    "gp_reimbursement",
    "care_home_premium",
    "arrs",
    "gp_arrs",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_parse_in_several_spellings() {
        assert_eq!("2024-25".parse(), Ok(RuleYear::Y2024_25));
        assert_eq!("2024/25".parse(), Ok(RuleYear::Y2024_25));
        assert_eq!("2024-2025".parse(), Ok(RuleYear::Y2024_25));
        assert_eq!("2026-27".parse(), Ok(RuleYear::Y2026_27));
        assert!("2019-20".parse::<RuleYear>().is_err());
        assert!("2024-26".parse::<RuleYear>().is_err());
        assert_eq!(
            RuleYear::from_label("2027-28").map(RuleYear::label),
            Some("2027-28".into())
        );
        assert_eq!(
            RuleYear::from_label("2099-2100").map(RuleYear::label),
            Some("2099-00".into())
        );
        assert!(RuleYear::from_label("24-25").is_none());
    }

    #[test]
    fn the_latest_year_is_the_default() {
        assert_eq!(RuleYear::default(), RuleYear::Y2026_27);
        assert_eq!(RuleYear::latest(), *RuleYear::all().last().expect("years"));
        let message = "2019-20"
            .parse::<RuleYear>()
            .expect_err("unknown")
            .to_string();
        assert!(
            message.contains("2022-23, 2023-24, 2024-25, 2025-26, 2026-27"),
            "{message}"
        );
    }
}
