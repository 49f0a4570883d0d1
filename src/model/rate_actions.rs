//! Checks and labels for the actions that edit rates ([`Action::SetRate`],
//! [`Action::PutLocalLine`]); `apply::apply` applies them.

use super::action::{Action, ActionError, MAX_NAME_CHARS};
use super::rule_edits::{
    LOCAL_LINE_PREFIX, LocalLine, MAX_EDIT_NOTE_CHARS, MAX_LOCAL_LINES, RateOverride,
};
use super::rules::{Base, RuleYear};
use super::scenario::Scenario;

/// Largest rate accepted, £ per unit (the rule-file limit).
const MAX_RATE_E4: i64 = 1_000_000 * 10_000;

fn refuse(message: String) -> ActionError {
    ActionError::BadRateEdit(message)
}

fn check_rate(rate: super::quantity::Rate) -> Result<(), ActionError> {
    if (0..=MAX_RATE_E4).contains(&rate.0) {
        Ok(())
    } else {
        Err(refuse(format!(
            "a rate must be between £0 and £1,000,000 (got £{})",
            rate.as_pounds_f64()
        )))
    }
}

fn check_note(note: &str) -> Result<(), ActionError> {
    let chars = note.chars().count();
    if chars > MAX_EDIT_NOTE_CHARS {
        return Err(ActionError::TextTooLong {
            chars,
            max: MAX_EDIT_NOTE_CHARS,
        });
    }
    Ok(())
}

/// The year's rule file must have the line with a term on that base.
pub fn validate_set_rate(
    scenario: &Scenario,
    year: RuleYear,
    line: &str,
    base: Base,
    rate: Option<&RateOverride>,
) -> Result<(), ActionError> {
    let rules = scenario.rules_of(year);
    let Some(found) = rules.line(line) else {
        return Err(refuse(format!("{year} has no line {line:?}")));
    };
    if !found.terms.iter().any(|term| term.base == base) {
        return Err(refuse(format!(
            "line {line:?} of {year} has no {} part",
            base.label()
        )));
    }
    if let Some(edit) = rate {
        check_rate(edit.rate)?;
        check_note(&edit.note)?;
    }
    Ok(())
}

/// A local line needs an id starting `local_`, a name, a valid rate and room.
pub fn validate_local_line(
    scenario: &Scenario,
    year: RuleYear,
    id: &str,
    line: Option<&LocalLine>,
) -> Result<(), ActionError> {
    if !scenario.knows_year(year) {
        return Err(ActionError::UnknownRuleYear(year));
    }
    let suffix = id.strip_prefix(LOCAL_LINE_PREFIX).unwrap_or_default();
    if suffix.is_empty()
        || !suffix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(refuse(format!(
            "a local line id must be {LOCAL_LINE_PREFIX} followed by letters or digits (got {id:?})"
        )));
    }
    let Some(line) = line else {
        return Ok(());
    };
    if line.name.trim().is_empty() {
        return Err(refuse("a local line needs a name".to_string()));
    }
    let chars = line.name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(ActionError::TextTooLong {
            chars,
            max: MAX_NAME_CHARS,
        });
    }
    check_rate(line.rate)?;
    check_note(&line.note)?;
    let edits = scenario.rule_edits().year(year);
    let count = edits.map_or(0, |edits| edits.local_lines.len());
    let replacing = scenario.rule_edits().local_line(year, id).is_some();
    if !replacing && count >= MAX_LOCAL_LINES {
        return Err(refuse(format!(
            "a year keeps at most {MAX_LOCAL_LINES} local lines"
        )));
    }
    Ok(())
}

/// `Set enhanced access (adjusted) to £9.1`, `Reset …`, `Add local line …`, `Remove local line …`.
pub fn describe(scenario: &Scenario, action: &Action) -> String {
    match action {
        Action::SetRate {
            year,
            line,
            base,
            rate,
        } => {
            let name = scenario
                .rules_of(*year)
                .line(line)
                .map_or_else(|| line.clone(), |found| found.name.clone());
            match rate {
                Some(edit) => format!("Set {name} ({}) to £{}", base.label(), edit.rate),
                None => format!("Reset {name} ({}) rate", base.label()),
            }
        }
        Action::PutLocalLine { year, id, line } => {
            match (line, scenario.rule_edits().local_line(*year, id)) {
                (Some(new), None) => format!("Add local line {}", new.name),
                (Some(new), Some(_)) => format!("Change local line {}", new.name),
                (None, Some(old)) => format!("Remove local line {}", old.name),
                (None, None) => format!("Remove local line {id}"),
            }
        }
        _ => String::new(),
    }
}
