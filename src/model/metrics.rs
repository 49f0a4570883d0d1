//! Every figure the app shows, from one place.
//!
//! [`group_figures`] computes a hub's (or the unassigned practices') figures from its members;
//! [`Metrics`] holds them for a whole scenario with region totals, and is brought up to date
//! after an action by recomputing only the groups it touched. The screen, the command line and
//! exports all read a `Metrics`.

use super::action::Touched;
use super::geo::distance_km;
use super::growth::ListTrend;
use super::hub::{Band, HubId};
use super::practice::LatLon;
use super::quantity::{Beds, Fte, Patients, Pence};
use super::rules::{Base, PaidTo, RuleSet};
use super::scenario::{AdjustedSource, Scenario};
use super::staffing::{ARRS_LINE_IDS, ArrsFigures, Employer};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The figures of one hub, or of the unassigned practices.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupFigures {
    pub practices: u32,
    pub registered: Patients,
    pub weighted: Patients,
    pub adjusted: Patients,
    /// Members whose adjusted population is not known, so that their weighted list stands in.
    pub practices_adjusted_estimated: u32,
    /// Members whose adjusted population the user entered.
    pub practices_adjusted_entered: u32,
    pub care_home_beds: Beds,
    pub gp_fte: Fte,
    pub nurse_fte: Fte,
    /// Registered patients of the members that have a GP FTE figure (the numerator of
    /// patients per GP FTE, so practices without workforce data do not distort it).
    pub registered_with_gp_fte: Patients,
    pub practices_without_gp_fte: u32,
    pub practices_without_nurse_fte: u32,
    /// `None` for the unassigned practices.
    pub band: Option<Band>,
    /// One amount per line of the rule set, in its order (all zero for the unassigned).
    pub funding: Vec<Pence>,
    /// Sum of `funding`.
    pub total: Pence,
    /// List-weighted centre of the members that have coordinates.
    pub centre: Option<LatLon>,
    /// Distance from `centre` to the furthest member, km.
    pub spread_km: Option<f64>,
    pub practices_without_location: u32,
    /// ARRS entitlement, claimable and headroom (all zero for the unassigned).
    pub arrs: ArrsFigures,
    /// Members with a list at the region's earlier extract date, for growth (`model::growth`).
    pub trend: ListTrend,
}

impl GroupFigures {
    /// Registered patients per GP FTE over the members that have a GP FTE figure.
    pub fn patients_per_gp_fte(&self) -> Option<f64> {
        (self.gp_fte.0 > 0).then(|| {
            self.registered_with_gp_fte.hundredths() as f64 / self.gp_fte.hundredths() as f64
        })
    }

    /// Amount of one line by id (zero where the year has no such line).
    pub fn line(&self, rules: &RuleSet, id: &str) -> Pence {
        rules
            .line_index(id)
            .and_then(|index| self.funding.get(index).copied())
            .unwrap_or_default()
    }
}

/// Totals over the whole region.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegionTotals {
    pub practices: u32,
    pub assigned: u32,
    pub unassigned: u32,
    pub hubs: u32,
    pub hubs_below: u32,
    pub hubs_within: u32,
    pub hubs_above: u32,
    /// All practices of the region, assigned or not.
    pub registered: Patients,
    pub weighted: Patients,
    pub gp_fte: Fte,
    pub nurse_fte: Fte,
    /// Registered patients in a hub.
    pub assigned_registered: Patients,
    /// Per line of the rule set, over all hubs.
    pub funding: Vec<Pence>,
    pub total_funding: Pence,
    // Sums over hubs only, kept so that an update touches nothing else.
    assigned_weighted: Patients,
    assigned_gp_fte: Fte,
    assigned_nurse_fte: Fte,
}

/// Figures of a scenario under its rule year.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// The effective rules the figures come from: the year's file with the user's edits.
    pub rules: Arc<RuleSet>,
    pub hubs: BTreeMap<HubId, GroupFigures>,
    pub unassigned: GroupFigures,
    pub region: RegionTotals,
}

