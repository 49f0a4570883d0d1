//! Checks, labels and helpers for the actions that correct the data figures come from: a rule
//! set loaded from a file ([`Action::PutRuleSet`]) and entered adjusted populations
//! ([`Action::SetAdjusted`]); `apply::apply` applies them.

use super::action::{Action, ActionError};
use super::hub::HubId;
use super::practice::PracticeId;
use super::quantity::Patients;
use super::rule_files::check_rule_set;
use super::rules::{RuleSet, RuleYear};
use super::scenario::Scenario;
use std::collections::BTreeSet;

/// Largest adjusted population accepted for one practice (the biggest English practice has
/// about 120,000 patients; a hub's figure is shared out before this applies).
pub const MAX_PRACTICE_ADJUSTED: Patients = Patients(1_000_000 * 100);

/// A loaded set must name the year it is put under and pass the rule-file checks; the set of
/// the year in use may be removed only where an embedded set takes its place.
pub fn validate_rule_set(
    scenario: &Scenario,
    year: RuleYear,
    set: Option<&RuleSet>,
) -> Result<(), ActionError> {
    match set {
        Some(set) => {
            if set.year != year {
                return Err(ActionError::BadRuleSet(format!(
                    "the rule set is for {}, not {year}",
                    set.year
                )));
            }
            check_rule_set(set).map_err(|message| {
                ActionError::BadRuleSet(format!("rule set {year}: {message}"))
            })?;
        }
        None if year == scenario.rule_year && !year.is_known() => {
            return Err(ActionError::BadRuleSet(format!(
                "{year} is the year in use; choose another year before removing its rules"
            )));
        }
        None => {}
    }
    // Every corrected rate of the year must still name a part of a line, and a year left with
    // no rules keeps no corrections, so that the scenario (and its file) stays consistent.
    let after = set.unwrap_or_else(|| year.rules());
    if let Some(edits) = scenario.rule_edits().year(year) {
        if set.is_none() && !year.is_known() {
            return Err(ActionError::BadRuleSet(format!(
                "{year} has rate corrections or local lines; remove them before its rules"
            )));
        }
        for (line, base) in edits.overrides.keys() {
            let present = after
                .line(line)
                .is_some_and(|found| found.terms.iter().any(|term| term.base == *base));
            if !present {
                return Err(ActionError::BadRuleSet(format!(
                    "the rate of {line} ({}) in {year} is corrected, and these rules have no such \
                     part; reset the correction first",
                    base.label()
                )));
            }
        }
    }
    Ok(())
}

/// Every practice must exist, once, with a figure from 0 to [`MAX_PRACTICE_ADJUSTED`].
pub fn validate_adjusted(
    scenario: &Scenario,
    entries: &[(PracticeId, Option<Patients>)],
) -> Result<(), ActionError> {
    let mut seen = BTreeSet::new();
    for (practice, value) in entries {
        if scenario.region().practice(*practice).is_none() {
            return Err(ActionError::UnknownPractice(practice.0));
        }
        if !seen.insert(*practice) {
            return Err(ActionError::BadAdjusted(format!(
                "practice number {} is given twice",
                practice.0
            )));
        }
        if let Some(value) = value
            && !(Patients(0)..=MAX_PRACTICE_ADJUSTED).contains(value)
        {
            return Err(ActionError::BadAdjusted(format!(
                "an adjusted population must be between 0 and {} (got {value})",
                MAX_PRACTICE_ADJUSTED
            )));
        }
    }
    Ok(())
}

