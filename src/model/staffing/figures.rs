//! A hub's ARRS figures: its entitlement (the year's ARRS lines on its weighted population),
//! what its staff plan can claim, and the headroom between them; and staff per 10,000 patients
//! against England's.

use super::plan::{Employer, StaffPlan, StaffRow};
use super::roles::{PayArea, RoleGroup, catalogue};
use crate::model::hub::HubId;
use crate::model::practice::PracticeId;
use crate::model::quantity::{Fte, Patients, Pence};
use crate::model::rules::RuleYear;

/// The rule lines that make up the ARRS sum (GP ARRS was a line of its own in 2024/25).
pub const ARRS_LINE_IDS: [&str; 2] = ["arrs", "gp_arrs"];

/// England's staff per 10,000 registered patients (DOMAIN.md, "Staffing benchmarks"): 2,258
/// patients per fully qualified GP FTE (May 2025); about 3,700 per nurse FTE (16,483 FTE, March
/// 2019); about 14 ARRS FTE per PCN (March 2023) over a mean PCN of 63.9m / 1,267 patients.
pub const ENGLAND_GP_FTE_PER_10K: f64 = 10_000.0 / 2_258.0;
pub const ENGLAND_NURSE_FTE_PER_10K: f64 = 10_000.0 / 3_700.0;
pub const ENGLAND_ARRS_FTE_PER_10K: f64 = 14.0 * 10_000.0 / (63_900_000.0 / 1_267.0);

/// A hub's ARRS figures under its rule year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArrsFigures {
    /// The most the hub may claim: its ARRS lines (rate × weighted population).
    pub entitlement: Pence,
    /// Σ min(cost, maximum × WTE), pro rata from each row's start month.
    pub claimable: Pence,
    /// What the staff cost this year (actual cost, or the maximum where none is given), pro rata.
    pub cost: Pence,
    /// WTE of every row, and by group.
    pub wte: Fte,
    pub gp_wte: Fte,
    pub nurse_wte: Fte,
    pub other_wte: Fte,
    pub rows: u32,
    /// Rows whose role is not reimbursable in the year (they claim nothing).
    pub rows_not_reimbursable: u32,
    /// Rows whose maximum is a seeded, unverified figure.
    pub rows_unverified: u32,
}

impl ArrsFigures {
    /// Entitlement − claimable: negative is an overspend (costs the practices must meet).
    pub fn headroom(&self) -> Pence {
        self.entitlement - self.claimable
    }

    pub fn is_overspent(&self) -> bool {
        self.headroom().0 < 0
    }
}

/// The ARRS figures of a hub (`id`) whose members are `members`, with `entitlement` from its
/// funding lines.
pub fn arrs_figures(
    plan: &StaffPlan,
    year: RuleYear,
    id: HubId,
    members: &[PracticeId],
    entitlement: Pence,
) -> ArrsFigures {
    let mut figures = ArrsFigures {
        entitlement,
        ..ArrsFigures::default()
    };
    if !plan.has_staff() {
        return figures;
    }
    let area = plan.pay_area(id);
    let network = plan.rows_of(Employer::Network(id)).iter();
    let practices = members
        .iter()
        .flat_map(|practice| plan.rows_of(Employer::Practice(*practice)));
    for row in network.chain(practices) {
        figures.add_row(plan, year, area, row);
    }
    figures
}

impl ArrsFigures {
    /// Counts one row of staff in.
    pub fn add_row(&mut self, plan: &StaffPlan, year: RuleYear, area: PayArea, row: &StaffRow) {
        let figures = self;
        figures.rows += 1;
        figures.wte += row.wte;
        match catalogue().role(&row.role).map(|role| role.group) {
            Some(RoleGroup::Gp) => figures.gp_wte += row.wte,
            Some(RoleGroup::Nurse) => figures.nurse_wte += row.wte,
            _ => figures.other_wte += row.wte,
        }
        let (cost, claim) = row_cost_and_claim(plan, year, area, row, &mut |verified| {
            if !verified {
                figures.rows_unverified += 1;
            }
        });
        if claim.is_none() {
            figures.rows_not_reimbursable += 1;
        }
        figures.cost += cost;
        figures.claimable += claim.unwrap_or_default();
    }
}

/// One row's cost this year and what it can claim (`None` when the role is not reimbursable):
/// annual cost (or the maximum × WTE) and min(cost, maximum × WTE), each × months / 12 from the
/// start month, to the nearest penny.
pub fn row_cost_and_claim(
    plan: &StaffPlan,
    year: RuleYear,
    area: PayArea,
    row: &StaffRow,
    on_maximum: &mut dyn FnMut(bool),
) -> (Pence, Option<Pence>) {
    let months = 12 - i64::from(row.start_month.min(11));
    let pro_rata = |annual: Pence| Pence(div_round(annual.0 * months, 12));
    let maximum = plan
        .maximum(year, &row.role, area)
        .map(|(per_wte, verified)| {
            on_maximum(verified);
            Pence(div_round(per_wte.0 * row.wte.hundredths(), 100))
        });
    let annual_cost = row.annual_cost.or(maximum).unwrap_or_default();
    let claim = maximum.map(|maximum| pro_rata(annual_cost.min(maximum)));
    (pro_rata(annual_cost), claim)
}

/// `numerator / denominator` rounded half away from zero (denominator > 0).
fn div_round(numerator: i64, denominator: i64) -> i64 {
    let half = denominator / 2;
    if numerator >= 0 {
        (numerator + half) / denominator
    } else {
        (numerator - half) / denominator
    }
}

/// Staff per 10,000 registered patients (`None` for an empty list).
pub fn per_10k(fte: Fte, registered: Patients) -> Option<f64> {
    (registered.0 > 0).then(|| fte.as_f64() * 10_000.0 / registered.as_f64())
}