/// Figures of one group of practices under a rule set: the hub `group` (whose own staff count
/// in its ARRS figures) or, for `None`, the unassigned practices, which get no band and no money.
pub fn group_figures(
    scenario: &Scenario,
    members: impl Iterator<Item = super::practice::PracticeId>,
    rules: &RuleSet,
    group: Option<HubId>,
) -> GroupFigures {
    let hub = group.is_some();
    let staff = scenario.staff();
    let count_staff = hub && staff.has_staff();
    let area = group.map(|id| staff.pay_area(id)).unwrap_or_default();
    let mut figures = GroupFigures::default();
    let mut lat_sum = 0.0;
    let mut lon_sum = 0.0;
    let mut weight_sum = 0.0;
    let mut located: Vec<(LatLon, f64)> = Vec::new();
    for id in members {
        let Some(practice) = scenario.region().practice(id) else {
            continue;
        };
        figures.practices += 1;
        figures.registered += practice.registered_patients;
        figures
            .trend
            .add(practice.earlier_registered, practice.registered_patients);
        figures.weighted += practice.weighted_or_registered();
        match scenario.adjusted_of(id) {
            Some((adjusted, source)) => {
                figures.adjusted += adjusted;
                match source {
                    AdjustedSource::Entered => figures.practices_adjusted_entered += 1,
                    AdjustedSource::WeightedList => figures.practices_adjusted_estimated += 1,
                    AdjustedSource::Data => {}
                }
            }
            None => figures.adjusted += practice.adjusted_or_weighted(),
        }
        figures.care_home_beds += practice.care_home_beds.unwrap_or_default();
        match practice.gp_fte {
            Some(fte) => {
                figures.gp_fte += fte;
                figures.registered_with_gp_fte += practice.registered_patients;
            }
            None => figures.practices_without_gp_fte += 1,
        }
        match practice.nurse_fte {
            Some(fte) => figures.nurse_fte += fte,
            None => figures.practices_without_nurse_fte += 1,
        }
        if !hub {
            continue;
        }
        if count_staff {
            for row in staff.rows_of(Employer::Practice(id)) {
                figures.arrs.add_row(staff, rules.year, area, row);
            }
        }
        match practice.location {
            Some(location) => {
                // Weight by list; a practice with an empty list still counts a little.
                let weight = practice.registered_patients.as_f64().max(1.0);
                lat_sum += location.lat * weight;
                lon_sum += location.lon * weight;
                weight_sum += weight;
                located.push((location, weight));
            }
            None => figures.practices_without_location += 1,
        }
    }
    if hub {
        figures.band = Some(Band::of(figures.registered));
        figures.funding = rules
            .lines
            .iter()
            .map(|line| {
                line.rates()
                    .map(|(base, rate)| {
                        let amount = match base {
                            Base::Registered => figures.registered.hundredths(),
                            Base::Weighted => figures.weighted.hundredths(),
                            Base::Adjusted => figures.adjusted.hundredths(),
                            Base::PerBed => figures.care_home_beds.hundredths(),
                        };
                        rate.pence_for(amount)
                    })
                    .sum()
            })
            .collect();
        figures.arrs.entitlement = ARRS_LINE_IDS.iter().map(|id| figures.line(rules, id)).sum();
        if let Some(id) = group.filter(|_| count_staff) {
            for row in staff.rows_of(Employer::Network(id)) {
                figures.arrs.add_row(staff, rules.year, area, row);
            }
        }
        if weight_sum > 0.0 {
            let centre = LatLon {
                lat: lat_sum / weight_sum,
                lon: lon_sum / weight_sum,
            };
            figures.centre = Some(centre);
            figures.spread_km = Some(
                located
                    .iter()
                    .map(|(location, _)| distance_km(centre, *location))
                    .fold(0.0, f64::max),
            );
        }
    } else {
        figures.funding = vec![Pence::ZERO; rules.lines.len()];
    }
    figures.total = figures.funding.iter().copied().sum();
    figures
}

/// Which lines are paid to practices rather than the network (for labels).
pub fn is_practice_line(rules: &RuleSet, index: usize) -> bool {
    rules
        .lines
        .get(index)
        .is_some_and(|line| line.paid_to == PaidTo::Practice)
}

