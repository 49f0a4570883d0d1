//! Network Contract DES rule sets: one per financial year, stored as RON data in `assets/rules/`
//! and embedded in the binary.

use super::quantity::Rate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

/// An NHS financial year (1 April – 31 March) with a known rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum RuleYear {
    Y2022_23,
    Y2023_24,
    Y2024_25,
    #[default]
    Y2025_26,
}

impl RuleYear {
    pub const ALL: [Self; 4] = [
        Self::Y2022_23,
        Self::Y2023_24,
        Self::Y2024_25,
        Self::Y2025_26,
    ];

    /// `2024-25`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Y2022_23 => "2022-23",
            Self::Y2023_24 => "2023-24",
            Self::Y2024_25 => "2024-25",
            Self::Y2025_26 => "2025-26",
        }
    }

    pub fn rules(self) -> &'static RuleSet {
        let index = Self::ALL.iter().position(|y| *y == self).unwrap_or(0);
        &all_rule_sets()[index]
    }
}

impl fmt::Display for RuleYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The year given is not one with a rule set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule year {0:?}: expected one of 2022-23, 2023-24, 2024-25, 2025-26")]
pub struct UnknownRuleYear(pub String);

impl FromStr for RuleYear {
    type Err = UnknownRuleYear;

    /// Accepts `2024-25`, `2024/25` and `2024-2025`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let normal = text.trim().replace('/', "-");
        Self::ALL
            .into_iter()
            .find(|year| {
                let label = year.label();
                normal == label || normal == format!("{}-20{}", &label[..4], &label[5..])
            })
            .ok_or_else(|| UnknownRuleYear(text.to_string()))
    }
}

impl Serialize for RuleYear {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.label())
    }
}

impl<'de> Deserialize<'de> for RuleYear {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The population (or count) a rate is paid on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    pub fn label(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::Weighted => "weighted",
            Self::Adjusted => "adjusted",
            Self::PerBed => "per bed",
        }
    }
}

/// Who receives a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaidTo {
    Network,
    /// Paid to each member practice (the network participation payment).
    Practice,
}

/// One `rate × base` part of a funding line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    pub base: Base,
    /// Pounds per unit of the base for the whole financial year (part-year lines already halved).
    pub gbp: f64,
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

    pub fn has_unverified(&self) -> bool {
        self.lines.iter().any(|line| !line.verified)
    }
}

/// Every line id any year may use, in the order of report columns.
pub const LINE_IDS: [&str; 11] = [
    "core",
    "clinical_director",
    "leadership_management",
    "participation",
    "extended_hours",
    "enhanced_access",
    "casp",
    "caip",
    "care_home_premium",
    "arrs",
    "gp_arrs",
];

const RULE_SOURCES: [&str; 4] = [
    include_str!("../../assets/rules/2022-23.ron"),
    include_str!("../../assets/rules/2023-24.ron"),
    include_str!("../../assets/rules/2024-25.ron"),
    include_str!("../../assets/rules/2025-26.ron"),
];

/// Why embedded rule data is unusable (caught by tests; never reached by users).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RuleDataError {
    #[error("rule set {index}: {message}")]
    Parse { index: usize, message: String },
    #[error("rule set {year}: {message}")]
    Invalid { year: RuleYear, message: String },
}

/// Parses and checks one rule set.
pub fn parse_rule_set(text: &str, index: usize) -> Result<RuleSet, RuleDataError> {
    let set: RuleSet = ron::from_str(text).map_err(|error| RuleDataError::Parse {
        index,
        message: error.to_string(),
    })?;
    let invalid = |message: String| RuleDataError::Invalid {
        year: set.year,
        message,
    };
    let mut last_position = None;
    for line in &set.lines {
        let position = LINE_IDS
            .iter()
            .position(|id| *id == line.id)
            .ok_or_else(|| invalid(format!("unknown line id {:?}", line.id)))?;
        if last_position.is_some_and(|last| position <= last) {
            return Err(invalid(format!(
                "line {:?} is out of order or repeated",
                line.id
            )));
        }
        last_position = Some(position);
        if line.terms.is_empty() {
            return Err(invalid(format!("line {:?} has no terms", line.id)));
        }
        for term in &line.terms {
            if Rate::from_pounds(term.gbp).is_none() {
                return Err(invalid(format!(
                    "line {:?} has rate {} (must be ≥ 0 with at most 4 decimals)",
                    line.id, term.gbp
                )));
            }
        }
    }
    Ok(set)
}

/// All embedded rule sets, parsed once, in year order. An embedded file that fails to parse is
/// replaced by an empty rule set (a test asserts they all parse), so the app never panics.
pub fn all_rule_sets() -> &'static [RuleSet; 4] {
    static SETS: OnceLock<[RuleSet; 4]> = OnceLock::new();
    SETS.get_or_init(|| {
        std::array::from_fn(|index| {
            parse_rule_set(RULE_SOURCES[index], index).unwrap_or_else(|_| RuleSet {
                year: RuleYear::ALL[index],
                title: format!("{} (rule data failed to load)", RuleYear::ALL[index]),
                lines: Vec::new(),
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rule_sets_parse_in_year_order() {
        for (index, text) in RULE_SOURCES.iter().enumerate() {
            let set = parse_rule_set(text, index).expect("embedded rules parse");
            assert_eq!(set.year, RuleYear::ALL[index]);
            assert!(!set.lines.is_empty());
        }
    }

    #[test]
    fn years_parse_in_several_spellings() {
        assert_eq!("2024-25".parse(), Ok(RuleYear::Y2024_25));
        assert_eq!("2024/25".parse(), Ok(RuleYear::Y2024_25));
        assert_eq!("2024-2025".parse(), Ok(RuleYear::Y2024_25));
        assert!("2019-20".parse::<RuleYear>().is_err());
    }
}
