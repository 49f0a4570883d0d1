//! Comparison of two options on the same region: which practices moved, and per hub the
//! before / after / change of every figure.

use super::hub::Band;
use super::metrics::{GroupFigures, Metrics};
use super::practice::PracticeId;
use super::quantity::{Fte, Patients, Pence};
use super::rules::RuleYear;
use super::scenario::Scenario;
use std::collections::BTreeMap;

/// The two scenarios are not options for the same practices.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the two options are on different regions ({before} practices vs {after}; first difference: {example})"
)]
pub struct DifferentRegions {
    pub before: usize,
    pub after: usize,
    pub example: String,
}

/// A hub as named in one side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct HubLabel {
    pub code: String,
    pub name: String,
}

/// One practice whose hub differs between the two options.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeMove {
    pub practice: PracticeId,
    pub code: String,
    pub name: String,
    /// `None`: unassigned on that side.
    pub from: Option<HubLabel>,
    pub to: Option<HubLabel>,
    pub registered: Patients,
    pub weighted: Patients,
    /// Why, as recorded in the after option's decision log.
    pub reason: Option<String>,
}

/// One hub code on either side: its figures before and after (`None` where it does not exist).
#[derive(Debug, Clone, PartialEq)]
pub struct HubChange {
    pub code: String,
    /// The name after (or before, for a hub that disappears).
    pub name: String,
    pub before: Option<GroupFigures>,
    pub after: Option<GroupFigures>,
}

impl HubChange {
    pub fn appears(&self) -> bool {
        self.before.is_none() && self.after.is_some()
    }

    pub fn disappears(&self) -> bool {
        self.before.is_some() && self.after.is_none()
    }

    /// After minus before of every additive figure (absent side = zero).
    pub fn change(&self) -> FigureChange {
        FigureChange::between(self.before.as_ref(), self.after.as_ref())
    }

    /// True when nothing about the hub differs.
    pub fn is_unchanged(&self) -> bool {
        self.before == self.after
    }
}

/// The difference of the additive figures of a group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FigureChange {
    pub practices: i64,
    pub registered: Patients,
    pub weighted: Patients,
    pub gp_fte: Fte,
    pub nurse_fte: Fte,
    /// Per line of the rule set.
    pub funding: Vec<Pence>,
    pub total: Pence,
    pub band_before: Option<Band>,
    pub band_after: Option<Band>,
}

impl FigureChange {
    fn between(before: Option<&GroupFigures>, after: Option<&GroupFigures>) -> Self {
        let empty = GroupFigures::default();
        let b = before.unwrap_or(&empty);
        let a = after.unwrap_or(&empty);
        let lines = a.funding.len().max(b.funding.len());
        let at = |figures: &GroupFigures, index: usize| {
            figures.funding.get(index).copied().unwrap_or_default()
        };
        Self {
            practices: i64::from(a.practices) - i64::from(b.practices),
            registered: a.registered - b.registered,
            weighted: a.weighted - b.weighted,
            gp_fte: a.gp_fte - b.gp_fte,
            nurse_fte: a.nurse_fte - b.nurse_fte,
            funding: (0..lines).map(|i| at(a, i) - at(b, i)).collect(),
            total: a.total - b.total,
            band_before: before.and_then(|f| f.band),
            band_after: after.and_then(|f| f.band),
        }
    }
}

/// Everything that differs between two options.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub year: RuleYear,
    /// The effective rules of the after side (with its rate edits), which both sides use.
    pub rules: std::sync::Arc<super::rules::RuleSet>,
    /// In region order.
    pub moves: Vec<PracticeMove>,
    /// Every hub code of either side, sorted by code.
    pub hubs: Vec<HubChange>,
    pub unassigned: HubChange,
    pub before_total: Pence,
    pub after_total: Pence,
}

impl Comparison {
    /// Hubs whose figures, name or existence differ.
    pub fn changed_hubs(&self) -> impl Iterator<Item = &HubChange> {
        self.hubs.iter().filter(|hub| !hub.is_unchanged())
    }
}