impl Metrics {
    /// All figures of a scenario, from scratch.
    pub fn compute(scenario: &Scenario) -> Self {
        let rules = Arc::new(scenario.effective_rules());
        let hubs = scenario
            .hubs()
            .keys()
            .map(|id| {
                (
                    *id,
                    group_figures(scenario, scenario.members(*id), &rules, Some(*id)),
                )
            })
            .collect();
        let unassigned = group_figures(scenario, scenario.unassigned(), &rules, None);
        let mut metrics = Self {
            rules,
            hubs,
            unassigned,
            region: RegionTotals::default(),
        };
        metrics.region = metrics.totals_from_groups();
        metrics
    }

    /// Brings the figures up to date after an action, recomputing only the touched groups.
    pub fn update(&mut self, scenario: &Scenario, touched: &Touched) {
        // Rule edits and year changes touch everything; the year check also catches a year
        // set directly on the scenario.
        if touched.everything || self.rules.year != scenario.rule_year {
            *self = Self::compute(scenario);
            return;
        }
        for group in &touched.groups {
            match group {
                Some(id) => {
                    if let Some(old) = self.hubs.remove(id) {
                        self.region.apply_hub(&old, -1);
                    }
                    if scenario.hub(*id).is_some() {
                        let new =
                            group_figures(scenario, scenario.members(*id), &self.rules, Some(*id));
                        self.region.apply_hub(&new, 1);
                        self.hubs.insert(*id, new);
                    }
                }
                None => {
                    self.unassigned =
                        group_figures(scenario, scenario.unassigned(), &self.rules, None);
                }
            }
        }
        self.region.refresh_with_unassigned(&self.unassigned);
    }

    fn totals_from_groups(&self) -> RegionTotals {
        let mut totals = RegionTotals {
            funding: vec![Pence::ZERO; self.rules.lines.len()],
            ..RegionTotals::default()
        };
        for figures in self.hubs.values() {
            totals.apply_hub(figures, 1);
        }
        totals.refresh_with_unassigned(&self.unassigned);
        totals
    }

    /// Figures of a group: a hub, or the unassigned practices for `None`.
    pub fn group(&self, group: Option<HubId>) -> Option<&GroupFigures> {
        match group {
            Some(id) => self.hubs.get(&id),
            None => Some(&self.unassigned),
        }
    }
}

impl RegionTotals {
    /// Adds (`sign` = 1) or removes (`sign` = -1) one hub's figures. Integer sums stay exact.
    fn apply_hub(&mut self, figures: &GroupFigures, sign: i64) {
        let count = |value: &mut u32, by: u32| {
            *value = (i64::from(*value) + sign * i64::from(by)).max(0) as u32;
        };
        count(&mut self.hubs, 1);
        count(&mut self.assigned, figures.practices);
        match figures.band {
            Some(Band::Below) => count(&mut self.hubs_below, 1),
            Some(Band::Within) => count(&mut self.hubs_within, 1),
            Some(Band::Above) => count(&mut self.hubs_above, 1),
            None => {}
        }
        self.assigned_registered.0 += sign * figures.registered.0;
        self.assigned_weighted.0 += sign * figures.weighted.0;
        self.assigned_gp_fte.0 += sign * figures.gp_fte.0;
        self.assigned_nurse_fte.0 += sign * figures.nurse_fte.0;
        if self.funding.len() < figures.funding.len() {
            self.funding.resize(figures.funding.len(), Pence::ZERO);
        }
        for (total, amount) in self.funding.iter_mut().zip(&figures.funding) {
            total.0 += sign * amount.0;
        }
        self.total_funding.0 += sign * figures.total.0;
    }

    /// Region-wide figures = hub sums + the unassigned practices.
    fn refresh_with_unassigned(&mut self, unassigned: &GroupFigures) {
        self.unassigned = unassigned.practices;
        self.practices = self.assigned + unassigned.practices;
        self.registered = self.assigned_registered + unassigned.registered;
        self.weighted = self.assigned_weighted + unassigned.weighted;
        self.gp_fte = self.assigned_gp_fte + unassigned.gp_fte;
        self.nurse_fte = self.assigned_nurse_fte + unassigned.nurse_fte;
    }
}
