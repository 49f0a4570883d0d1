//! `--rate LINE=POUNDS` on the command line, and the `rules` subcommand.

use crate::model::{Action, Base, Rate, RateOverride, RuleYear, Scenario, apply};
use std::path::Path;
use std::sync::Arc;

/// `--rules FILE` and `--year Y`: puts the file's rule set in the scenario (so a scenario
/// written from it stays self-contained) and uses its year, unless `--year` names another.
/// Refuses a year with no rules, naming the years there are.
pub fn use_rules(
    scenario: &mut Scenario,
    rules: Option<&Path>,
    year: Option<RuleYear>,
) -> anyhow::Result<()> {
    let mut actions = Vec::new();
    let mut file_year = None;
    if let Some(path) = rules {
        let set = crate::io::rules_file::open_rule_file(path)?;
        file_year = Some(set.year);
        actions.push(Action::PutRuleSet {
            year: set.year,
            set: Some(Arc::new(set)),
        });
    }
    if let Some(year) = year.or(file_year) {
        let known = scenario.knows_year(year) || file_year == Some(year);
        if !known {
            let years: Vec<String> = scenario.years().iter().map(|y| y.label()).collect();
            anyhow::bail!(
                "--year {year}: there are no rules for {year} (years: {}); give its rule file with --rules FILE",
                years.join(", ")
            );
        }
        actions.push(Action::SetRuleYear(year));
    }
    if !actions.is_empty() {
        apply(scenario, Action::Batch(actions)).map_err(|error| anyhow::anyhow!("{error}"))?;
    }
    Ok(())
}

/// One `--rate` argument: `enhanced_access=9.10` or, for a line with several parts,
/// `core.adjusted=0.75`.
#[derive(Debug, Clone, PartialEq)]
pub struct RateArg {
    pub line: String,
    pub base: Option<Base>,
    pub rate: Rate,
}

/// Parses `LINE=POUNDS` or `LINE.BASE=POUNDS` (clap value parser).
pub fn parse_rate_arg(text: &str) -> Result<RateArg, String> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| format!("{text:?}: expected LINE=POUNDS, e.g. enhanced_access=9.10"))?;
    let (line, base) = match key.split_once('.') {
        Some((line, base)) => {
            let base = Base::from_label(base).ok_or_else(|| {
                format!("{text:?}: unknown base {base:?} (registered, weighted, adjusted, per_bed)")
            })?;
            (line.trim(), Some(base))
        }
        None => (key.trim(), None),
    };
    if line.is_empty() {
        return Err(format!("{text:?}: the line id is missing"));
    }
    let pounds: f64 = value
        .trim()
        .trim_start_matches('£')
        .parse()
        .map_err(|_| format!("{text:?}: {value:?} is not a number of pounds"))?;
    let rate = Rate::from_pounds(pounds)
        .ok_or_else(|| format!("{text:?}: a rate must be ≥ 0 with at most 4 decimals"))?;
    Ok(RateArg {
        line: line.to_string(),
        base,
        rate,
    })
}

/// Applies `--rate` arguments to the scenario's year as rate overrides with `note`.
pub fn apply_rate_args(
    scenario: &mut Scenario,
    args: &[RateArg],
    note: &str,
) -> anyhow::Result<()> {
    let year = scenario.rule_year();
    let rules = scenario.rules_of(year).clone();
    for arg in args {
        let Some(line) = rules.line(&arg.line) else {
            let ids: Vec<&str> = rules.lines.iter().map(|line| line.id.as_str()).collect();
            anyhow::bail!(
                "--rate {}: {year} has no line {:?} (lines: {})",
                arg.line,
                arg.line,
                ids.join(", ")
            );
        };
        let base = match (arg.base, line.terms.as_slice()) {
            (Some(base), _) => base,
            (None, [only]) => only.base,
            (None, terms) => {
                let parts: Vec<&str> = terms.iter().map(|term| term.base.label()).collect();
                anyhow::bail!(
                    "--rate {}: the line has parts {}; name one, e.g. {}.{}=…",
                    arg.line,
                    parts.join(" and "),
                    arg.line,
                    parts.first().copied().unwrap_or("registered")
                );
            }
        };
        let action = Action::SetRate {
            year,
            line: arg.line.clone(),
            base,
            rate: Some(RateOverride {
                rate: arg.rate,
                note: note.to_string(),
            }),
        };
        apply(scenario, action).map_err(|error| anyhow::anyhow!("--rate {}: {error}", arg.line))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_arguments_parse_or_say_why_not() {
        assert_eq!(
            parse_rate_arg("enhanced_access=9.10"),
            Ok(RateArg {
                line: "enhanced_access".into(),
                base: None,
                rate: Rate(91_000),
            })
        );
        assert_eq!(
            parse_rate_arg("core.adjusted=£0.75").map(|arg| arg.base),
            Ok(Some(Base::Adjusted))
        );
        assert!(parse_rate_arg("core").is_err());
        assert!(parse_rate_arg("core=-1").is_err());
        assert!(parse_rate_arg("core.bogus=1").is_err());
        assert!(parse_rate_arg("=1").is_err());
    }
}