/// Compares two options under one rule year. Hubs are matched by code.
/// Today's PCNs of a scenario's region under the scenario's rates (its rule year, corrections
/// and loaded rule sets) and its entered adjusted populations: against it only the grouping
/// differs.
pub fn baseline_of(scenario: &Scenario) -> Scenario {
    let mut baseline = Scenario::baseline(scenario.region_arc().clone(), scenario.rule_year());
    baseline.set_rule_edits(scenario.rule_edits().clone());
    baseline.set_loaded_rule_sets(scenario.loaded_rule_sets().clone());
    baseline.set_adjusted_entries(scenario.adjusted_entries().clone());
    baseline
}

/// The figures of [`baseline_of`] by hub code (the Δ columns' "before").
pub fn baseline_figures(scenario: &Scenario) -> BTreeMap<String, GroupFigures> {
    let baseline = baseline_of(scenario);
    let metrics = Metrics::compute(&baseline);
    metrics
        .hubs
        .iter()
        .filter_map(|(id, figures)| Some((baseline.hub(*id)?.code.clone(), figures.clone())))
        .collect()
}

pub fn compare(
    before: &Scenario,
    after: &Scenario,
    year: RuleYear,
) -> Result<Comparison, DifferentRegions> {
    let (rb, ra) = (before.region(), after.region());
    let first_difference =
        (0..rb.len().min(ra.len())).find(|i| rb.practices()[*i].code != ra.practices()[*i].code);
    if rb.len() != ra.len() || first_difference.is_some() {
        let example = first_difference.map_or_else(
            || "one has more practices".to_string(),
            |i| format!("{} vs {}", rb.practices()[i].code, ra.practices()[i].code),
        );
        return Err(DifferentRegions {
            before: rb.len(),
            after: ra.len(),
            example,
        });
    }
    // Both sides use the after side's rates (its edits and loaded rules) and its entered adjusted
    // populations, so that only the grouping differs.
    let metrics_in = |scenario: &Scenario| {
        if scenario.rule_year == year
            && scenario.rule_edits() == after.rule_edits()
            && scenario.loaded_rule_sets() == after.loaded_rule_sets()
            && scenario.adjusted_entries() == after.adjusted_entries()
        {
            Metrics::compute(scenario)
        } else {
            let mut copy = scenario.clone();
            copy.rule_year = year;
            copy.set_rule_edits(after.rule_edits().clone());
            copy.set_loaded_rule_sets(after.loaded_rule_sets().clone());
            copy.set_adjusted_entries(after.adjusted_entries().clone());
            Metrics::compute(&copy)
        }
    };
    let (mb, ma) = (metrics_in(before), metrics_in(after));
    let label = |scenario: &Scenario, practice: PracticeId| {
        let id = scenario.hub_of(practice)?;
        let hub = scenario.hub(id)?;
        Some(HubLabel {
            code: hub.code.clone(),
            name: hub.name.clone(),
        })
    };
    let moves = rb
        .practice_ids()
        .filter_map(|id| {
            let (from, to) = (label(before, id), label(after, id));
            let same = from.as_ref().map(|l| &l.code) == to.as_ref().map(|l| &l.code);
            if same {
                return None;
            }
            let practice = rb.practice(id)?;
            Some(PracticeMove {
                practice: id,
                code: practice.code.clone(),
                name: practice.name.clone(),
                from,
                to,
                registered: practice.registered_patients,
                weighted: practice.weighted_or_registered(),
                reason: after.reason(id).map(str::to_string),
            })
        })
        .collect();
    let mut by_code: BTreeMap<String, HubChange> = BTreeMap::new();
    for (id, hub) in before.hubs() {
        by_code.insert(
            hub.code.clone(),
            HubChange {
                code: hub.code.clone(),
                name: hub.name.clone(),
                before: mb.hubs.get(id).cloned(),
                after: None,
            },
        );
    }
    for (id, hub) in after.hubs() {
        let entry = by_code
            .entry(hub.code.clone())
            .or_insert_with(|| HubChange {
                code: hub.code.clone(),
                name: hub.name.clone(),
                before: None,
                after: None,
            });
        entry.name = hub.name.clone();
        entry.after = ma.hubs.get(id).cloned();
    }
    Ok(Comparison {
        year,
        rules: ma.rules.clone(),
        moves,
        hubs: by_code.into_values().collect(),
        unassigned: HubChange {
            code: String::new(),
            name: "Unassigned".to_string(),
            before: Some(mb.unassigned.clone()),
            after: Some(ma.unassigned.clone()),
        },
        before_total: mb.region.total_funding,
        after_total: ma.region.total_funding,
    })
}
