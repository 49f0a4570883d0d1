//! The embedded rule files: every `.ron` file of `assets/rules/` (listed by `build.rs`), parsed
//! and checked once. Adding a year is adding a file.

use super::quantity::Rate;
use super::rules::{LINE_IDS, RuleSet, RuleYear};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/rule_files.rs"));

/// Why a rule file is unusable. Embedded files are checked by tests; a file from outside gets
/// this as its message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RuleDataError {
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    #[error("{file}: rule set {year}: {message}")]
    Invalid {
        file: String,
        year: String,
        message: String,
    },
}

/// Parses and checks one rule set; `file` names it in messages.
pub fn parse_rule_set(text: &str, file: &str) -> Result<RuleSet, RuleDataError> {
    let set: RuleSet = ron::from_str(text).map_err(|error| RuleDataError::Parse {
        file: file.to_string(),
        message: error.to_string(),
    })?;
    check_rule_set(&set).map_err(|message| RuleDataError::Invalid {
        file: file.to_string(),
        year: set.year.label(),
        message,
    })?;
    Ok(set)
}

/// Line ids known and in report order, each line with terms, rates ≥ 0 with at most 4 decimals.
pub fn check_rule_set(set: &RuleSet) -> Result<(), String> {
    let mut last_position = None;
    for line in &set.lines {
        let position = LINE_IDS
            .iter()
            .position(|id| *id == line.id)
            .ok_or_else(|| format!("unknown line id {:?}", line.id))?;
        if last_position.is_some_and(|last| position <= last) {
            return Err(format!("line {:?} is out of order or repeated", line.id));
        }
        last_position = Some(position);
        if line.terms.is_empty() {
            return Err(format!("line {:?} has no terms", line.id));
        }
        for (index, term) in line.terms.iter().enumerate() {
            if Rate::from_pounds(term.gbp).is_none() {
                return Err(format!(
                    "line {:?} has rate {} (must be ≥ 0 with at most 4 decimals)",
                    line.id, term.gbp
                ));
            }
            if line.terms[..index].iter().any(|t| t.base == term.base) {
                return Err(format!("line {:?} names one base twice", line.id));
            }
        }
        if line.period.as_deref().is_some_and(|p| p.trim().is_empty()) {
            return Err(format!("line {:?} has an empty period", line.id));
        }
    }
    Ok(())
}

/// All embedded rule sets, parsed once, oldest year first. A file that fails to parse is left
/// out (a test asserts they all parse), so the app never panics; a year given twice keeps the
/// first file.
pub fn embedded_rule_sets() -> &'static [RuleSet] {
    static SETS: std::sync::OnceLock<Vec<RuleSet>> = std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        let mut sets: Vec<RuleSet> = RULE_FILES
            .iter()
            .filter_map(|(name, text)| parse_rule_set(text, name).ok())
            .collect();
        sets.sort_by_key(|set| set.year);
        sets.dedup_by_key(|set| set.year);
        sets
    })
}

/// The years that have a rule set come from the embedded files.
impl RuleYear {
    /// Every year with an embedded rule set, oldest first.
    pub fn all() -> &'static [RuleYear] {
        static YEARS: OnceLock<Vec<RuleYear>> = OnceLock::new();
        YEARS.get_or_init(|| embedded_rule_sets().iter().map(|set| set.year).collect())
    }

    /// The newest year with a rule set: the default for a new document.
    pub fn latest() -> Self {
        Self::all().last().copied().unwrap_or(Self::Y2025_26)
    }

    /// True when an embedded rule set exists for the year.
    pub fn is_known(self) -> bool {
        Self::all().contains(&self)
    }

    /// The embedded rule set of the year (an empty set for a year without one).
    pub fn rules(self) -> &'static RuleSet {
        static EMPTY: OnceLock<RuleSet> = OnceLock::new();
        embedded_rule_sets()
            .iter()
            .find(|set| set.year == self)
            .unwrap_or_else(|| {
                EMPTY.get_or_init(|| RuleSet {
                    year: self,
                    title: "No rule set".to_string(),
                    lines: Vec::new(),
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_rule_file_parses_and_names_its_own_year() {
        assert!(RULE_FILES.len() >= 5);
        for (name, text) in RULE_FILES {
            let set = parse_rule_set(text, name).expect("embedded rules parse");
            assert_eq!(format!("{}.ron", set.year), *name);
            assert!(!set.lines.is_empty());
        }
        assert_eq!(embedded_rule_sets().len(), RULE_FILES.len());
    }

    #[test]
    fn a_bad_rule_file_names_the_file_and_the_problem() {
        let text = "(year: \"2027-28\", title: \"x\", lines: [(id: \"bogus\", name: \"x\", \
                    paid_to: Network, terms: [(base: Registered, gbp: 1.0)], verified: true, \
                    source: \"\")])";
        let error = parse_rule_set(text, "mine.ron").expect_err("bad id");
        assert_eq!(
            error.to_string(),
            "mine.ron: rule set 2027-28: unknown line id \"bogus\""
        );
        let error = parse_rule_set("(year: \"2027-29\")", "mine.ron").expect_err("bad year");
        assert!(error.to_string().starts_with("mine.ron: 1:"), "{error}");
    }
}
