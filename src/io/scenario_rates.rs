//! The optional rate corrections of a scenario file: overridden rates and local lines, per
//! year. Files written before rate editing have none and load as before.

use super::error::Problem;
use super::scenario_locate::Locator;
use crate::model::rule_edits::RuleEdits;
use crate::model::{
    Action, Base, LocalLine, PaidTo, Rate, RateOverride, RuleYear, Scenario, apply,
};
use serde::{Deserialize, Serialize};

/// One overridden rate: the term of `line` on `base` in `year` is `gbp` pounds per unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateEditDto {
    /// `2026-27`.
    pub year: String,
    /// A line id of that year's rules, e.g. `enhanced_access`.
    pub line: String,
    pub base: Base,
    pub gbp: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// One line the user added to a year (a local variation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalLineDto {
    pub year: String,
    /// `local_1`, …
    pub id: String,
    pub name: String,
    pub base: Base,
    pub gbp: f64,
    #[serde(default = "network")]
    pub paid_to: PaidTo,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

fn network() -> PaidTo {
    PaidTo::Network
}

/// The scenario's edits as file records, in year and id order.
pub fn rate_dtos(edits: &RuleEdits) -> (Vec<RateEditDto>, Vec<LocalLineDto>) {
    let mut rates = Vec::new();
    let mut lines = Vec::new();
    for (year, year_edits) in edits.years() {
        for ((line, base), edit) in &year_edits.overrides {
            rates.push(RateEditDto {
                year: year.label(),
                line: line.clone(),
                base: *base,
                gbp: edit.rate.as_pounds_f64(),
                note: edit.note.clone(),
            });
        }
        for (id, local) in &year_edits.local_lines {
            lines.push(LocalLineDto {
                year: year.label(),
                id: id.clone(),
                name: local.name.clone(),
                base: local.base,
                gbp: local.rate.as_pounds_f64(),
                paid_to: local.paid_to,
                note: local.note.clone(),
            });
        }
    }
    (rates, lines)
}

/// A year with rules in this scenario: embedded, or loaded with the file's `rule_sets`.
fn year_of(
    scenario: &Scenario,
    locate: &Locator<'_>,
    section: &str,
    code: &str,
    field: &str,
    text: &str,
) -> Result<RuleYear, Problem> {
    RuleYear::from_label(text)
        .filter(|year| scenario.knows_year(*year))
        .map_or_else(|| text.parse::<RuleYear>(), Ok)
        .map_err(|error| locate.problem(section, code, format!("{field}.year"), error.to_string()))
}

fn rate_of(
    locate: &Locator<'_>,
    section: &str,
    code: &str,
    field: &str,
    gbp: f64,
) -> Result<Rate, Problem> {
    Rate::from_pounds(gbp).ok_or_else(|| {
        locate.problem(
            section,
            code,
            format!("{field}.gbp"),
            format!("rate {gbp} must be ≥ 0 with at most 4 decimals"),
        )
    })
}

/// The action that puts one file record in place, or the problem with it.
fn rate_action(
    scenario: &Scenario,
    locate: &Locator<'_>,
    index: usize,
    dto: RateEditDto,
) -> Result<Action, Problem> {
    let (section, field) = ("rate_edits:", format!("rate_edits[{index}]"));
    let year = year_of(scenario, locate, section, &dto.line, &field, &dto.year)?;
    let rate = rate_of(locate, section, &dto.line, &field, dto.gbp)?;
    Ok(Action::SetRate {
        year,
        line: dto.line,
        base: dto.base,
        rate: Some(RateOverride {
            rate,
            note: dto.note,
        }),
    })
}

fn local_action(
    scenario: &Scenario,
    locate: &Locator<'_>,
    index: usize,
    dto: LocalLineDto,
) -> Result<Action, Problem> {
    let (section, field) = ("local_lines:", format!("local_lines[{index}]"));
    let year = year_of(scenario, locate, section, &dto.id, &field, &dto.year)?;
    let rate = rate_of(locate, section, &dto.id, &field, dto.gbp)?;
    Ok(Action::PutLocalLine {
        year,
        id: dto.id,
        line: Some(LocalLine {
            name: dto.name,
            base: dto.base,
            rate,
            paid_to: dto.paid_to,
            note: dto.note,
        }),
    })
}

/// Checks the records of a file and adds them to the scenario through `apply` (so the model's
/// own checks hold); every problem names its field.
pub(super) fn add_rate_edits(
    scenario: &mut Scenario,
    locate: &Locator<'_>,
    rates: Vec<RateEditDto>,
    lines: Vec<LocalLineDto>,
) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    let mut seen_rates = std::collections::BTreeSet::new();
    let mut seen_lines = std::collections::BTreeSet::new();
    let rate_records = rates.into_iter().enumerate().map(|(index, dto)| {
        let (code, key) = (
            dto.line.clone(),
            (dto.year.clone(), dto.line.clone(), dto.base),
        );
        let field = format!("rate_edits[{index}]");
        let repeated = !seen_rates.insert(key);
        (
            "rate_edits:",
            code,
            field,
            repeated,
            rate_action(scenario, locate, index, dto),
        )
    });
    let records: Vec<_> = rate_records.collect();
    let line_records = lines.into_iter().enumerate().map(|(index, dto)| {
        let (code, key) = (dto.id.clone(), (dto.year.clone(), dto.id.clone()));
        let field = format!("local_lines[{index}]");
        let repeated = !seen_lines.insert(key);
        (
            "local_lines:",
            code,
            field,
            repeated,
            local_action(scenario, locate, index, dto),
        )
    });
    let records: Vec<_> = records.into_iter().chain(line_records).collect();
    for (section, code, field, repeated, action) in records {
        if repeated {
            problems.push(locate.problem(section, &code, field, "is given more than once".into()));
            continue;
        }
        match action.map(|action| apply(scenario, action)) {
            Ok(Ok(_)) => {}
            Ok(Err(error)) => {
                problems.push(locate.problem(section, &code, field, error.to_string()));
            }
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