/// `Load 2027-28 rules`, `Set adjusted population of Burgess Hill PCN`, …
pub fn describe(scenario: &Scenario, action: &Action) -> String {
    match action {
        Action::PutRuleSet { year, set } => match set {
            Some(_) if scenario.loaded_rule_sets().contains_key(year) => {
                format!("Replace loaded {year} rules")
            }
            Some(_) => format!("Load {year} rules"),
            None => format!("Remove loaded {year} rules"),
        },
        Action::SetAdjusted { entries } => {
            let clearing = entries.iter().all(|(_, value)| value.is_none());
            let verb = if clearing { "Clear" } else { "Set" };
            match entries.as_slice() {
                [(practice, _)] => {
                    let name = scenario
                        .region()
                        .practice(*practice)
                        .map_or_else(|| format!("practice {}", practice.0), |p| p.display_name());
                    format!("{verb} adjusted population of {name}")
                }
                _ => {
                    let hubs: BTreeSet<Option<HubId>> = entries
                        .iter()
                        .map(|(practice, _)| scenario.hub_of(*practice))
                        .collect();
                    match hubs.iter().next() {
                        Some(Some(hub)) if hubs.len() == 1 => {
                            let name = scenario.hub(*hub).map_or_else(
                                || format!("hub {}", hub.0),
                                |hub| super::format::title_case(&hub.name),
                            );
                            format!("{verb} adjusted population of {name}")
                        }
                        _ => format!("{verb} adjusted population of {} practices", entries.len()),
                    }
                }
            }
        }
        _ => String::new(),
    }
}

/// Enters a hub's adjusted population (e.g. from the ICB's letter) by sharing `total` out over
/// its members in proportion to their weighted lists, to the hundredth, so that the members'
/// figures add up to `total` exactly and each travels with its practice when it moves. `None`
/// when the hub has no members.
pub fn enter_hub_adjusted(scenario: &Scenario, hub: HubId, total: Patients) -> Option<Action> {
    scenario.hub(hub)?;
    let members: Vec<PracticeId> = scenario.members(hub).collect();
    if members.is_empty() {
        return None;
    }
    let weights: Vec<i128> = members
        .iter()
        .map(|id| {
            scenario
                .region()
                .practice(*id)
                .map_or(0, |p| i128::from(p.weighted_or_registered().0.max(0)))
        })
        .collect();
    let shares = share_out(total.0.max(0), &weights);
    Some(Action::SetAdjusted {
        entries: members
            .into_iter()
            .zip(shares)
            .map(|(practice, share)| (practice, Some(Patients(share))))
            .collect(),
    })
}

/// Clears the entered adjusted populations of a hub's members (the data or the weighted list
/// stands in again). `None` when none of them has one.
pub fn clear_hub_adjusted(scenario: &Scenario, hub: HubId) -> Option<Action> {
    let entries: Vec<(PracticeId, Option<Patients>)> = scenario
        .members(hub)
        .filter(|id| scenario.adjusted_entry(*id).is_some())
        .map(|id| (id, None))
        .collect();
    (!entries.is_empty()).then_some(Action::SetAdjusted { entries })
}

/// Splits `total` in proportion to `weights` by largest remainder (equal shares when every
/// weight is zero); the parts add up to `total`.
fn share_out(total: i64, weights: &[i128]) -> Vec<i64> {
    let count = weights.len();
    if count == 0 {
        return Vec::new();
    }
    let sum: i128 = weights.iter().sum();
    let weights: Vec<i128> = if sum == 0 {
        vec![1; count]
    } else {
        weights.to_vec()
    };
    let sum: i128 = weights.iter().sum();
    let total = i128::from(total);
    let mut parts: Vec<i128> = weights.iter().map(|w| total * w / sum).collect();
    let mut order: Vec<usize> = (0..count).collect();
    // Largest remainder first; ties go to the earlier member, so the split is deterministic.
    order.sort_by_key(|&i| std::cmp::Reverse(total * weights[i] % sum));
    let left = total - parts.iter().sum::<i128>();
    for &i in order.iter().take(left as usize) {
        parts[i] += 1;
    }
    parts.into_iter().map(|part| part as i64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_exactly_and_follow_the_weights() {
        assert_eq!(share_out(100, &[1, 1, 1]), vec![34, 33, 33]);
        assert_eq!(share_out(1_000, &[300, 700]), vec![300, 700]);
        assert_eq!(share_out(10, &[0, 0]), vec![5, 5]);
        assert_eq!(share_out(7, &[2, 1]), vec![5, 2]);
        let weights = [612_345, 1_034_899, 887_001, 5];
        let parts = share_out(4_000_000, &weights);
        assert_eq!(parts.iter().sum::<i64>(), 4_000_000);
        assert!(parts[1] > parts[2] && parts[2] > parts[0] && parts[0] > parts[3]);
    }
}
