//! The user's corrections to a year's rule set: a rate overridden (with a note), or a local line
//! added (an ICB local variation). Kept per year inside the scenario; the effective rules of a
//! scenario are its year's rule file with its edits for that year applied.

use super::quantity::Rate;
use super::rules::{Base, FundingLine, LineEdit, PaidTo, RuleSet, RuleYear, Term};
use std::collections::BTreeMap;

/// Longest note kept with an edit (characters).
pub const MAX_EDIT_NOTE_CHARS: usize = 200;
/// Most local lines one year may hold.
pub const MAX_LOCAL_LINES: usize = 20;
/// Ids of lines the user adds start with this.
pub const LOCAL_LINE_PREFIX: &str = "local_";

/// A corrected rate of one term of one line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RateOverride {
    pub rate: Rate,
    /// Why, e.g. `ICB letter 14 May 2026` (may be empty).
    pub note: String,
}

/// A line the user adds: one rate on one base.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LocalLine {
    pub name: String,
    pub base: Base,
    pub rate: Rate,
    pub paid_to: PaidTo,
    pub note: String,
}

/// Which term a rate override replaces: the line id and the term's base.
pub type RateKey = (String, Base);

/// The edits of one year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearEdits {
    pub overrides: BTreeMap<RateKey, RateOverride>,
    /// By id (`local_1`, …), in id order.
    pub local_lines: BTreeMap<String, LocalLine>,
}

impl YearEdits {
    pub fn is_empty(&self) -> bool {
        self.overrides.is_empty() && self.local_lines.is_empty()
    }
}

/// Every year's edits. A year without edits has no entry, so undoing the last edit of a year
/// gives back exactly the value before.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleEdits {
    years: BTreeMap<RuleYear, YearEdits>,
}

impl RuleEdits {
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    pub fn years(&self) -> &BTreeMap<RuleYear, YearEdits> {
        &self.years
    }

    pub fn year(&self, year: RuleYear) -> Option<&YearEdits> {
        self.years.get(&year)
    }

    pub fn rate_override(&self, year: RuleYear, line: &str, base: Base) -> Option<&RateOverride> {
        self.years
            .get(&year)?
            .overrides
            .get(&(line.to_string(), base))
    }

    pub fn local_line(&self, year: RuleYear, id: &str) -> Option<&LocalLine> {
        self.years.get(&year)?.local_lines.get(id)
    }

    /// An id no local line of the year has: `local_1`, `local_2`, …
    pub fn next_local_id(&self, year: RuleYear) -> String {
        (1..)
            .map(|n| format!("{LOCAL_LINE_PREFIX}{n}"))
            .find(|id| self.local_line(year, id).is_none())
            .unwrap_or_default()
    }

    /// Sets (or with `None` removes) an override; returns what was there.
    pub fn put_override(
        &mut self,
        year: RuleYear,
        key: RateKey,
        value: Option<RateOverride>,
    ) -> Option<RateOverride> {
        let edits = self.years.entry(year).or_default();
        let previous = match value {
            Some(value) => edits.overrides.insert(key, value),
            None => edits.overrides.remove(&key),
        };
        self.drop_if_empty(year);
        previous
    }

    /// Sets (or with `None` removes) a local line; returns what was there.
    pub fn put_local_line(
        &mut self,
        year: RuleYear,
        id: String,
        value: Option<LocalLine>,
    ) -> Option<LocalLine> {
        let edits = self.years.entry(year).or_default();
        let previous = match value {
            Some(value) => edits.local_lines.insert(id, value),
            None => edits.local_lines.remove(&id),
        };
        self.drop_if_empty(year);
        previous
    }

    fn drop_if_empty(&mut self, year: RuleYear) {
        if self.years.get(&year).is_some_and(YearEdits::is_empty) {
            self.years.remove(&year);
        }
    }

    /// The rule set with this year's edits applied: overridden terms take the user's rate and
    /// their line is marked edited; local lines follow the file's lines. Overrides of terms the
    /// set does not have are ignored.
    pub fn apply_to(&self, rules: &RuleSet) -> RuleSet {
        let mut effective = rules.clone();
        let Some(edits) = self.years.get(&rules.year) else {
            return effective;
        };
        for line in &mut effective.lines {
            let original_formula = line.formula();
            let mut notes: Vec<&str> = Vec::new();
            for term in &mut line.terms {
                if let Some(edit) = edits.overrides.get(&(line.id.clone(), term.base)) {
                    term.gbp = edit.rate.as_pounds_f64();
                    if !edit.note.trim().is_empty() && !notes.contains(&edit.note.trim()) {
                        notes.push(edit.note.trim());
                    }
                    line.edit = Some(LineEdit {
                        note: String::new(),
                        original_formula: Some(original_formula.clone()),
                    });
                }
            }
            if let Some(edit) = &mut line.edit {
                edit.note = notes.join("; ");
            }
        }
        effective.lines.extend(
            edits
                .local_lines
                .iter()
                .map(|(id, local)| local_funding_line(id, local)),
        );
        effective
    }
}

/// A local line as a funding line of the effective rules.
fn local_funding_line(id: &str, local: &LocalLine) -> FundingLine {
    FundingLine {
        id: id.to_string(),
        name: local.name.clone(),
        paid_to: local.paid_to,
        terms: vec![Term {
            base: local.base,
            gbp: local.rate.as_pounds_f64(),
        }],
        verified: false,
        source: "Added by the user (local variation)".to_string(),
        note: String::new(),
        period: None,
        edit: Some(LineEdit {
            note: local.note.clone(),
            original_formula: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_override_changes_one_term_and_marks_its_line() {
        let mut edits = RuleEdits::default();
        let year = RuleYear::Y2025_26;
        edits.put_override(
            year,
            ("core".into(), Base::Adjusted),
            Some(RateOverride {
                rate: Rate(8_000),
                note: "ICB letter".into(),
            }),
        );
        let effective = edits.apply_to(year.rules());
        let core = effective.line("core").expect("core");
        assert_eq!(core.formula(), "£2.266 × registered + £0.8 × adjusted");
        let edit = core.edit.as_ref().expect("edited");
        assert_eq!(
            edit.describe(),
            "edited: was £2.266 × registered + £0.733 × adjusted; ICB letter"
        );
        assert!(effective.line("participation").expect("npp").edit.is_none());
        // Another year is untouched.
        assert_eq!(
            edits.apply_to(RuleYear::Y2024_25.rules()),
            *RuleYear::Y2024_25.rules()
        );
        edits.put_override(year, ("core".into(), Base::Adjusted), None);
        assert!(edits.is_empty());
    }
}
